package aelab.pca;

import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aelab.core.Rng;
import aelab.data.SyntheticData;
import aelab.gaussian.FullGaussian;
import aelab.model.Vae;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: numerically singular inputs were accepted (a covariance with two identical rows, PPCA of rank-deficient
 * data with σ² = 2.3e-15 and log-densities of −7.3e13), PPCA's log-density was NaN at ‖x‖ = 1e300, and huge sizes
 * leaked EJML's "Matrix size exceeds the size of an integer" or NegativeArraySizeException.
 */
class NumericallySingularInputTest {
    @Test
    void covarianceWithTwoIdenticalRowsIsRejectedButAPoorlyScaledOneIsNot() {
        // rows 1 and 2 are equal: the exact last pivot is 0, the computed one 1.1e-16 (> 0, accepted before)
        DMatrixRMaj singular = new DMatrixRMaj(new double[][] {{2, 0.4, 0.4}, {0.4, 0.7, 0.7}, {0.4, 0.7, 0.7}});
        assertRejects("covariance must be numerically positive definite, but the Cholesky pivot at index 2 is "
                + "1.1102230246251565E-16, within the rounding error of the factorization",
                () -> FullGaussian.of(new double[3], singular));
        // units must not matter: a diagonal covariance spanning 40 orders of magnitude is exactly factorized
        FullGaussian scaled = FullGaussian.of(new double[2], new DMatrixRMaj(new double[][] {{1e-20, 0}, {0, 1e20}}));
        assertEquals(Math.log(1e-20) + Math.log(1e20), scaled.logDeterminant(), 1e-12);
        // an ill-conditioned but resolvable covariance (condition number 1e12) is accepted
        double e = 1e-12;
        FullGaussian.of(new double[2], new DMatrixRMaj(new double[][] {{1, 1 - e}, {1 - e, 1}}));
    }

    @Test
    void ppcaOfRankDeficientDataIsRejected() {
        // 200 points in a 2-dimensional subspace of R^5, no noise: the discarded eigenvalues are zero up to rounding
        DMatrixRMaj x = SyntheticData.gaussianWithSubspace(200, 5, 2, new double[] {3, 1}, 0, Rng.seeded(4))
                .data().features();
        assertRejects("the data lie in a 2-dimensional subspace to working precision",
                () -> ProbabilisticPca.fit(x, 2));
        // with noise of variance 1e-6 the fit is accepted and finds it
        DMatrixRMaj noisy = SyntheticData.gaussianWithSubspace(20_000, 5, 2, new double[] {3, 1}, 1e-6,
                Rng.seeded(4)).data().features();
        assertEquals(1e-6, ProbabilisticPca.fit(noisy, 2).sigma2(), 1e-7);
    }

    @Test
    void logDensityFarAwayIsMinusInfinityNotNaN() {
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{1}, {0.5}, {0}});
        ProbabilisticPca model = ProbabilisticPca.of(new double[3], w, 0.1);
        double[] far = {1e300, -1e300, 1e300};
        assertEquals(Double.NEGATIVE_INFINITY, model.logDensity(far));
        // ordinary points: the closed form with the explicit covariance, whatever the scale
        for (double s : new double[] {1e-3, 1, 7, 1e5}) {
            double[] x = {0.3 * s, -1.2 * s, 0.7 * s};
            FullGaussian reference = FullGaussian.of(new double[3], model.covariance());
            assertEquals(reference.logDensity(x), model.logDensity(x), 1e-9 * Math.max(1, Math.abs(
                    reference.logDensity(x))), "scale " + s);
        }
    }

    @Test
    void hugeSizesAreRejectedUpFrontWithAClearMessage() {
        Vae vae = Vae.builder(784, 2).hiddenSizes(4).build(Rng.seeded(1));
        assertRejects("n x inputDim (the samples) must have at most 2147483639 entries, got 3000000 x 784 = "
                + "2352000000", () -> vae.sample(3_000_000, Rng.seeded(1)));
        ProbabilisticPca ppca = ProbabilisticPca.of(new double[1000], new DMatrixRMaj(1000, 1), 1);
        assertRejects("n x d (the sample matrix) must have at most 2147483639 entries, got 2147483647 x 1000",
                () -> ppca.sample(Integer.MAX_VALUE, Rng.seeded(1)));
        FullGaussian g = FullGaussian.standard(3);
        assertRejects("n x dimension (the sample matrix) must have at most 2147483639 entries, got 1000000000 x 3",
                () -> g.sample(1_000_000_000, Rng.seeded(1)));
        assertRejects("n x d (the data matrix) must have at most", () -> SyntheticData.gaussianWithSubspace(
                Integer.MAX_VALUE, 5, 2, new double[] {3, 1}, 0.1, Rng.seeded(4)));
        assertRejects("(the data matrix) must have at most",
                () -> SyntheticData.noisyHelix(Integer.MAX_VALUE, 0.1, Rng.seeded(4)));
    }
}
