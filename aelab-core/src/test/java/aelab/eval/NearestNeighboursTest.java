package aelab.eval;

import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aelab.core.Rng;
import aelab.gaussian.Estimate;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** kNN and nearest-class-mean against hand-checked cases and a brute-force recomputation; purity by hand. */
class NearestNeighboursTest {

    @Test
    void handChecked() {
        DMatrixRMaj train = new DMatrixRMaj(new double[][] {{0, 0}, {1, 0}, {10, 0}, {11, 0}, {12, 0}});
        int[] y = {0, 0, 1, 1, 2};
        DMatrixRMaj test = new DMatrixRMaj(new double[][] {{0.4, 0}, {11.9, 0}, {5.5, 0}});
        assertArrayEquals(new int[] {0, 2, 0}, NearestNeighbours.knnPredict(train, y, test, 1)); // 5.5: 4.5 from 1 and from 10, the smaller index wins
        assertArrayEquals(new int[] {0, 1, 0}, NearestNeighbours.knnPredict(train, y, test, 3));
        // class means 0.5, 10.5, 12: 11.9 → 2 (0.1 away), 5.5 → 0 (5 vs 5: tie to the smaller label)
        assertArrayEquals(new int[] {0, 2, 0}, NearestNeighbours.nearestMeanPredict(train, y, test));
        Estimate acc = NearestNeighbours.accuracy(new int[] {0, 1, 1, 2}, new int[] {0, 1, 2, 2});
        assertEquals(0.75, acc.mean(), 0.0);
        assertEquals(Math.sqrt(0.25 / 4), acc.standardError(), 1e-15); // sample sd sqrt(0.25) / sqrt(4)
    }

    /** Brute force: sort every training row by (distance, index) and count votes. */
    @Test
    void knnMatchesFullSort() {
        RandomGenerator rng = Rng.seeded(4);
        for (int rep = 0; rep < 20; rep++) {
            int n = 5 + rng.nextInt(30);
            DMatrixRMaj train = new DMatrixRMaj(n, 3);
            DMatrixRMaj test = new DMatrixRMaj(7, 3);
            for (int i = 0; i < train.data.length; i++) {
                train.data[i] = rng.nextInt(4); // integer coordinates: exact distances, many ties
            }
            for (int i = 0; i < test.data.length; i++) {
                test.data[i] = rng.nextInt(4);
            }
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextInt(4);
            }
            int k = 1 + rng.nextInt(n);
            int[] got = NearestNeighbours.knnPredict(train, y, test, k);
            for (int t = 0; t < 7; t++) {
                final int row = t;
                Integer[] order = new Integer[n];
                for (int j = 0; j < n; j++) {
                    order[j] = j;
                }
                Arrays.sort(order, (a, b) -> Double.compare(sq(test, row, train, a), sq(test, row, train, b)));
                int[] votes = new int[4];
                for (int m = 0; m < k; m++) {
                    votes[y[order[m]]]++;
                }
                int best = 0;
                for (int c = 1; c < 4; c++) {
                    if (votes[c] > votes[best]) {
                        best = c;
                    }
                }
                assertEquals(best, got[t], "rep " + rep + " test row " + t + " k " + k);
            }
        }
    }

    @Test
    void purityHandCheckedAndInvariantToClusterNames() {
        // clusters {0,0,0 | 1,1 | 2}: majority counts 2 (labels 5,5,7), 2 (3,3), 1 → 5/6
        int[] clusters = {0, 0, 0, 1, 1, 2};
        int[] labels = {5, 5, 7, 3, 3, 9};
        assertEquals(5.0 / 6, Purity.of(clusters, labels), 1e-15);
        assertEquals(5.0 / 6, Purity.of(new int[] {4, 4, 4, 0, 0, 8}, labels), 1e-15);
        assertEquals(3.0 / 6, Purity.of(new int[6], new int[] {1, 1, 1, 2, 2, 3}), 1e-15); // one cluster: largest share
        assertEquals(1.0, Purity.of(new int[] {0, 1, 2, 3}, new int[] {0, 0, 0, 0}), 0.0);
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj train = new DMatrixRMaj(3, 2);
        assertRejects("labels must have length 3 (one per training row), got length 2",
                () -> NearestNeighbours.knnPredict(train, new int[2], new DMatrixRMaj(1, 2), 1));
        assertRejects("k must be in [1, 3], got 4",
                () -> NearestNeighbours.knnPredict(train, new int[3], new DMatrixRMaj(1, 2), 4));
        assertRejects("test must have 2 columns, got 1x3",
                () -> NearestNeighbours.knnPredict(train, new int[3], new DMatrixRMaj(1, 3), 1));
        assertRejects("test must have 2 columns, got 2x1",
                () -> NearestNeighbours.nearestMeanPredict(train, new int[3], new DMatrixRMaj(2, 1)));
        assertRejects("predicted must have length 3 (one per truth label, at least 1), got length 2",
                () -> NearestNeighbours.accuracy(new int[2], new int[3]));
        assertRejects("labels must have length 3 (one per cluster assignment), got length 2",
                () -> Purity.of(new int[3], new int[2]));
        assertRejects("clusters must be >= 0, got -1 at index 0", () -> Purity.of(new int[] {-1}, new int[] {0}));
    }

    private static double sq(DMatrixRMaj a, int i, DMatrixRMaj b, int j) {
        double s = 0;
        for (int t = 0; t < a.numCols; t++) {
            double r = a.get(i, t) - b.get(j, t);
            s += r * r;
        }
        return s;
    }
}
