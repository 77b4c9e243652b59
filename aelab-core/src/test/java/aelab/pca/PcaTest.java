package aelab.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.pca.Pca.CovarianceNormalization;
import aelab.testing.ReferenceFile;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;

class PcaTest {
    /** n×d correlated Gaussian data with a non-zero mean. */
    static DMatrixRMaj randomData(RandomGenerator rng, int n, int d) {
        DMatrixRMaj mixing = new DMatrixRMaj(d, d);
        for (int i = 0; i < d * d; i++) {
            mixing.data[i] = rng.nextGaussian();
        }
        DMatrixRMaj z = new DMatrixRMaj(n, d);
        for (int i = 0; i < n * d; i++) {
            z.data[i] = rng.nextGaussian();
        }
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        CommonOps_DDRM.mult(z, mixing, x);
        for (int j = 0; j < d; j++) {
            double shift = 3 * rng.nextGaussian();
            for (int i = 0; i < n; i++) {
                x.add(i, j, shift);
            }
        }
        return x;
    }

    /** max over rows of min(|a_r - b_r|, |a_r + b_r|): equality up to the sign of each row. */
    static double maxRowDifferenceUpToSign(DMatrixRMaj a, DMatrixRMaj b) {
        assertEquals(a.numRows, b.numRows);
        assertEquals(a.numCols, b.numCols);
        double worst = 0;
        for (int r = 0; r < a.numRows; r++) {
            double plus = 0;
            double minus = 0;
            for (int c = 0; c < a.numCols; c++) {
                plus = Math.max(plus, Math.abs(a.get(r, c) - b.get(r, c)));
                minus = Math.max(minus, Math.abs(a.get(r, c) + b.get(r, c)));
            }
            worst = Math.max(worst, Math.min(plus, minus));
        }
        return worst;
    }

    @Test
    void seedWorkedExample() {
        DMatrixRMaj data = new DMatrixRMaj(new double[][] {{1, 2}, {2, 3}, {3, 4}, {4, 5}});
        DMatrixRMaj cov = Pca.covariance(data);
        assertTrue(MatrixFeatures_DDRM.isIdentical(new DMatrixRMaj(new double[][] {{1.25, 1.25}, {1.25, 1.25}}), cov,
                1e-14));
        for (Pca pca : new Pca[] {Pca.viaSvd(data, 1), Pca.viaCovariance(data, 1)}) {
            assertEquals(2.5, pca.eigenvalues()[0], 1e-13);
            assertEquals(0.0, pca.eigenvalues()[1], 1e-13);
            double r = Math.sqrt(0.5);
            assertArrayEquals(new double[] {r, r}, pca.components().data, 1e-13);
            assertArrayEquals(new double[] {2.5, 3.5}, pca.mean(), 1e-15);
            assertArrayEquals(new double[] {1.0}, pca.explainedVarianceRatio(), 1e-13);
            // the points lie on a line: rank-1 reconstruction is exact
            assertEquals(0.0, pca.reconstructionError(data), 1e-24);
        }
        assertEquals(5.0 / 3, Pca.covariance(data, CovarianceNormalization.UNBIASED).get(0, 1), 1e-14);
    }

    @Test
    void svdAndEigenRoutesAgree() {
        RandomGenerator rng = Rng.seeded(7);
        for (int[] nd : new int[][] {{30, 5}, {4, 6}, {50, 1}}) {
            DMatrixRMaj data = randomData(rng, nd[0], nd[1]);
            int k = Math.max(1, nd[1] - 1);
            Pca svd = Pca.viaSvd(data, k);
            Pca eig = Pca.viaCovariance(data, k);
            double scale = svd.eigenvalues()[0];
            assertArrayEquals(eig.eigenvalues(), svd.eigenvalues(), 1e-11 * scale);
            // compare only components whose eigenvalue is separated from its neighbours (well-defined directions)
            double[] lambda = svd.eigenvalues();
            for (int c = 0; c < k; c++) {
                double gap = Math.min(c > 0 ? lambda[c - 1] - lambda[c] : Double.POSITIVE_INFINITY,
                        c + 1 < lambda.length ? lambda[c] - lambda[c + 1] : Double.POSITIVE_INFINITY);
                if (gap > 1e-6 * scale) {
                    DMatrixRMaj a = CommonOps_DDRM.extractRow(svd.components(), c, null);
                    DMatrixRMaj b = CommonOps_DDRM.extractRow(eig.components(), c, null);
                    assertTrue(maxRowDifferenceUpToSign(a, b) < 1e-8, "component " + c + " of n,d=" + nd[0] + "," + nd[1]);
                    // deterministic sign: both routes pick the same sign
                    assertTrue(MatrixFeatures_DDRM.isIdentical(a, b, 1e-8));
                }
            }
        }
    }

    @Test
    void componentsAreOrthonormalSortedAndSignNormalised() {
        DMatrixRMaj data = randomData(Rng.seeded(3), 40, 6);
        for (Pca pca : new Pca[] {Pca.viaSvd(data, 4), Pca.viaCovariance(data, 4)}) {
            DMatrixRMaj v = pca.components();
            DMatrixRMaj gram = new DMatrixRMaj(4, 4);
            CommonOps_DDRM.multTransB(v, v, gram);
            assertTrue(MatrixFeatures_DDRM.isIdentity(gram, 1e-12));
            double[] lambda = pca.eigenvalues();
            for (int j = 1; j < lambda.length; j++) {
                assertTrue(lambda[j - 1] >= lambda[j]);
            }
            for (int r = 0; r < 4; r++) {
                int arg = 0;
                for (int c = 1; c < 6; c++) {
                    if (Math.abs(v.get(r, c)) > Math.abs(v.get(r, arg))) {
                        arg = c;
                    }
                }
                assertTrue(v.get(r, arg) > 0);
            }
            // eigenvector equation S v = lambda v, checked against an independently built covariance
            DMatrixRMaj cov = Pca.covariance(data);
            for (int r = 0; r < 4; r++) {
                DMatrixRMaj row = CommonOps_DDRM.extractRow(v, r, null);
                DMatrixRMaj sv = new DMatrixRMaj(1, 6);
                CommonOps_DDRM.multTransB(row, cov, sv);
                CommonOps_DDRM.scale(1 / lambda[r], sv);
                assertTrue(MatrixFeatures_DDRM.isIdentical(row, sv, 1e-10));
            }
        }
    }

    @Test
    void reconstructionErrorEqualsNTimesDiscardedEigenvalues() {
        DMatrixRMaj data = randomData(Rng.seeded(11), 25, 5);
        int n = data.numRows;
        for (int k = 1; k <= 5; k++) {
            for (Pca pca : new Pca[] {Pca.viaSvd(data, k), Pca.viaCovariance(data, k)}) {
                double[] lambda = pca.eigenvalues();
                double discarded = 0;
                for (int j = k; j < lambda.length; j++) {
                    discarded += lambda[j];
                }
                assertEquals(n * discarded, pca.reconstructionError(data), 1e-9 * n * lambda[0]);
            }
        }
    }

    @Test
    void matchesNumpyReference() {
        ReferenceFile ref = new ReferenceFile("pca_reference.txt");
        DMatrixRMaj data = ref.matrix("data");
        int k = (int) ref.scalar("k");
        DMatrixRMaj expectedComponents = ref.matrix("components");
        for (Pca pca : new Pca[] {Pca.viaSvd(data, k), Pca.viaCovariance(data, k)}) {
            assertArrayEquals(ref.vector("mean"), pca.mean(), 1e-13);
            assertArrayEquals(ref.vector("eigenvalues"), pca.eigenvalues(), 1e-12);
            assertTrue(maxRowDifferenceUpToSign(expectedComponents, pca.components()) < 1e-10);
            assertTrue(MatrixFeatures_DDRM.isIdentical(expectedComponents, pca.components(), 1e-10), "sign convention");
            assertTrue(MatrixFeatures_DDRM.isIdentical(ref.matrix("scores"), pca.project(data), 1e-10));
            assertEquals(ref.scalar("reconstruction_error"), pca.reconstructionError(data), 1e-10);
        }
        assertTrue(MatrixFeatures_DDRM.isIdentical(ref.matrix("covariance"), Pca.covariance(data), 1e-12));
    }

    @Test
    void unbiasedConventionScalesEigenvaluesOnly() {
        DMatrixRMaj data = randomData(Rng.seeded(5), 10, 3);
        Pca ml = Pca.viaSvd(data, 2);
        Pca unbiased = Pca.viaSvd(data, 2, CovarianceNormalization.UNBIASED);
        for (int j = 0; j < 3; j++) {
            assertEquals(ml.eigenvalues()[j] * 10 / 9, unbiased.eigenvalues()[j], 1e-12);
        }
        assertTrue(MatrixFeatures_DDRM.isIdentical(ml.components(), unbiased.components(), 0));
    }

    @Test
    void explainedVarianceAccessors() {
        DMatrixRMaj data = randomData(Rng.seeded(9), 20, 4);
        Pca pca = Pca.viaCovariance(data, 2);
        double[] lambda = pca.eigenvalues();
        assertEquals(4, lambda.length);
        assertArrayEquals(new double[] {lambda[0], lambda[1]}, pca.explainedVariance(), 0);
        double trace = CommonOps_DDRM.trace(Pca.covariance(data));
        assertEquals(trace, pca.totalVariance(), 1e-12 * trace);
        assertArrayEquals(new double[] {lambda[0] / trace, lambda[1] / trace}, pca.explainedVarianceRatio(), 1e-12);
        assertEquals(lambda[2] + lambda[3], pca.discardedVariance(), 0);
        // project then reconstruct with all components is the identity
        Pca full = Pca.viaSvd(data, 4);
        assertTrue(MatrixFeatures_DDRM.isIdentical(data, full.reconstruct(full.project(data)), 1e-11));
    }

    @Test
    void accessorsReturnCopies() {
        Pca pca = Pca.viaSvd(randomData(Rng.seeded(4), 6, 3), 2);
        pca.components().set(0, 0, 99);
        pca.mean()[0] = 99;
        pca.eigenvalues()[0] = 99;
        assertTrue(pca.components().get(0, 0) != 99);
        assertTrue(pca.mean()[0] != 99);
        assertTrue(pca.eigenvalues()[0] != 99);
    }

    @Test
    void deterministic() {
        DMatrixRMaj a = randomData(Rng.seeded(42), 15, 4);
        DMatrixRMaj b = randomData(Rng.seeded(42), 15, 4);
        assertTrue(MatrixFeatures_DDRM.isIdentical(a, b, 0));
        assertTrue(MatrixFeatures_DDRM.isIdentical(Pca.viaSvd(a, 2).components(), Pca.viaSvd(b, 2).components(), 0));
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj data = randomData(Rng.seeded(1), 5, 3);
        assertEquals("k must be in [1, 3], got 4",
                assertThrows(IllegalArgumentException.class, () -> Pca.viaSvd(data, 4)).getMessage());
        assertEquals("k must be in [1, 3], got 0",
                assertThrows(IllegalArgumentException.class, () -> Pca.viaCovariance(data, 0)).getMessage());
        DMatrixRMaj bad = data.copy();
        bad.set(2, 1, Double.NaN);
        assertEquals("data must be finite, got NaN at (2,1)",
                assertThrows(IllegalArgumentException.class, () -> Pca.viaSvd(bad, 1)).getMessage());
        assertEquals("data must not be null",
                assertThrows(IllegalArgumentException.class, () -> Pca.covariance(null)).getMessage());
        assertEquals("data must have at least 2 rows and 1 column for the unbiased covariance, got 1x3",
                assertThrows(IllegalArgumentException.class,
                        () -> Pca.covariance(new DMatrixRMaj(1, 3), CovarianceNormalization.UNBIASED)).getMessage());
        assertEquals("data must have at least 1 row and 1 column, got 0x3", assertThrows(IllegalArgumentException.class,
                () -> Pca.viaCovariance(new DMatrixRMaj(0, 3), 1)).getMessage());
        Pca pca = Pca.viaSvd(data, 2);
        assertEquals("x must have 3 columns, got 2x2",
                assertThrows(IllegalArgumentException.class, () -> pca.project(new DMatrixRMaj(2, 2))).getMessage());
        assertEquals("scores must have 2 columns, got 2x3",
                assertThrows(IllegalArgumentException.class, () -> pca.reconstruct(new DMatrixRMaj(2, 3))).getMessage());
    }

    @Test
    void symmetricEigenRejectsAsymmetric() {
        DMatrixRMaj m = new DMatrixRMaj(new double[][] {{1, 0.5}, {0.2, 1}});
        assertEquals("Sigma must be symmetric, got Sigma(0,1)=0.5 but Sigma(1,0)=0.2",
                assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of("Sigma", m)).getMessage());
        assertEquals("Sigma must be square, got 2x3", assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.requireSymmetric("Sigma", new DMatrixRMaj(2, 3))).getMessage());
    }
}
