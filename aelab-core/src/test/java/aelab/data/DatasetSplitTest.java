package aelab.data;

import static aelab.testing.Rejects.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DatasetSplitTest {
    /** Row i is (i, 10 i, 100 i, 1000 i) as a 2x2 image with label 7 i, so every row identifies itself. */
    private static Dataset numbered(int n) {
        DMatrixRMaj x = new DMatrixRMaj(n, 4);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(new double[] {i, 10 * i, 100 * i, 1000 * i}, 0, x.data, 4 * i, 4);
            labels[i] = 7 * i;
        }
        return Dataset.ofImages("numbered", x, labels, 2, 2);
    }

    /** The original index of each row, checking that features and label agree with it. */
    private static int[] originalIndices(Dataset part) {
        int[] idx = new int[part.size()];
        for (int r = 0; r < part.size(); r++) {
            double[] row = part.row(r);
            int i = (int) row[0];
            assertArrayEquals(new double[] {i, 10 * i, 100 * i, 1000 * i}, row, "row " + r + " intact");
            assertEquals(7 * i, part.label(r), "label moved with row " + r);
            idx[r] = i;
        }
        return idx;
    }

    @Test
    void splitPartitionsTheRowsKeepingLabelsAndGeometry() {
        Dataset data = numbered(10);
        Dataset.Split split = data.split(0.7, Rng.seeded(1));
        assertEquals(7, split.train().size());
        assertEquals(3, split.test().size());
        assertEquals("numbered[train]", split.train().name());
        assertEquals("numbered[test]", split.test().name());
        for (Dataset part : new Dataset[] {split.train(), split.test()}) {
            assertEquals(2, part.imageWidth());
            assertEquals(2, part.imageHeight());
        }
        int[] all = new int[10];
        System.arraycopy(originalIndices(split.train()), 0, all, 0, 7);
        System.arraycopy(originalIndices(split.test()), 0, all, 7, 3);
        int[] sorted = all.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted, "train and test partition the rows");
        assertFalse(Arrays.equals(sorted, all), "rows were shuffled: " + Arrays.toString(all));
    }

    @Test
    void trainSizeIsTheRoundedFraction() {
        assertEquals(29, numbered(100).split(0.29, Rng.seeded(2)).train().size()); // 0.29 * 100 = 28.999999999999996
        assertEquals(2, numbered(3).split(0.5, Rng.seeded(2)).train().size()); // 1.5 rounds half up
        assertEquals(1, numbered(2).split(0.5, Rng.seeded(2)).test().size());
    }

    @Test
    void shuffledIsAPermutationWithLabels() {
        Dataset shuffled = numbered(20).shuffled(Rng.seeded(3));
        assertEquals("numbered[shuffled]", shuffled.name());
        assertTrue(shuffled.isImage());
        int[] idx = originalIndices(shuffled);
        int[] sorted = idx.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 20; i++) {
            assertEquals(i, sorted[i]);
        }
        Dataset unlabelled = Dataset.of("u", numbered(5).features(), null);
        assertFalse(unlabelled.shuffled(Rng.seeded(3)).hasLabels());
        assertFalse(unlabelled.split(0.6, Rng.seeded(3)).test().hasLabels());
    }

    /**
     * Every one of the 3! orders of 3 rows is equally likely: frequencies over 60000 shuffles are within 5 standard
     * errors of 1/6. The classic biased shuffle (swap with nextInt(n) at every step) gives 4/27 and 5/27 instead and
     * fails this test.
     */
    @Test
    void everyOrderIsEquallyLikely() {
        Dataset data = numbered(3);
        var rng = Rng.seeded(4);
        int trials = 60_000;
        int[] counts = new int[9];
        for (int t = 0; t < trials; t++) {
            int[] idx = originalIndices(data.shuffled(rng));
            counts[idx[0] * 3 + idx[1]]++;
        }
        double p = 1.0 / 6;
        double se = Math.sqrt(p * (1 - p) / trials);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double expected = a == b ? 0 : p;
                double freq = counts[a * 3 + b] / (double) trials;
                assertEquals(expected, freq, 5 * se, "order starting " + a + "," + b);
            }
        }
    }

    /** Each row lands in the training part with probability n_train / n (here 3/10), within 5 standard errors. */
    @Test
    void eachRowIsInTrainWithTheTrainFraction() {
        Dataset data = numbered(10);
        var rng = Rng.seeded(5);
        int trials = 4000;
        int[] inTrain = new int[10];
        for (int t = 0; t < trials; t++) {
            for (int i : originalIndices(data.split(0.3, rng).train())) {
                inTrain[i]++;
            }
        }
        double se = Math.sqrt(0.3 * 0.7 / trials);
        for (int i = 0; i < 10; i++) {
            assertEquals(0.3, inTrain[i] / (double) trials, 5 * se, "row " + i);
        }
    }

    @Test
    void sameSeedSameSplit() {
        Dataset data = numbered(50);
        Dataset.Split a = data.split(0.8, Rng.seeded(6));
        Dataset.Split b = data.split(0.8, Rng.seeded(6));
        assertArrayEquals(a.train().features().data, b.train().features().data);
        assertArrayEquals(a.test().labels(), b.test().labels());
        assertArrayEquals(data.shuffled(Rng.seeded(7)).features().data, data.shuffled(Rng.seeded(7)).features().data);
        assertFalse(Arrays.equals(a.test().labels(), data.split(0.8, Rng.seeded(8)).test().labels()));
    }

    @Test
    void rejectsFractionOutsideTheOpenUnitInterval() {
        Dataset data = numbered(10);
        assertMessage("trainFraction must be in (0.0, 1.0), got 1.0", () -> data.split(1.0, Rng.seeded(0)));
        assertMessage("trainFraction must be in (0.0, 1.0), got 0.0", () -> data.split(0.0, Rng.seeded(0)));
        assertMessage("trainFraction must be in (0.0, 1.0), got NaN", () -> data.split(Double.NaN, Rng.seeded(0)));
    }

    @Test
    void rejectsFractionThatLeavesAPartEmpty() {
        assertMessage(
                "trainFraction must leave at least 1 row in each part of the 10 rows, got 0.97 (10 train, 0 test)",
                () -> numbered(10).split(0.97, Rng.seeded(0)));
        assertMessage(
                "trainFraction must leave at least 1 row in each part of the 10 rows, got 0.01 (0 train, 10 test)",
                () -> numbered(10).split(0.01, Rng.seeded(0)));
        assertMessage("trainFraction must leave at least 1 row in each part of the 1 row, got 0.5 (1 train, 0 test)",
                () -> numbered(1).split(0.5, Rng.seeded(0)));
    }

    @Test
    void rejectsNullRng() {
        assertMessage("rng must not be null", () -> numbered(4).split(0.5, null));
        assertMessage("rng must not be null", () -> numbered(4).shuffled(null));
    }
}
