package aelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aelab.core.Rng;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: {@code split} and {@code features()} of a 60,000×784 data set ran out of memory in a 1 GB heap through
 * defensive copies. A child JVM with {@code -Xmx1g} builds such a data set, splits it, shuffles and subsets it and
 * copies the features of a part; it must finish. (With full copies per part: 376 MB stored + 376 MB of parts + 301 MB
 * of train features = 1,053 MB &gt; 1 GB.) The parts' contents are checked against the original in a small case.
 */
class DatasetMemoryTest {
    /** Run in the child JVM. */
    public static void main(String[] args) {
        int n = 60_000;
        int d = 784;
        Dataset data = mnistSized(n, d);
        Dataset.Split split = data.split(0.8, Rng.seeded(1));
        Dataset shuffled = split.train().shuffled(Rng.seeded(2)).subset(10, 40_000);
        DMatrixRMaj train = shuffled.features();
        System.out.println("ok " + train.numRows + "x" + train.numCols + " " + split.test().size());
    }

    /** Built so that only one n×d array of doubles exists when the data set is made (the caller's). */
    private static Dataset mnistSized(int n, int d) {
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (i % 256) / 255.0;
        }
        return Dataset.ofImages("mnist-sized", x, new int[n], 28, 28);
    }

    @Test
    void splitShuffleSubsetAndFeaturesOfMnistSizeFitInOneGigabyte() throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                DatasetMemoryTest.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("ok 39990x784 12000", out.strip());
    }

    @Test
    void partsSharingStorageHoldTheRightRowsAndStayImmutable() {
        DMatrixRMaj x = new DMatrixRMaj(7, 3);
        int[] labels = new int[7];
        for (int i = 0; i < 7; i++) {
            labels[i] = 10 + i;
            for (int j = 0; j < 3; j++) {
                x.set(i, j, 100 * i + j);
            }
        }
        Dataset data = Dataset.of("rows", x, labels);
        Dataset.Split split = data.split(0.5, Rng.seeded(3));
        for (Dataset part : List.of(split.train(), split.test(), data.shuffled(Rng.seeded(4)).subset(2, 6),
                data.subset(1, 5).subset(1, 3), split.train().subset(1, 3).shuffled(Rng.seeded(5)))) {
            DMatrixRMaj f = part.features();
            for (int i = 0; i < part.size(); i++) {
                int original = part.label(i) - 10;
                assertArrayEquals(new double[] {100 * original, 100 * original + 1, 100 * original + 2},
                        part.row(i), 0, part.name() + " row " + i);
                assertArrayEquals(part.row(i), new double[] {f.get(i, 0), f.get(i, 1), f.get(i, 2)}, 0);
                assertEquals(100.0 * original + 2, part.toTable().doubleColumn("x2").get(i), 0);
            }
            f.set(0, 0, -1);
            assertEquals(100.0 * (part.label(0) - 10), part.row(0)[0], 0, "features() is a copy");
        }
    }
}
