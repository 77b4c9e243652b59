package aelab.data;

import aelab.core.Require;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Reader for the MNIST files in IDX format (LeCun, Cortes and Burges, "The MNIST database of handwritten digits",
 * http://yann.lecun.com/exdb/mnist/), for users who already have them; nothing is downloaded.
 *
 * <p>IDX layout (all integers big-endian): images file = magic 2051 ({@code 0x00000803}), count, rows, columns,
 * then count·rows·columns unsigned bytes (row-major, 0 = background, 255 = ink); labels file = magic 2049
 * ({@code 0x00000801}), count, then count unsigned bytes. Files may be gzip-compressed (recognised by the gzip
 * header bytes {@code 1f 8b}, whatever the file name) or raw. Pixel values are scaled by \(x = b / 255 \in [0,1]\).
 *
 * <p>Malformed files are rejected with an {@link IllegalArgumentException} naming the file and the problem: wrong
 * magic number, non-positive dimensions, truncated data or trailing bytes
 * and, in {@link #load}, different image and label counts.
 */
public final class MnistIdx {
    /** Magic number of an IDX file of unsigned-byte 3-D data (images). */
    public static final int IMAGES_MAGIC = 2051;
    /** Magic number of an IDX file of unsigned-byte 1-D data (labels). */
    public static final int LABELS_MAGIC = 2049;

    private MnistIdx() {
    }

    /**
     * Images read from an IDX file.
     *
     * @param rows    pixel rows per image (image height)
     * @param columns pixels per row (image width)
     * @param pixels  {@code count x (rows*columns)}, values in [0, 1]
     */
    public record Images(int rows, int columns, DMatrixRMaj pixels) {
        /** Validates (rows, columns ≥ 1, pixels with rows·columns columns) and copies the matrix. */
        public Images {
            Require.positive("rows", rows);
            Require.positive("columns", columns);
            Require.cols("pixels", pixels, rows * columns);
            pixels = pixels.copy();
        }

        /** A copy of the pixel matrix. */
        @Override
        public DMatrixRMaj pixels() {
            return pixels.copy();
        }

        /** Number of images. */
        public int count() {
            return pixels.numRows;
        }
    }

    /**
     * Reads an IDX images file (raw or gzip).
     *
     * @throws IllegalArgumentException if the file is malformed (see class comment)
     * @throws IOException              if the file cannot be read
     */
    public static Images readImages(Path path) throws IOException {
        Require.notNull("path", path);
        try (DataInputStream in = open(path)) {
            requireMagic(in, path, IMAGES_MAGIC, "images", LABELS_MAGIC, "a labels file");
            int count = positiveHeaderInt(in, path, "image count");
            int rows = positiveHeaderInt(in, path, "row count");
            int columns = positiveHeaderInt(in, path, "column count");
            long total = (long) count * rows * columns;
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(path + " declares " + count + " images of " + rows + "x" + columns
                        + " = " + total + " pixels, more than a matrix can hold");
            }
            byte[] bytes = readBody(in, path, (int) total, count + " images of " + rows + "x" + columns);
            DMatrixRMaj pixels = new DMatrixRMaj(count, rows * columns);
            for (int i = 0; i < bytes.length; i++) {
                pixels.data[i] = (bytes[i] & 0xFF) / 255.0;
            }
            return new Images(rows, columns, pixels);
        }
    }

    /**
     * Reads an IDX labels file (raw or gzip); labels are the unsigned byte values.
     *
     * @throws IllegalArgumentException if the file is malformed (see class comment)
     * @throws IOException              if the file cannot be read
     */
    public static int[] readLabels(Path path) throws IOException {
        Require.notNull("path", path);
        try (DataInputStream in = open(path)) {
            requireMagic(in, path, LABELS_MAGIC, "labels", IMAGES_MAGIC, "an images file");
            int count = positiveHeaderInt(in, path, "label count");
            byte[] bytes = readBody(in, path, count, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        }
    }

    /**
     * Reads images and labels into an image {@link Dataset} named after the images file, pixels / 255.
     *
     * @throws IllegalArgumentException if a file is malformed or the counts differ
     * @throws IOException              if a file cannot be read
     */
    public static Dataset load(Path imagesPath, Path labelsPath) throws IOException {
        Require.notNull("imagesPath", imagesPath);
        Require.notNull("labelsPath", labelsPath);
        Images images = readImages(imagesPath);
        int[] labels = readLabels(labelsPath);
        if (labels.length != images.count()) {
            throw new IllegalArgumentException("labels file " + labelsPath + " must have " + images.count()
                    + " labels (one per image in " + imagesPath + "), got " + labels.length);
        }
        return Dataset.ofImages(imagesPath.getFileName().toString(), images.pixels, labels, images.columns(),
                images.rows());
    }

    private static DataInputStream open(Path path) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        InputStream source = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16))
                : in;
        return new DataInputStream(source);
    }

    private static void requireMagic(DataInputStream in, Path path, int expected, String kind, int otherMagic,
            String otherKind) throws IOException {
        int magic = readHeaderInt(in, path, "magic number");
        if (magic != expected) {
            throw new IllegalArgumentException(path + " is not an IDX " + kind + " file: magic number must be "
                    + expected + ", got " + magic + (magic == otherMagic ? " (" + otherKind + ")" : ""));
        }
    }

    private static int readHeaderInt(DataInputStream in, Path path, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(path + " is truncated: the header ends before the " + what, e);
        }
    }

    private static int positiveHeaderInt(DataInputStream in, Path path, String what) throws IOException {
        int v = readHeaderInt(in, path, what);
        if (v <= 0) {
            throw new IllegalArgumentException(path + ": " + what + " must be > 0, got " + v);
        }
        return v;
    }

    private static byte[] readBody(DataInputStream in, Path path, int length, String declared) throws IOException {
        byte[] bytes = new byte[length];
        int read = 0;
        try {
            while (read < length) {
                int r = in.read(bytes, read, length - read);
                if (r < 0) {
                    break;
                }
                read += r;
            }
        } catch (EOFException e) {
            // a truncated gzip stream: report it like a short raw file below
        }
        if (read < length) {
            throw new IllegalArgumentException(path + " is truncated: the header declares " + declared + " = "
                    + length + " data bytes, got " + read);
        }
        if (in.read() >= 0) {
            throw new IllegalArgumentException(path + " has trailing bytes after the " + length
                    + " data bytes its header declares (" + declared + ")");
        }
        return bytes;
    }
}
