package aelab.gaussian;

import aelab.testing.MonteCarloMean;
import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.random.RandomGenerator;

import aelab.core.Rng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class FullGaussianTest {
    private static final int N = 200_000;

    static DMatrixRMaj matrix(double[][] rows) {
        return new DMatrixRMaj(rows);
    }

    /** A random SPD matrix A·Aᵀ + δI (seeded). */
    static DMatrixRMaj randomSpd(int k, RandomGenerator rng) {
        DMatrixRMaj a = new DMatrixRMaj(k, k);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = rng.nextGaussian();
        }
        DMatrixRMaj s = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransB(a, a, s);
        for (int i = 0; i < k; i++) {
            s.add(i, i, 0.3);
        }
        return s;
    }

    @Test
    void sampleCovarianceMatchesSigmaIncludingLargeVariance() {
        // variances 9 and 0.25 with correlation 0.6: a σ² ⊗ ε bug would give 81 on the diagonal
        double[] mu = {1, -2, 0.5};
        DMatrixRMaj sigma = matrix(new double[][] {{9, 0.9, 1.2}, {0.9, 0.25, 0}, {1.2, 0, 2}});
        DMatrixRMaj z = FullGaussian.of(mu, sigma).sample(N, Rng.seeded(11));
        for (int i = 0; i < 3; i++) {
            double[] x = new double[N];
            for (int r = 0; r < N; r++) {
                x[r] = z.get(r, i);
            }
            MonteCarloMean.ofSamples(x).assertWithin(mu[i], 5, "mean " + i);
            for (int j = 0; j <= i; j++) {
                double[] prod = new double[N];
                for (int r = 0; r < N; r++) {
                    prod[r] = (z.get(r, i) - mu[i]) * (z.get(r, j) - mu[j]);
                }
                MonteCarloMean.ofSamples(prod).assertWithin(sigma.get(i, j), 5, "covariance (" + i + "," + j + ")");
            }
        }
    }

    @Test
    void sampleWithIsMeanPlusCholeskyTimesEps() {
        DMatrixRMaj sigma = matrix(new double[][] {{4, 2}, {2, 5}});
        FullGaussian g = FullGaussian.of(new double[] {1, 2}, sigma);
        // hand Cholesky: L = [[2, 0], [1, 2]]
        double[] z = g.sampleWith(new double[] {0.5, -1});
        assertEquals(1 + 2 * 0.5, z[0], 1e-15);
        assertEquals(2 + 1 * 0.5 + 2 * -1, z[1], 1e-15);
        DMatrixRMaj l = g.cholesky();
        DMatrixRMaj llt = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.multTransB(l, l, llt);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(sigma, llt, 1e-14));
        assertEquals(0, l.get(0, 1), 0);
        assertEquals(Math.log(16), g.logDeterminant(), 1e-14);
    }

    @Test
    void sameSeedGivesBitIdenticalSamples() {
        FullGaussian g = FullGaussian.of(new double[] {1, 2, 3}, randomSpd(3, Rng.seeded(5)));
        DMatrixRMaj a = g.sample(40, Rng.seeded(9));
        DMatrixRMaj b = g.sample(40, Rng.seeded(9));
        for (int i = 0; i < a.data.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a.data[i]), Double.doubleToRawLongBits(b.data[i]));
        }
    }

    @Test
    void diagonalCovarianceAgreesWithDiagonalGaussianAndBruteForce() {
        double[] mu = {0.5, -1, 2};
        double[] var = {0.25, 4, 9};
        double[] z = {0.1, 0.7, -1.3};
        double logProduct = 0;
        for (int i = 0; i < 3; i++) {
            logProduct += Math.log(Math.exp(-(z[i] - mu[i]) * (z[i] - mu[i]) / (2 * var[i]))
                    / Math.sqrt(2 * Math.PI * var[i]));
        }
        DMatrixRMaj cov = CommonOps_DDRM.diag(var);
        FullGaussian full = FullGaussian.of(mu, cov);
        DiagonalGaussian diag = DiagonalGaussian.ofVariance(mu, var);
        assertEquals(logProduct, full.logDensity(z), 1e-12);
        assertEquals(diag.logDensity(z), full.logDensity(z), 1e-12);
        assertEquals(diag.entropy(), full.entropy(), 1e-12);
        assertEquals(diag.entropy(), diag.toFull().entropy(), 1e-12);
    }

    @Test
    void logDensityMatchesNumpyReference() {
        List<NumpyReference.Case> cases = NumpyReference.cases();
        assertTrue(cases.size() >= 10);
        for (NumpyReference.Case c : cases) {
            double got = FullGaussian.of(c.m0(), c.s0()).logDensity(c.z());
            assertEquals(c.logQz(), got, 1e-9 * Math.max(1, Math.abs(c.logQz())), "k=" + c.k());
        }
    }

    @Test
    void entropyEqualsMinusExpectedLogDensity() {
        FullGaussian g = FullGaussian.of(new double[] {1, 0, -1, 2}, randomSpd(4, Rng.seeded(21)));
        RandomGenerator rng = Rng.seeded(22);
        double[] minusLog = new double[N];
        for (int i = 0; i < N; i++) {
            minusLog[i] = -g.logDensity(g.sample(rng));
        }
        MonteCarloMean.ofSamples(minusLog).assertWithin(g.entropy(), 5, "entropy");
    }

    @Test
    void rejectsNonSymmetricCovariance() {
        assertRejects("covariance must be symmetric, got covariance(0,1)=0.5 but covariance(1,0)=0.3",
                () -> FullGaussian.of(new double[2], matrix(new double[][] {{1, 0.5}, {0.3, 1}})));
    }

    @Test
    void toleratesRoundingAsymmetry() {
        double a = 0.1 + 0.2;
        FullGaussian g = FullGaussian.of(new double[2], matrix(new double[][] {{1, a}, {0.3, 1}}));
        DMatrixRMaj c = g.covariance();
        assertEquals(c.get(0, 1), c.get(1, 0), 0);
    }

    @Test
    void rejectsNonPositiveDefiniteCovariance() {
        assertRejects("covariance must be symmetric positive definite, but Cholesky factorization got the"
                        + " non-positive pivot -3.0 at index 1",
                () -> FullGaussian.of(new double[2], matrix(new double[][] {{1, 2}, {2, 1}})));
        assertRejects("non-positive pivot 0.0 at index 0",
                () -> FullGaussian.of(new double[2], matrix(new double[][] {{0, 0}, {0, 1}})));
        assertRejects("non-positive pivot -1.0 at index 0",
                () -> FullGaussian.of(new double[1], matrix(new double[][] {{-1}})));
    }

    @Test
    void rejectsShapeMismatchAndNonFinite() {
        assertRejects("covariance must be square, got 2x3", () -> FullGaussian.of(new double[2], new DMatrixRMaj(2, 3)));
        assertRejects("covariance must be 2x2, got 3x3", () -> FullGaussian.of(new double[2], new DMatrixRMaj(3, 3)));
        DMatrixRMaj bad = CommonOps_DDRM.identity(2);
        bad.set(1, 1, Double.NaN);
        assertRejects("covariance must be finite, got NaN at (1,1)", () -> FullGaussian.of(new double[2], bad));
        assertRejects("mean must be finite, got Infinity at index 0",
                () -> FullGaussian.of(new double[] {Double.POSITIVE_INFINITY}, CommonOps_DDRM.identity(1)));
        FullGaussian g = FullGaussian.standard(2);
        assertRejects("eps must have length 2, got length 3", () -> g.sampleWith(new double[3]));
        assertRejects("z must be finite, got NaN at index 1", () -> g.logDensity(new double[] {0, Double.NaN}));
    }
}
