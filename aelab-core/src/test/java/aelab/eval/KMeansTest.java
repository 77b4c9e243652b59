package aelab.eval;

import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.InterruptedComputationException;
import aelab.core.Rng;
import aelab.testing.ReferenceFile;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** KMeans against scikit-learn from the same initial centres, and its fixed-point and seeding properties. */
class KMeansTest {
    private static final ReferenceFile REF = new ReferenceFile("eval_reference.txt");
    private static final int SKLEARN_CASES = 2;

    @Test
    void lloydMatchesScikitLearnFromTheSameInitialCentres() {
        int checked = 0;
        for (int c = 0; c < SKLEARN_CASES; c++) {
            DMatrixRMaj x = REF.matrix("kmeans_data_" + c);
            KMeans km = KMeans.lloyd(x, REF.matrix("kmeans_init_" + c), 300);
            assertTrue(km.converged(), "case " + c);
            double[] expected = REF.vector("kmeans_labels_" + c);
            int[] got = km.assignments();
            for (int i = 0; i < got.length; i++) {
                // same initial centres in the same order: the labels agree exactly, not only up to permutation
                assertEquals((int) expected[i], got[i], "case " + c + " row " + i);
            }
            DMatrixRMaj centres = km.centres();
            DMatrixRMaj ref = REF.matrix("kmeans_centres_" + c);
            for (int i = 0; i < ref.data.length; i++) {
                assertEquals(ref.data[i], centres.data[i], 1e-12, "case " + c);
            }
            double inertia = REF.scalar("kmeans_inertia_" + c);
            assertEquals(inertia, km.inertia(), 1e-12 * inertia, "case " + c);
            checked++;
        }
        assertEquals(SKLEARN_CASES, checked);
    }

    /** Brute force: at convergence each row is at its nearest centre and each centre is the mean of its rows. */
    @Test
    void fitEndsAtALloydFixedPointAndKeepsTheBestRestart() {
        RandomGenerator gen = Rng.seeded(3);
        DMatrixRMaj x = new DMatrixRMaj(150, 4);
        for (int i = 0; i < 150; i++) {
            for (int t = 0; t < 4; t++) {
                x.set(i, t, gen.nextGaussian() + (i % 5) * (t == i % 4 ? 3 : 0));
            }
        }
        KMeans km = KMeans.fit(x, 5, 4, 100, Rng.seeded(9));
        assertTrue(km.converged());
        int[] a = km.assignments();
        DMatrixRMaj c = km.centres();
        double inertia = 0;
        for (int i = 0; i < 150; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int m = 0; m < 5; m++) {
                best = Math.min(best, dist(x, i, c, m));
            }
            assertEquals(best, dist(x, i, c, a[i]), 1e-9, "row " + i + " is at its nearest centre");
            inertia += dist(x, i, c, a[i]);
        }
        assertEquals(inertia, km.inertia(), 1e-9 * inertia);
        for (int m = 0; m < 5; m++) {
            double[] mean = new double[4];
            int n = 0;
            for (int i = 0; i < 150; i++) {
                if (a[i] == m) {
                    n++;
                    for (int t = 0; t < 4; t++) {
                        mean[t] += x.get(i, t);
                    }
                }
            }
            for (int t = 0; t < 4; t++) {
                assertEquals(mean[t] / n, c.get(m, t), 1e-12, "centre " + m + " is its rows' mean");
            }
        }
        // the kept run is the best of the restarts: replay them from the same seed
        RandomGenerator replay = Rng.seeded(9);
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 4; r++) {
            best = Math.min(best, KMeans.lloyd(x, KMeans.plusPlus(x, 5, replay), 100).inertia());
        }
        assertEquals(best, km.inertia(), 0.0);
        // same seed, same bits
        KMeans again = KMeans.fit(x, 5, 4, 100, Rng.seeded(9));
        assertArrayEquals(km.assignments(), again.assignments());
        assertArrayEquals(km.centres().data, again.centres().data, 0.0);
    }

    @Test
    void plusPlusPicksDistinctDataRowsAndNeverAZeroWeightRow() {
        // 3 distinct points, each repeated: k-means++ with k = 3 must pick all three (a row at distance 0 from a
        // chosen centre has probability 0)
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{0, 0}, {0, 0}, {5, 0}, {5, 0}, {0, 7}, {0, 7}});
        for (long seed = 0; seed < 50; seed++) {
            DMatrixRMaj c = KMeans.plusPlus(x, 3, Rng.seeded(seed));
            java.util.Set<String> picked = new java.util.HashSet<>();
            for (int m = 0; m < 3; m++) {
                picked.add(c.get(m, 0) + "," + c.get(m, 1));
            }
            assertEquals(java.util.Set.of("0.0,0.0", "5.0,0.0", "0.0,7.0"), picked, "seed " + seed);
        }
    }

    @Test
    void isInterruptible() {
        DMatrixRMaj x = new DMatrixRMaj(50, 2);
        Rng.standardNormal(x, Rng.seeded(1));
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedComputationException.class, () -> KMeans.fit(x, 3, 2, 100, Rng.seeded(1)));
            assertThrows(InterruptedComputationException.class, () -> KMeans.plusPlus(x, 3, Rng.seeded(1)));
            assertThrows(InterruptedComputationException.class, () -> KMeans.lloyd(x, x.copy(), 100));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj x = new DMatrixRMaj(4, 2);
        assertRejects("k must be in [1, 4] (the number of rows of data), got 5", () -> KMeans.fit(x, 5, 1, 10, Rng.seeded(1)));
        assertRejects("restarts must be > 0, got 0", () -> KMeans.fit(x, 2, 0, 10, Rng.seeded(1)));
        assertRejects("maxIterations must be > 0, got 0", () -> KMeans.fit(x, 2, 1, 0, Rng.seeded(1)));
        assertRejects("rng must not be null", () -> KMeans.fit(x, 2, 1, 10, null));
        assertRejects("initialCentres must have 2 columns, got 2x3", () -> KMeans.lloyd(x, new DMatrixRMaj(2, 3), 10));
        DMatrixRMaj bad = new DMatrixRMaj(4, 2);
        bad.set(1, 1, Double.NaN);
        assertRejects("data must be finite, got NaN at (1,1)", () -> KMeans.fit(bad, 2, 1, 10, Rng.seeded(1)));
    }

    private static double dist(DMatrixRMaj x, int i, DMatrixRMaj c, int m) {
        double s = 0;
        for (int t = 0; t < x.numCols; t++) {
            double r = x.get(i, t) - c.get(m, t);
            s += r * r;
        }
        return s;
    }
}
