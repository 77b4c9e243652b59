package aelab.data;

import aelab.core.Interrupts;
import aelab.core.Require;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The one reader of IDX files in aelab: the MNIST files (LeCun, Cortes and Burges, "The MNIST database of handwritten
 * digits", http://yann.lecun.com/exdb/mnist/), Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, same layout and file
 * names) and the 10,000 digits bundled with {@link Mnist}. Nothing is downloaded.
 *
 * <p>IDX layout (all integers big-endian): images file = magic 2051 ({@code 0x00000803}), count, rows, columns,
 * then count·rows·columns unsigned bytes (row-major, 0 = background, 255 = ink); labels file = magic 2049
 * ({@code 0x00000801}), count, then count unsigned bytes. Files may be gzip-compressed (recognised by the gzip
 * header bytes {@code 1f 8b}, whatever the file name) or raw. Pixels are kept as bytes ({@link ByteImages});
 * doubles \(x = b / 255 \in [0,1]\) are made per batch.
 *
 * <p>Malformed files are rejected with an {@link IllegalArgumentException} naming the file and the problem: wrong
 * magic number, non-positive dimensions, truncated data or trailing bytes and, in {@link #load}, different image and
 * label counts. A header is checked before anything it declares is allocated: a raw file must have exactly the
 * declared size, the declared bytes must fit in the free heap, and compressed data are read in chunks into a buffer
 * that grows only as data arrive, so a 16-byte file declaring a 46340 x 46340 image fails as truncated instead of
 * allocating 2 GB.
 */
public final class MnistIdx {
    /** Magic number of an IDX file of unsigned-byte 3-D data (images). */
    public static final int IMAGES_MAGIC = 2051;
    /** Magic number of an IDX file of unsigned-byte 1-D data (labels). */
    public static final int LABELS_MAGIC = 2049;

    private static final int CHUNK = 1 << 20;

    private MnistIdx() {
    }

    /**
     * Reads an IDX images file (raw or gzip) as unlabelled byte images named after the file.
     *
     * @throws IllegalArgumentException if the file is malformed (see class comment)
     * @throws IOException              if the file cannot be read
     */
    public static ByteImages readImages(Path path) throws IOException {
        Require.notNull("path", path);
        try (InputStream in = Files.newInputStream(path)) {
            return readImages(in, path.toString(), path.getFileName().toString(), Files.size(path));
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
        try (InputStream in = Files.newInputStream(path)) {
            return readLabels(in, path.toString(), Files.size(path));
        }
    }

    /**
     * Reads images and labels into labelled byte images named after the images file.
     *
     * @throws IllegalArgumentException if a file is malformed or the counts differ
     * @throws IOException              if a file cannot be read
     */
    public static ByteImages load(Path imagesPath, Path labelsPath) throws IOException {
        Require.notNull("imagesPath", imagesPath);
        Require.notNull("labelsPath", labelsPath);
        ByteImages images = readImages(imagesPath);
        int[] labels = readLabels(labelsPath);
        return withLabels(images, labels, imagesPath.toString(), labelsPath.toString());
    }

    static ByteImages withLabels(ByteImages images, int[] labels, String imagesSource, String labelsSource) {
        if (labels.length != images.size()) {
            throw new IllegalArgumentException("labels file " + labelsSource + " must have " + images.size()
                    + " labels (one per image in " + imagesSource + "), got " + labels.length);
        }
        return images.withLabels(labels);
    }

    /**
     * @param source   name used in messages
     * @param fileSize size of the stream in bytes, or -1 when unknown
     */
    static ByteImages readImages(InputStream raw, String source, String name, long fileSize) throws IOException {
        Stream s = open(raw, fileSize);
        DataInputStream in = s.in;
        requireMagic(in, source, IMAGES_MAGIC, "images", LABELS_MAGIC, "a labels file");
        int count = positiveHeaderInt(in, source, "image count");
        int rows = positiveHeaderInt(in, source, "row count");
        int columns = positiveHeaderInt(in, source, "column count");
        long total = (long) count * rows * columns;
        String declared = count + " images of " + rows + "x" + columns;
        byte[] bytes = readBody(in, source, total, declared, s.rawSize(16));
        return ByteImages.wrap(name, bytes, null, columns, rows);
    }

    static int[] readLabels(InputStream raw, String source, long fileSize) throws IOException {
        Stream s = open(raw, fileSize);
        DataInputStream in = s.in;
        requireMagic(in, source, LABELS_MAGIC, "labels", IMAGES_MAGIC, "an images file");
        int count = positiveHeaderInt(in, source, "label count");
        byte[] bytes = readBody(in, source, count, count + " labels", s.rawSize(8));
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = bytes[i] & 0xFF;
        }
        return labels;
    }

    /** An opened stream; {@code bodySize} is known only for raw (uncompressed) input of known size. */
    private record Stream(DataInputStream in, boolean gzip, long fileSize) {
        long rawSize(int headerBytes) {
            return gzip || fileSize < 0 ? -1 : fileSize - headerBytes;
        }
    }

    private static Stream open(InputStream raw, long fileSize) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        InputStream source = gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
        return new Stream(new DataInputStream(source), gzip, fileSize);
    }

    private static void requireMagic(DataInputStream in, String source, int expected, String kind, int otherMagic,
            String otherKind) throws IOException {
        int magic = readHeaderInt(in, source, "magic number");
        if (magic != expected) {
            throw new IllegalArgumentException(source + " is not an IDX " + kind + " file: magic number must be "
                    + expected + ", got " + magic + (magic == otherMagic ? " (" + otherKind + ")" : ""));
        }
    }

    private static int readHeaderInt(DataInputStream in, String source, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(source + " is truncated: the header ends before the " + what, e);
        }
    }

    private static int positiveHeaderInt(DataInputStream in, String source, String what) throws IOException {
        int v = readHeaderInt(in, source, what);
        if (v <= 0) {
            throw new IllegalArgumentException(source + ": " + what + " must be > 0, got " + v);
        }
        return v;
    }

    /**
     * Reads exactly {@code length} body bytes, checking the declaration against what can exist before allocating it.
     *
     * @param rawBodySize bytes after the header in an uncompressed file, or -1 when unknown (gzip, stream)
     */
    private static byte[] readBody(DataInputStream in, String source, long length, String declared, long rawBodySize)
            throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(source + " declares " + declared + " = " + length
                    + " data bytes, more than an array can hold");
        }
        if (rawBodySize >= 0 && rawBodySize < length) {
            throw new IllegalArgumentException(source + " is truncated: the header declares " + declared + " = "
                    + length + " data bytes, got " + rawBodySize);
        }
        if (rawBodySize > length) {
            throw new IllegalArgumentException(source + " has trailing bytes after the " + length
                    + " data bytes its header declares (" + declared + ")");
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (length > free) {
            throw new IllegalArgumentException(source + " declares " + declared + " = " + length
                    + " data bytes, more than the " + free + " bytes of free heap (raise -Xmx)");
        }
        int n = (int) length;
        byte[] bytes = new byte[rawBodySize >= 0 ? n : Math.min(n, CHUNK)];
        int read = 0;
        try {
            while (read < n) {
                Interrupts.check("reading " + source, read, n, "data bytes");
                if (read == bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(n, 2L * bytes.length));
                }
                int r = in.read(bytes, read, bytes.length - read);
                if (r < 0) {
                    break;
                }
                read += r;
            }
        } catch (EOFException e) {
            // a truncated gzip stream: report it like a short raw file below
        }
        if (read < n) {
            throw new IllegalArgumentException(source + " is truncated: the header declares " + declared + " = "
                    + length + " data bytes, got " + read);
        }
        if (in.read() >= 0) {
            throw new IllegalArgumentException(source + " has trailing bytes after the " + length
                    + " data bytes its header declares (" + declared + ")");
        }
        return bytes;
    }
}
