package aelab.elbo;

import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.gaussian.DiagonalGaussian;
import org.junit.jupiter.api.Test;

class GradientEstimatorsTest {
    // f(z) = Σ zᵢ²: E_q f = Σ μᵢ² + σᵢ², so ∂/∂μᵢ = 2μᵢ and ∂/∂log σᵢ² = σᵢ² (since dσ²/d log σ² = σ²).
    static final double[] MU = {0.5, -1.0, 2.0};
    static final double[] LOG_VAR = {Math.log(9), -1.0, 0.3};
    static final DiagonalGaussian Q = DiagonalGaussian.of(MU, LOG_VAR);
    static final int N = 200_000;

    static double sumOfSquares(double[] z) {
        double s = 0;
        for (double v : z) {
            s += v * v;
        }
        return s;
    }

    static double[] twice(double[] z) {
        double[] g = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            g[i] = 2 * z[i];
        }
        return g;
    }

    static void assertAgrees(GradientEstimate g, String name) {
        for (int i = 0; i < MU.length; i++) {
            double expectedMean = 2 * MU[i];
            double expectedLogVar = Math.exp(LOG_VAR[i]);
            double seMean = Math.sqrt(g.varianceMean()[i] / g.samples());
            double seLogVar = Math.sqrt(g.varianceLogVar()[i] / g.samples());
            assertTrue(Math.abs(g.gradMean()[i] - expectedMean) <= 5 * seMean,
                    name + " d/dmu " + i + ": " + g.gradMean()[i] + " vs " + expectedMean + " ± " + seMean);
            assertTrue(Math.abs(g.gradLogVar()[i] - expectedLogVar) <= 5 * seLogVar,
                    name + " d/dlogVar " + i + ": " + g.gradLogVar()[i] + " vs " + expectedLogVar + " ± " + seLogVar);
        }
    }

    @Test
    void bothEstimatorsMatchClosedFormAndPathwiseHasLowerVariance() {
        GradientEstimate score = GradientEstimators.scoreFunction(Q, GradientEstimatorsTest::sumOfSquares, N,
                Rng.seeded(1));
        GradientEstimate path = GradientEstimators.pathwise(Q, GradientEstimatorsTest::twice, N, Rng.seeded(2));
        assertAgrees(score, "score function");
        assertAgrees(path, "pathwise");
        for (int i = 0; i < MU.length; i++) {
            assertTrue(path.varianceMean()[i] < score.varianceMean()[i], "mu variance " + i);
            assertTrue(path.varianceLogVar()[i] < score.varianceLogVar()[i], "logVar variance " + i);
        }
        // pathwise variance of ∂/∂μᵢ = Var(2zᵢ) = 4σᵢ², known exactly: check within 5% (n = 200k)
        for (int i = 0; i < MU.length; i++) {
            double expected = 4 * Math.exp(LOG_VAR[i]);
            assertTrue(Math.abs(path.varianceMean()[i] / expected - 1) < 0.05, "pathwise variance " + i);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalGradients() {
        GradientEstimate a = GradientEstimators.scoreFunction(Q, GradientEstimatorsTest::sumOfSquares, 100,
                Rng.seeded(3));
        GradientEstimate b = GradientEstimators.scoreFunction(Q, GradientEstimatorsTest::sumOfSquares, 100,
                Rng.seeded(3));
        assertArrayEquals(a.gradMean(), b.gradMean(), 0);
        assertArrayEquals(a.varianceLogVar(), b.varianceLogVar(), 0);
    }

    @Test
    void rejectsBadInput() {
        assertRejects("n must be >= 2 (for a variance), got 1",
                () -> GradientEstimators.pathwise(Q, GradientEstimatorsTest::twice, 1, Rng.seeded(1)));
        assertRejects("gradF(z) must have length 3, got length 2",
                () -> GradientEstimators.pathwise(Q, z -> new double[2], 10, Rng.seeded(1)));
        assertRejects("gradF(z) must be finite, got NaN at index 0",
                () -> GradientEstimators.pathwise(Q, z -> new double[] {Double.NaN, 0, 0}, 10, Rng.seeded(1)));
        assertRejects("f must be finite, got Infinity",
                () -> GradientEstimators.scoreFunction(Q, z -> Double.POSITIVE_INFINITY, 10, Rng.seeded(1)));
    }
}
