package aelab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchDataTest {
    @TempDir
    Path dir;

    @Test
    void bernoulliBytesAreSeededAndHaveTheRequestedRate() {
        byte[] a = BenchData.bernoulliBytes(500, 200, 0.13, 7);
        assertArrayEquals(a, BenchData.bernoulliBytes(500, 200, 0.13, 7));
        int ones = 0;
        for (byte b : a) {
            assertTrue(b == 0 || b == 1);
            ones += b;
        }
        // Binomial(100000, 0.13): standard error sqrt(n p (1-p)) ≈ 106; allow 5 standard errors.
        double n = a.length;
        assertEquals(0.13 * n, ones, 5 * Math.sqrt(n * 0.13 * 0.87));
    }

    @Test
    void writtenFileHasTheFormatTheReferenceScriptReads() throws IOException {
        byte[] bytes = {0, 1, 1, 0, 1, 0};
        Path f = dir.resolve("x.u8");
        BenchData.writeBytes(f, bytes, 2, 3, 1.0);
        byte[] all = Files.readAllBytes(f);
        String header = "AELABU8\n2 3 1.0\n";
        assertEquals(header, new String(all, 0, header.length(), StandardCharsets.US_ASCII));
        assertEquals(header.length() + 6, all.length);
        DMatrixRMaj x = BenchData.fromBytes(bytes, 2, 3, 1.0);
        assertArrayEquals(new double[] {0, 1, 1, 0, 1, 0}, x.data);
    }

    @Test
    void digitsCsvIsScaledBySixteen() throws IOException {
        Path f = dir.resolve("d.csv.gz");
        StringBuilder row = new StringBuilder();
        for (int j = 0; j < 64; j++) {
            row.append(j % 17).append(',');
        }
        row.append("3\n");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write((row.toString() + row).getBytes(StandardCharsets.US_ASCII));
        }
        DMatrixRMaj x = BenchData.readDigitsCsv(f);
        assertEquals(2, x.numRows);
        assertEquals(64, x.numCols);
        assertEquals(16 / 16.0, x.get(1, 16), 0.0);
        assertEquals(5 / 16.0, x.get(0, 5), 0.0);
    }

    @Test
    void badInputIsRejected() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "1,2,3\n");
        var e = assertThrows(IllegalArgumentException.class, () -> BenchData.readDigitsCsv(f));
        assertTrue(e.getMessage().startsWith("digits CSV rows must have 65 fields (64 pixels, label), got 3"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchData.fromBytes(new byte[5], 2, 3, 1.0));
        assertEquals("bytes must have length 6, got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchData.bernoulliBytes(2, 3, 1.5, 1));
        assertEquals("p must be in [0.0, 1.0], got 1.5", e.getMessage());
    }
}
