package aelab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.ejml.data.DMatrixRMaj;

/**
 * The UCI ML hand-written digits (E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten Digits", UCI
 * Machine Learning Repository, 1998, https://doi.org/10.24432/C50P49, CC BY 4.0), in the 1797-image version
 * distributed with scikit-learn ({@code sklearn.datasets.load_digits}).
 *
 * <p>Each image is 8x8; the raw pixel value is the number of "on" pixels (0..16) in a 4x4 block of a 32x32
 * bitmap. {@link #load()} returns the features scaled to the unit interval, \(x_{ij} = \text{raw}_{ij} / 16 \in
 * [0, 1]\) (so Bernoulli and sigmoid decoders apply directly), and the digit labels 0..9.
 *
 * <p>The data ship as the resource {@code aelab/data/digits.csv.gz} (1797 lines of 65 comma-separated integers:
 * 64 pixels in row-major order, then the label); attribution and licence are in
 * {@code aelab/data/DIGITS-NOTICE.txt} next to it.
 */
public final class Digits {
    /** Number of images. */
    public static final int SIZE = 1797;
    /** Image width and height in pixels. */
    public static final int SIDE = 8;
    /** Largest raw pixel value; {@link #load()} divides by it. */
    public static final double MAX_RAW_VALUE = 16.0;

    static final String RESOURCE = "/aelab/data/digits.csv.gz";

    private Digits() {
    }

    /**
     * Loads the 1797 x 64 digits data set, pixels divided by 16 into [0, 1], labels 0..9, image size 8x8.
     *
     * @throws UncheckedIOException if the bundled resource is missing or malformed
     */
    public static Dataset load() {
        try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new UncheckedIOException(new IOException("resource " + RESOURCE + " not found on the classpath"));
            }
            return parse(new GZIPInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Dataset parse(InputStream in) throws IOException {
        int d = SIDE * SIDE;
        DMatrixRMaj x = new DMatrixRMaj(SIZE, d);
        int[] labels = new int[SIZE];
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        int row = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            if (row >= SIZE) {
                throw new IOException(RESOURCE + " has more than " + SIZE + " rows");
            }
            String[] fields = line.split(",");
            if (fields.length != d + 1) {
                throw new IOException(RESOURCE + " line " + (row + 1) + " must have " + (d + 1) + " fields, got "
                        + fields.length);
            }
            for (int j = 0; j < d; j++) {
                x.data[row * d + j] = Integer.parseInt(fields[j].trim()) / MAX_RAW_VALUE;
            }
            labels[row] = Integer.parseInt(fields[d].trim());
            row++;
        }
        if (row != SIZE) {
            throw new IOException(RESOURCE + " must have " + SIZE + " rows, got " + row);
        }
        return Dataset.ofImages("digits", x, labels, SIDE, SIDE);
    }
}
