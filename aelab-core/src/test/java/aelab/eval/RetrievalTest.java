package aelab.eval;

import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aelab.core.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Distances, sign bits, precision@k (against enumeration of all tie orders), chance. */
class RetrievalTest {

    @Test
    void handCheckedDistancesAndBits() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{0, 0}, {1, 2}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{3, 4}, {1, 0}, {0, 0}});
        assertArrayEquals(new double[] {25, 1, 0, 8, 4, 5}, Distances.squaredEuclidean(a, b, null).data, 1e-12);
        DMatrixRMaj bits = Retrieval.signBits(new DMatrixRMaj(new double[][] {{0.5, -1, 2}, {0.1, 3, 2}}),
                new double[] {0.1, 0, 2}, null);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, bits.data, 0.0); // strictly above the centre is 1
        DMatrixRMaj h = Distances.hamming(bits, new DMatrixRMaj(new double[][] {{1, 1, 1}, {0, 0, 0}}), null);
        assertArrayEquals(new double[] {2, 1, 2, 1}, h.data, 0.0);
    }

    @Test
    void squaredEuclideanMatchesDirectDifferences() {
        RandomGenerator rng = Rng.seeded(5);
        DMatrixRMaj a = new DMatrixRMaj(13, 37);
        DMatrixRMaj b = new DMatrixRMaj(9, 37);
        Rng.standardNormal(a, rng);
        Rng.standardNormal(b, rng);
        DMatrixRMaj d = Distances.squaredEuclidean(a, b, null);
        for (int i = 0; i < 13; i++) {
            for (int j = 0; j < 9; j++) {
                double s = 0;
                double norms = 0;
                for (int t = 0; t < 37; t++) {
                    double r = a.get(i, t) - b.get(j, t);
                    s += r * r;
                    norms += a.get(i, t) * a.get(i, t) + b.get(j, t) * b.get(j, t);
                }
                assertEquals(s, d.get(i, j), 1e-14 * norms);
            }
        }
    }

    @Test
    void handCheckedPrecisionWithTies() {
        // one query of class 0; distances 0 1 1 1 2 with labels 0 1 0 0 0; k = 2:
        // the nearest (0, relevant) is in; 1 slot among 3 tied items of which 2 relevant → (1 + 1·2/3) / 2
        DMatrixRMaj d = new DMatrixRMaj(new double[][] {{0, 1, 1, 1, 2}});
        double p = Retrieval.precisionAtK(d, new int[] {0}, new int[] {0, 1, 0, 0, 0}, 2).mean();
        assertEquals((1 + 2.0 / 3) / 2, p, 1e-15);
        assertEquals(0.8, Retrieval.chance(new int[] {0}, new int[] {0, 1, 0, 0, 0}), 1e-15);
        // k = m: every item is retrieved, precision = the class share
        assertEquals(0.8, Retrieval.precisionAtK(d, new int[] {0}, new int[] {0, 1, 0, 0, 0}, 5).mean(), 1e-15);
    }

    /** Brute force: the average, over all orders of the database, of the precision of a stable sort by distance. */
    @Test
    void expectedPrecisionEqualsTheAverageOverAllTieOrders() {
        RandomGenerator rng = Rng.seeded(17);
        for (int rep = 0; rep < 30; rep++) {
            int m = 6;
            int q = 3;
            DMatrixRMaj d = new DMatrixRMaj(q, m);
            int[] qy = new int[q];
            int[] dy = new int[m];
            for (int j = 0; j < m; j++) {
                dy[j] = rng.nextInt(3);
            }
            for (int i = 0; i < q; i++) {
                qy[i] = rng.nextInt(3);
                for (int j = 0; j < m; j++) {
                    d.set(i, j, rng.nextInt(3)); // few values: many ties
                }
            }
            int k = 1 + rng.nextInt(m);
            double[] got = Retrieval.precisionAtKPerQuery(d, qy, dy, k);
            List<int[]> perms = new ArrayList<>();
            permutations(new int[m], new boolean[m], 0, perms);
            for (int i = 0; i < q; i++) {
                double sum = 0;
                for (int[] perm : perms) {
                    final int row = i;
                    Integer[] order = Arrays.stream(perm).boxed().toArray(Integer[]::new);
                    Arrays.sort(order, (x, y) -> Double.compare(d.get(row, x), d.get(row, y))); // stable
                    int hits = 0;
                    for (int r = 0; r < k; r++) {
                        hits += dy[order[r]] == qy[i] ? 1 : 0;
                    }
                    sum += hits / (double) k;
                }
                assertEquals(sum / perms.size(), got[i], 1e-12, "rep " + rep + " query " + i);
            }
        }
    }

    private static void permutations(int[] cur, boolean[] used, int pos, List<int[]> out) {
        if (pos == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int v = 0; v < cur.length; v++) {
            if (!used[v]) {
                used[v] = true;
                cur[pos] = v;
                permutations(cur, used, pos + 1, out);
                used[v] = false;
            }
        }
    }

    @Test
    void kthSmallestMatchesSorting() {
        RandomGenerator rng = Rng.seeded(2);
        for (int rep = 0; rep < 300; rep++) {
            int n = 1 + rng.nextInt(30);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = rng.nextInt(6);
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = 1 + rng.nextInt(n);
            assertEquals(sorted[k - 1], Retrieval.kthSmallest(a.clone(), k), 0.0);
        }
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj d = new DMatrixRMaj(2, 3);
        assertRejects("queryLabels must have length 2 (one per distances' rows), got length 3",
                () -> Retrieval.precisionAtK(d, new int[3], new int[3], 1));
        assertRejects("databaseLabels must have length 3 (one per distances' columns), got length 2",
                () -> Retrieval.precisionAtK(d, new int[2], new int[2], 1));
        assertRejects("k must be in [1, 3], got 4", () -> Retrieval.precisionAtK(d, new int[2], new int[3], 4));
        assertRejects("databaseLabels must be >= 0, got -1 at index 2",
                () -> Retrieval.precisionAtK(d, new int[2], new int[] {0, 0, -1}, 1));
        assertRejects("centre must have length 3, got length 2",
                () -> Retrieval.signBits(new DMatrixRMaj(2, 3), new double[2], null));
        assertRejects("b must have 3 columns (as a), got 2x4",
                () -> Distances.hamming(new DMatrixRMaj(2, 3), new DMatrixRMaj(2, 4), null));
        DMatrixRMaj a = new DMatrixRMaj(2, 3);
        assertRejects("out must not alias a", () -> Distances.squaredEuclidean(a, new DMatrixRMaj(1, 3), a));
    }
}
