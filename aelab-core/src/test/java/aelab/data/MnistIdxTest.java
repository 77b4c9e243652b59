package aelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes IDX files byte by byte (the format spelled out here, independently of the reader) and reads them back. */
class MnistIdxTest {
    @TempDir
    Path dir;

    /** 3 images of 2 rows x 3 columns; pixel (image i, position j) = 40*i + 10*j + 5, plus one 255. */
    private static final int COUNT = 3;
    private static final int ROWS = 2;
    private static final int COLS = 3;

    private static byte[] pixelBytes() {
        byte[] b = new byte[COUNT * ROWS * COLS];
        for (int i = 0; i < COUNT; i++) {
            for (int j = 0; j < ROWS * COLS; j++) {
                b[i * ROWS * COLS + j] = (byte) (40 * i + 10 * j + 5);
            }
        }
        b[b.length - 1] = (byte) 255;
        return b;
    }

    /** An IDX file: the magic number and dimensions as big-endian int32, then the body. */
    static byte[] idx(int magic, int[] dims, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(body);
        out.flush();
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path path = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(path)) : Files.newOutputStream(path)) {
            out.write(content);
        }
        return path;
    }

    private Path images(String name, boolean gzip) throws IOException {
        return write(name, idx(2051, new int[] {COUNT, ROWS, COLS}, pixelBytes()), gzip);
    }

    private Path labels(String name, boolean gzip, byte... labels) throws IOException {
        return write(name, idx(2049, new int[] {labels.length}, labels), gzip);
    }

    private void assertReadsBack(boolean gzip) throws IOException {
        String suffix = gzip ? ".gz" : "";
        ByteImages bytes = MnistIdx.load(images("images-idx3-ubyte" + suffix, gzip),
                labels("labels-idx1-ubyte" + suffix, gzip, (byte) 7, (byte) 0, (byte) 200));
        Dataset data = bytes.toDataset(0, COUNT);
        assertEquals(COUNT, data.size());
        assertEquals(ROWS * COLS, data.dimension());
        assertEquals(COLS, data.imageWidth());
        assertEquals(ROWS, data.imageHeight());
        assertArrayEquals(new int[] {7, 0, 200}, data.labels());
        for (int i = 0; i < COUNT; i++) {
            double[] row = data.row(i);
            for (int j = 0; j < ROWS * COLS; j++) {
                int raw = (i == COUNT - 1 && j == ROWS * COLS - 1) ? 255 : 40 * i + 10 * j + 5;
                assertEquals(raw / 255.0, row[j], 0.0, "image " + i + " pixel " + j);
            }
        }
        assertEquals(1.0, data.row(COUNT - 1)[ROWS * COLS - 1]);
    }

    @Test
    void rawFilesReadBack() throws IOException {
        assertReadsBack(false);
    }

    @Test
    void gzippedFilesReadBack() throws IOException {
        assertReadsBack(true);
    }

    @Test
    void readImagesReportsGeometry() throws IOException {
        ByteImages images = MnistIdx.readImages(images("img", true));
        assertEquals(COUNT, images.size());
        assertFalse(images.hasLabels());
        assertEquals(ROWS, images.imageHeight());
        assertEquals(COLS, images.imageWidth());
        assertEquals(45, images.pixel(1, 0));
    }

    @Test
    void rejectsWrongMagicNumber() throws IOException {
        Path labelsFile = labels("labels", false, (byte) 1);
        var e = assertThrows(IllegalArgumentException.class, () -> MnistIdx.readImages(labelsFile));
        assertEquals(labelsFile + " is not an IDX images file: magic number must be 2051, got 2049 (a labels file)",
                e.getMessage());
        Path corrupt = write("corrupt", idx(1234, new int[] {1}, new byte[] {1}), false);
        e = assertThrows(IllegalArgumentException.class, () -> MnistIdx.readLabels(corrupt));
        assertEquals(corrupt + " is not an IDX labels file: magic number must be 2049, got 1234", e.getMessage());
    }

    @Test
    void rejectsTruncatedRawFile() throws IOException {
        byte[] full = idx(2051, new int[] {COUNT, ROWS, COLS}, pixelBytes());
        Path truncated = write("truncated", Arrays.copyOf(full, full.length - 4), false);
        var e = assertThrows(IllegalArgumentException.class, () -> MnistIdx.readImages(truncated));
        assertEquals(truncated + " is truncated: the header declares 3 images of 2x3 = 18 data bytes, got 14",
                e.getMessage());
    }

    @Test
    void rejectsTruncatedGzipFile() throws IOException {
        Path whole = images("whole.gz", true);
        byte[] gz = Files.readAllBytes(whole);
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length - 12), false);
        var e = assertThrows(IllegalArgumentException.class, () -> MnistIdx.readImages(cut));
        assertTrue(e.getMessage().startsWith(cut + " is truncated: the header declares 3 images of 2x3 = 18 data bytes"),
                e.getMessage());
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        Path shortHeader = write("short", new byte[] {0, 0, 8, 3, 0, 0}, false);
        var e = assertThrows(IllegalArgumentException.class, () -> MnistIdx.readImages(shortHeader));
        assertEquals(shortHeader + " is truncated: the header ends before the image count", e.getMessage());
    }

    @Test
    void rejectsNonPositiveDimension() throws IOException {
        Path zeroRows = write("zero", idx(2051, new int[] {1, 0, 3}, new byte[0]), false);
        var e = assertThrows(IllegalArgumentException.class, () -> MnistIdx.readImages(zeroRows));
        assertEquals(zeroRows + ": row count must be > 0, got 0", e.getMessage());
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        Path extra = write("extra", idx(2049, new int[] {2}, new byte[] {1, 2, 3}), false);
        var e = assertThrows(IllegalArgumentException.class, () -> MnistIdx.readLabels(extra));
        assertEquals(extra + " has trailing bytes after the 2 data bytes its header declares (2 labels)",
                e.getMessage());
    }

    @Test
    void rejectsDifferentImageAndLabelCounts() throws IOException {
        Path img = images("img", false);
        Path lab = labels("lab", false, (byte) 1, (byte) 2);
        var e = assertThrows(IllegalArgumentException.class, () -> MnistIdx.load(img, lab));
        assertEquals("labels file " + lab + " must have 3 labels (one per image in " + img + "), got 2",
                e.getMessage());
    }

    /** Bytes allocated by this thread while running {@code action} (HotSpot's per-thread allocation counter). */
    private static long allocatedBytes(Runnable action) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        action.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /**
     * A 16-byte file whose header declares one image of 46340 x 46340 pixels (2,147,395,600 bytes, just under the
     * largest Java array) must be rejected as truncated without first allocating the 2 GB it declares: under the
     * kernel's -Xmx1g that allocation is an OutOfMemoryError. Raw and gzip'd.
     */
    @Test
    void hostileHeaderIsRejectedBeforeAllocating() throws IOException {
        byte[] header = idx(2051, new int[] {1, 46340, 46340}, new byte[0]);
        assertEquals(16, header.length);
        for (boolean gzip : new boolean[] {false, true}) {
            Path hostile = write(gzip ? "hostile.gz" : "hostile", header, gzip);
            long allocated = allocatedBytes(() -> {
                var e = assertThrows(IllegalArgumentException.class, () -> MnistIdx.readImages(hostile));
                assertTrue(e.getMessage().startsWith(hostile + " is truncated: the header declares 1 images of "
                        + "46340x46340 = 2147395600 data bytes"), e.getMessage());
            });
            assertTrue(allocated < 64L << 20, (gzip ? "gzip: " : "raw: ") + "allocated " + allocated + " bytes");
        }
    }
}
