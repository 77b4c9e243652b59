package aelab.gaussian;

import aelab.testing.MonteCarloMean;
import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;

import aelab.core.Rng;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DiagonalGaussianTest {
    private static final int N = 200_000;

    @Test
    void sampleMeanAndVarianceMatchForSigmaFarFromOne() {
        // σ = 0.1, 1, 3, 10: variance must be σ² (σ = 3 ⇒ 9, not 81: the σ⁴ bug of scaling ε by σ²).
        double[] sigma = {0.1, 1, 3, 10};
        double[] mu = {-2, 0.5, 1, 4};
        double[] logVar = new double[4];
        for (int i = 0; i < 4; i++) {
            logVar[i] = Math.log(sigma[i] * sigma[i]);
        }
        DMatrixRMaj z = DiagonalGaussian.of(mu, logVar).sample(N, Rng.seeded(1));
        assertEquals(N, z.numRows);
        assertEquals(4, z.numCols);
        for (int i = 0; i < 4; i++) {
            double[] x = new double[N];
            double[] sq = new double[N];
            for (int r = 0; r < N; r++) {
                x[r] = z.get(r, i);
                sq[r] = (x[r] - mu[i]) * (x[r] - mu[i]);
            }
            MonteCarloMean.ofSamples(x).assertWithin(mu[i], 5, "mean, coordinate " + i);
            // SE of the variance estimate from the sample 4th moment (sd of the squared deviations).
            MonteCarloMean.ofSamples(sq).assertWithin(sigma[i] * sigma[i], 5, "variance, coordinate " + i);
        }
    }

    @Test
    void sampleWithIsMeanPlusStdTimesEpsExactly() {
        double[] mu = {0.3, -1.2, 5};
        double[] logVar = {Math.log(9), -3.7, 12};
        double[] eps = {1.5, -0.25, 2};
        double[] z = DiagonalGaussian.of(mu, logVar).sampleWith(eps);
        for (int i = 0; i < 3; i++) {
            assertEquals(mu[i] + Math.exp(0.5 * logVar[i]) * eps[i], z[i], 0.0);
        }
        assertEquals(0.3 + 3 * 1.5, z[0], 1e-15);
    }

    @Test
    void sameSeedGivesBitIdenticalSamples() {
        DiagonalGaussian q = DiagonalGaussian.of(new double[] {1, 2}, new double[] {0.4, -2});
        DMatrixRMaj a = q.sample(50, Rng.seeded(7));
        DMatrixRMaj b = q.sample(50, Rng.seeded(7));
        for (int i = 0; i < a.data.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a.data[i]), Double.doubleToRawLongBits(b.data[i]));
        }
        // row r of sample(rng, n) is the r-th sample(rng) on the same stream
        RandomGenerator rng = Rng.seeded(7);
        for (int r = 0; r < 50; r++) {
            double[] z = q.sample(rng);
            assertEquals(a.get(r, 0), z[0], 0.0);
            assertEquals(a.get(r, 1), z[1], 0.0);
        }
    }

    @Test
    void logDensityMatchesProductOfOneDimensionalDensities() {
        double[] mu = {0.5, -1, 2};
        double[] var = {0.25, 4, 9};
        double[] z = {0.1, 0.7, -1.3};
        double product = 1;
        for (int i = 0; i < 3; i++) {
            product *= Math.exp(-(z[i] - mu[i]) * (z[i] - mu[i]) / (2 * var[i])) / Math.sqrt(2 * Math.PI * var[i]);
        }
        assertEquals(Math.log(product), DiagonalGaussian.ofVariance(mu, var).logDensity(z), 1e-12);
        double[] logVar = {Math.log(0.25), Math.log(4), Math.log(9)};
        assertEquals(Math.log(product), DiagonalGaussian.of(mu, logVar).logDensity(z), 1e-12);
    }

    @Test
    void entropyEqualsMinusExpectedLogDensity() {
        DiagonalGaussian q = DiagonalGaussian.of(new double[] {1, -2, 0}, new double[] {-3, 0, 2.5});
        RandomGenerator rng = Rng.seeded(3);
        double[] minusLog = new double[N];
        for (int i = 0; i < N; i++) {
            minusLog[i] = -q.logDensity(q.sample(rng));
        }
        MonteCarloMean.ofSamples(minusLog).assertWithin(q.entropy(), 5, "entropy");
    }

    @Test
    void accessorsReturnDefensiveCopies() {
        double[] mu = {1, 2};
        DiagonalGaussian q = DiagonalGaussian.of(mu, new double[] {0, Math.log(4)});
        mu[0] = 99;
        q.mean()[1] = 99;
        q.logVar()[0] = 99;
        assertArrayEquals(new double[] {1, 2}, q.mean(), 0);
        assertArrayEquals(new double[] {1, 4}, q.variance(), 1e-15);
        assertArrayEquals(new double[] {1, 2}, q.std(), 1e-15);
        assertEquals(2, q.dimension());
        assertArrayEquals(new double[3], DiagonalGaussian.standard(3).mean(), 0);
        assertArrayEquals(new double[] {1, 1, 1}, DiagonalGaussian.standard(3).variance(), 0);
    }

    @Test
    void worksAcrossTheLogVarianceRange() {
        for (double lv = -30; lv <= 30; lv += 7.5) {
            DiagonalGaussian q = DiagonalGaussian.of(new double[] {0}, new double[] {lv});
            double sigma = Math.exp(lv / 2);
            assertEquals(sigma, q.std()[0], 1e-15 * sigma);
            // log N(σ; 0, σ²) = −½(log 2π + lv + 1)
            assertEquals(-0.5 * (Math.log(2 * Math.PI) + lv + 1), q.logDensity(new double[] {sigma}), 1e-12);
        }
    }


    @Test
    void rejectsDimensionMismatch() {
        assertRejects("logVar must have length 2, got length 3",
                () -> DiagonalGaussian.of(new double[2], new double[3]));
        DiagonalGaussian q = DiagonalGaussian.standard(2);
        assertRejects("eps must have length 2, got length 1", () -> q.sampleWith(new double[1]));
        assertRejects("z must have length 2, got length 3", () -> q.logDensity(new double[3]));
    }

    @Test
    void rejectsNonFinite() {
        assertRejects("mean must be finite, got NaN at index 1",
                () -> DiagonalGaussian.of(new double[] {0, Double.NaN}, new double[2]));
        assertRejects("logVar must be finite, got Infinity at index 0",
                () -> DiagonalGaussian.of(new double[1], new double[] {Double.POSITIVE_INFINITY}));
        assertRejects("eps must be finite, got NaN at index 0",
                () -> DiagonalGaussian.standard(1).sampleWith(new double[] {Double.NaN}));
    }

    @Test
    void rejectsOutOfRangeLogVarianceAndNonPositiveVariance() {
        assertRejects("logVar must be in [-60.0, 60.0], got 61.0 at index 1",
                () -> DiagonalGaussian.of(new double[2], new double[] {0, 61}));
        assertRejects("variance must be > 0 and finite, got 0.0 at index 0",
                () -> DiagonalGaussian.ofVariance(new double[2], new double[] {0, 1}));
        assertRejects("variance must be > 0 and finite, got -1.0 at index 1",
                () -> DiagonalGaussian.ofVariance(new double[2], new double[] {1, -1}));
    }

    @Test
    void rejectsBadSampleCountAndDimension() {
        assertRejects("n must be > 0, got 0", () -> DiagonalGaussian.standard(1).sample(0, Rng.seeded(1)));
        assertRejects("dimension must be > 0, got 0", () -> DiagonalGaussian.standard(0));
        assertRejects("mean length must be > 0, got 0", () -> DiagonalGaussian.of(new double[0], new double[0]));
    }
}
