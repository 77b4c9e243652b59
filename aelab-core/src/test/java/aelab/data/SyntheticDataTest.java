package aelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import java.util.function.LongFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {
    /** Mean and 5-standard-error half width of a sample (standard error from the sample variance). */
    private static double[] meanAndTolerance(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        var /= v.length - 1;
        return new double[] {mean, 5 * Math.sqrt(var / v.length)};
    }

    @Test
    void sampleCovarianceMatchesRequestedCovarianceWithinFiveStandardErrors() {
        int n = 20000;
        int d = 4;
        var sample = SyntheticData.gaussianWithSubspace(n, d, 2, new double[] {4.0, 1.0}, 0.25, Rng.seeded(1));
        DMatrixRMaj x = sample.data().features();
        DMatrixRMaj sigma = sample.covariance();
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double[] products = new double[n];
                for (int i = 0; i < n; i++) {
                    products[i] = x.get(i, a) * x.get(i, b); // the mean is known to be 0
                }
                double[] mt = meanAndTolerance(products);
                assertEquals(sigma.get(a, b), mt[0], mt[1], "covariance entry (" + a + "," + b + ")");
            }
        }
    }

    @Test
    void covarianceIsBasisTimesVariancesPlusNoise() {
        var sample = SyntheticData.gaussianWithSubspace(10, 5, 2, new double[] {3.0, 2.0}, 0.5, Rng.seeded(2));
        DMatrixRMaj u = sample.basis();
        // U^T U = I (orthonormal columns)
        DMatrixRMaj gram = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.multTransA(u, u, gram);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentity(gram, 1e-12), "U^T U = I, got " + gram);
        // Sigma u_j = (s_j + noise) u_j: the basis columns are eigenvectors with the right eigenvalues.
        DMatrixRMaj su = new DMatrixRMaj(5, 2);
        CommonOps_DDRM.mult(sample.covariance(), u, su);
        double[] expected = {3.5, 2.5};
        for (int j = 0; j < 2; j++) {
            for (int a = 0; a < 5; a++) {
                assertEquals(expected[j] * u.get(a, j), su.get(a, j), 1e-12);
            }
        }
        // trace = sum of signal variances + d * noise
        assertEquals(3.0 + 2.0 + 5 * 0.5, CommonOps_DDRM.trace(sample.covariance()), 1e-12);
    }

    @Test
    void gapOverloadGivesDecreasingVariances() {
        var sample = SyntheticData.gaussianWithSubspace(5, 6, 3, 2.0, 0.1, Rng.seeded(3));
        assertArrayEquals(new double[] {6.0, 4.0, 2.0}, sample.signalVariances());
        assertEquals(0.1, sample.noiseVariance());
    }

    private static void assertBitIdentical(DMatrixRMaj a, DMatrixRMaj b) {
        assertEquals(a.numRows, b.numRows);
        assertEquals(a.numCols, b.numCols);
        for (int i = 0; i < a.getNumElements(); i++) {
            assertEquals(Double.doubleToRawLongBits(a.data[i]), Double.doubleToRawLongBits(b.data[i]), "entry " + i);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalData() {
        java.util.List<LongFunction<DMatrixRMaj>> generators = java.util.List.of(
                s -> SyntheticData.gaussianWithSubspace(50, 4, 2, 1.0, 0.1, Rng.seeded(s)).data().features(),
                s -> new DMatrixRMaj(SyntheticData.addGaussianNoise(
                        SyntheticData.twoClusterScalar(50, Rng.seeded(s)), 0.5, Rng.seeded(s + 1))),
                s -> SyntheticData.noisyCircle(50, 0.1, Rng.seeded(s)).data().features(),
                s -> SyntheticData.noisyHelix(50, 0.1, Rng.seeded(s)).data().features(),
                s -> SyntheticData.swissRoll(50, 0.1, Rng.seeded(s)).data().features(),
                s -> SyntheticData.bernoulliPixels(20, 30, 0.3, Rng.seeded(s)));
        for (var generator : generators) {
            DMatrixRMaj first = generator.apply(7);
            assertBitIdentical(first, generator.apply(7));
            assertTrue(!org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(first, generator.apply(8), 0.0), "a different seed changes the data");
        }
    }

    @Test
    void bernoulliMeanWithinFiveStandardErrorsAndValuesBinary() {
        int n = 6000;
        int d = 784;
        double p = 0.13;
        DMatrixRMaj x = SyntheticData.bernoulliPixels(n, d, p, Rng.seeded(4));
        long ones = 0;
        for (int i = 0; i < n * d; i++) {
            assertTrue(x.data[i] == 0.0 || x.data[i] == 1.0);
            ones += (long) x.data[i];
        }
        double mean = ones / (double) (n * d);
        double se = Math.sqrt(p * (1 - p) / (n * d));
        assertEquals(p, mean, 5 * se);
    }

    @Test
    void bernoulliPixelIsOneExactlyWhenTheGeneratorsNextDoubleIsBelowP() {
        for (double p : new double[] {0.13, 0.5, 1.0 / 3, 1e-3}) {
            DMatrixRMaj x = SyntheticData.bernoulliPixels(40, 50, p, Rng.seeded(11));
            var rng = Rng.seeded(11);
            for (int i = 0; i < 40 * 50; i++) {
                assertEquals(rng.nextDouble() < p ? 1.0 : 0.0, x.data[i], "p=" + p + " entry " + i);
            }
        }
    }

    @Test
    void bernoulliEdgeProbabilitiesAndOutputBuffer() {
        DMatrixRMaj out = new DMatrixRMaj(3, 4);
        assertTrue(SyntheticData.bernoulliPixels(3, 4, 0.0, Rng.seeded(5), out) == out);
        assertEquals(0.0, CommonOps_DDRM.elementSum(out));
        assertEquals(12.0, CommonOps_DDRM.elementSum(SyntheticData.bernoulliPixels(3, 4, 1.0, Rng.seeded(5))));
        var e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticData.bernoulliPixels(3, 4, 0.5, Rng.seeded(5), new DMatrixRMaj(4, 3)));
        assertEquals("out must be 3x4, got 4x3", e.getMessage());
    }

    @Test
    void twoClusterScalarIsFairAndNoiseHasRequestedVariance() {
        int n = 40000;
        double[] x = SyntheticData.twoClusterScalar(n, Rng.seeded(6));
        double[] isPlus = new double[n];
        for (int i = 0; i < n; i++) {
            assertTrue(x[i] == 2.0 || x[i] == -2.0);
            isPlus[i] = x[i] > 0 ? 1 : 0;
        }
        double[] mt = meanAndTolerance(isPlus);
        assertEquals(0.5, mt[0], mt[1]);

        double sigma = 0.7;
        double[] noisy = SyntheticData.addGaussianNoise(x, sigma, Rng.seeded(7));
        double[] noise = new double[n];
        double[] squared = new double[n];
        for (int i = 0; i < n; i++) {
            noise[i] = noisy[i] - x[i];
            squared[i] = noise[i] * noise[i];
        }
        double[] noiseMean = meanAndTolerance(noise);
        assertEquals(0.0, noiseMean[0], noiseMean[1]);
        double[] noiseVar = meanAndTolerance(squared);
        assertEquals(sigma * sigma, noiseVar[0], noiseVar[1]);
    }

    @Test
    void noiselessManifoldsLieOnTheirCurvesWithTheirCoordinate() {
        var circle = SyntheticData.noisyCircle(200, 0.0, Rng.seeded(8));
        DMatrixRMaj c = circle.data().features();
        double[] theta = circle.coordinate();
        int[] labels = circle.data().labels();
        for (int i = 0; i < 200; i++) {
            assertEquals(1.0, Math.hypot(c.get(i, 0), c.get(i, 1)), 1e-12);
            double angle = Math.atan2(c.get(i, 1), c.get(i, 0));
            assertEquals(theta[i], angle < 0 ? angle + 2 * Math.PI : angle, 1e-9);
            assertEquals((int) (theta[i] / (2 * Math.PI) * 10), labels[i]);
        }
        var roll = SyntheticData.swissRoll(200, 0.0, Rng.seeded(9));
        DMatrixRMaj r = roll.data().features();
        for (int i = 0; i < 200; i++) {
            double t = roll.coordinate()[i];
            assertTrue(t >= 1.5 * Math.PI && t < 4.5 * Math.PI);
            assertEquals(t, Math.hypot(r.get(i, 0), r.get(i, 2)), 1e-9);
            assertTrue(r.get(i, 1) >= 0 && r.get(i, 1) < 21);
        }
        var helix = SyntheticData.noisyHelix(200, 0.0, Rng.seeded(10));
        DMatrixRMaj h = helix.data().features();
        for (int i = 0; i < 200; i++) {
            assertEquals(helix.coordinate()[i], 2 * Math.PI * h.get(i, 2), 1e-9);
            assertEquals(1.0, Math.hypot(h.get(i, 0), h.get(i, 1)), 1e-12);
        }
    }

    @Test
    void rejectsSubspaceLargerThanAmbientDimension() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticData.gaussianWithSubspace(10, 3, 4, new double[] {1, 1, 1, 1}, 0.1, Rng.seeded(1)));
        assertEquals("k must be in [1, 3], got 4", e.getMessage());
    }

    @Test
    void rejectsNonPositiveSignalVariance() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticData.gaussianWithSubspace(10, 3, 2, new double[] {1, 0}, 0.1, Rng.seeded(1)));
        assertEquals("signalVariances must be > 0 and finite, got 0.0 at index 1", e.getMessage());
    }

    @Test
    void rejectsWrongNumberOfSignalVariances() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticData.gaussianWithSubspace(10, 3, 2, new double[] {1}, 0.1, Rng.seeded(1)));
        assertEquals("signalVariances must have length 2, got length 1", e.getMessage());
    }

    @Test
    void rejectsNegativeOrNaNNoise() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticData.gaussianWithSubspace(10, 3, 1, new double[] {1}, -0.1, Rng.seeded(1)));
        assertEquals("noiseVariance must be >= 0 and finite, got -0.1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticData.noisyCircle(10, Double.NaN, Rng.seeded(1)));
        assertEquals("noiseStd must be >= 0 and finite, got NaN", e.getMessage());
    }

    @Test
    void rejectsProbabilityOutsideUnitInterval() {
        var e = assertThrows(IllegalArgumentException.class, () -> SyntheticData.bernoulliPixels(2, 2, 1.5, Rng.seeded(1)));
        assertEquals("p must be in [0.0, 1.0], got 1.5", e.getMessage());
    }

    @Test
    void rejectsNonPositiveSampleSize() {
        var e = assertThrows(IllegalArgumentException.class, () -> SyntheticData.twoClusterScalar(0, Rng.seeded(1)));
        assertEquals("n must be > 0, got 0", e.getMessage());
    }

    /**
     * The blob centre recovered from the pixels: the image is separable, so adjacent column sums S satisfy
     * log(S(c+1)/S(c)) = −(2(c − cx) + 1)/(2wx²), i.e. cx = c + 1/2 + wx² log(S(c+1)/S(c)); likewise cy from rows.
     * It must sit at the documented grid position of the image's factor levels.
     */
    @Test
    void gaussianBlobsSitAtTheirFactorPositionsAndLevelsAreUniform() {
        int n = 4000;
        int size = 12;
        int positions = 8;
        double wx = 2.0;
        double wy = 1.0;
        var sample = SyntheticData.gaussianBlobs(n, size, positions, wx, wy, Rng.seeded(5));
        DMatrixRMaj x = sample.data().features();
        int[][] f = sample.factors();
        assertEquals(2, f.length);
        assertEquals(size, sample.data().imageWidth());
        int[][] counts = new int[2][positions];
        for (int i = 0; i < n; i++) {
            double[] colSum = new double[size];
            double[] rowSum = new double[size];
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    double v = x.get(i, r * size + c);
                    assertTrue(v > 0 && v <= 1, "pixel in (0, 1]");
                    colSum[c] += v;
                    rowSum[r] += v;
                }
            }
            double cx = 5 + 0.5 + wx * wx * Math.log(colSum[6] / colSum[5]);
            double cy = 5 + 0.5 + wy * wy * Math.log(rowSum[6] / rowSum[5]);
            assertEquals(wx + f[0][i] * (size - 1 - 2 * wx) / (positions - 1), cx, 1e-9, "x centre of image " + i);
            assertEquals(wy + f[1][i] * (size - 1 - 2 * wy) / (positions - 1), cy, 1e-9, "y centre of image " + i);
            counts[0][f[0][i]]++;
            counts[1][f[1][i]]++;
        }
        double p = 1.0 / positions;
        double se = Math.sqrt(n * p * (1 - p));
        for (int k = 0; k < 2; k++) {
            for (int level = 0; level < positions; level++) {
                assertEquals(n * p, counts[k][level], 5 * se, "factor " + k + " level " + level);
            }
        }
        var again = SyntheticData.gaussianBlobs(n, size, positions, wx, wy, Rng.seeded(5));
        assertArrayEquals(x.data, again.data().features().data);
        var e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticData.gaussianBlobs(10, 12, 8, 6.0, 1.0, Rng.seeded(1)));
        assertTrue(e.getMessage().startsWith("widthX must be in (0.0, 5.5)"), e.getMessage());
    }
}
