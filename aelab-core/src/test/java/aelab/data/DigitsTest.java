package aelab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compares {@link Digits#load()} with values computed by scikit-learn (reference/digits_reference.py). */
class DigitsTest {
    private static Dataset digits;
    private static List<String[]> reference;

    @BeforeAll
    static void load() throws IOException {
        digits = Digits.load();
        reference = new ArrayList<>();
        try (InputStream in = DigitsTest.class.getResourceAsStream("/reference/digits_reference.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    reference.add(line.split(","));
                }
            }
        }
    }

    private static List<String[]> records(String kind) {
        return reference.stream().filter(r -> r[0].equals(kind)).toList();
    }

    @Test
    void shapeAndGeometryMatchSklearn() {
        String[] shape = records("shape").get(0);
        assertEquals(Integer.parseInt(shape[1]), digits.size());
        assertEquals(Integer.parseInt(shape[2]), digits.dimension());
        assertEquals(1797, digits.size());
        assertEquals(64, digits.dimension());
        assertTrue(digits.isImage());
        assertEquals(8, digits.imageWidth());
        assertEquals(8, digits.imageHeight());
    }

    @Test
    void labelCountsMatchSklearn() {
        int[] counts = new int[10];
        for (int label : digits.labels()) {
            counts[label]++;
        }
        List<String[]> expected = records("label_count");
        assertEquals(10, expected.size());
        for (String[] r : expected) {
            assertEquals(Integer.parseInt(r[2]), counts[Integer.parseInt(r[1])], "count of digit " + r[1]);
        }
    }

    @Test
    void firstImageMatchesSklearnScaledBy16() {
        String[] r = records("first_image").get(0);
        double[] first = digits.row(0);
        assertEquals(64, r.length - 1);
        for (int j = 0; j < 64; j++) {
            assertEquals(Double.parseDouble(r[j + 1]), first[j], 0.0, "pixel " + j);
        }
        assertEquals(Integer.parseInt(records("first_label").get(0)[1]), digits.label(0));
    }

    @Test
    void everyRowChecksumAndLabelMatchSklearn() {
        List<String[]> rows = records("row");
        assertEquals(1797, rows.size());
        for (String[] r : rows) {
            int i = Integer.parseInt(r[1]);
            double[] x = digits.row(i);
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < x.length; j++) {
                sum += x[j];
                weighted += (j + 1) * x[j];
            }
            assertEquals(Integer.parseInt(r[2]), digits.label(i), "label of row " + i);
            assertEquals(Double.parseDouble(r[3]), sum, 1e-12, "sum of row " + i);
            assertEquals(Double.parseDouble(r[4]), weighted, 1e-10, "weighted sum of row " + i);
        }
    }

    @Test
    void pixelsAreInUnitIntervalAndNoticeShips() throws IOException {
        double[] x = digits.features().data;
        for (double v : x) {
            assertTrue(v >= 0 && v <= 1, "pixel " + v);
        }
        try (InputStream in = Digits.class.getResourceAsStream("/aelab/data/DIGITS-NOTICE.txt")) {
            String notice = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(notice.contains("CC BY 4.0"));
            assertTrue(notice.contains("https://doi.org/10.24432/C50P49"));
        }
    }
}
