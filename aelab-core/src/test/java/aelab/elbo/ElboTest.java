package aelab.elbo;

import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;

import aelab.core.Rng;
import aelab.gaussian.DiagonalGaussian;
import aelab.gaussian.FullGaussian;
import aelab.gaussian.GaussianKl;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ElboTest {
    static final LinearGaussianModel MODEL = new LinearGaussianModel(
            new DMatrixRMaj(new double[][] {{1.0, 0.5}, {-0.3, 0.8}, {0.6, -1.2}}),
            new double[] {0.2, -0.1, 0.4}, 0.25, new double[] {1.1, 0.3, -0.9});
    /** A deliberately imperfect diagonal q (near the posterior, wider). */
    static final DiagonalGaussian Q = DiagonalGaussian.of(new double[] {0.4, 0.9}, new double[] {-1.5, -2.5});

    static void assertWithin(double expected, double estimate, double se, double k, String what) {
        assertTrue(Math.abs(estimate - expected) <= k * se,
                what + ": expected " + expected + ", got " + estimate + " ± " + se);
    }

    @Test
    void exactElboIsBelowLogEvidenceAndBothEstimatorsMatchIt() {
        double logPx = MODEL.exactLogEvidence();
        double elbo = MODEL.exactElbo(Q);
        assertTrue(elbo < logPx, elbo + " should be < log p(x) = " + logPx);
        ElboEstimate a = Elbo.analyticKl(Q, MODEL.decoder(), 100_000, 1, Rng.seeded(1));
        ElboEstimate b = Elbo.monteCarlo(Q, MODEL.decoder(), 100_000, Rng.seeded(2));
        assertWithin(elbo, a.value(), a.standardError(), 5, "analytic-KL ELBO");
        assertWithin(elbo, b.value(), b.standardError(), 5, "Monte Carlo ELBO");
        double seDiff = Math.hypot(a.standardError(), b.standardError());
        assertWithin(a.value(), b.value(), seDiff, 5, "(a) vs (b)");
        assertEquals(GaussianKl.diagonalToStandard(Q), a.kl(), 0);
        assertEquals(a.reconstruction() - a.kl(), a.value(), 1e-12);
        assertEquals(b.reconstruction() - b.kl(), b.value(), 1e-9);
        assertEquals(100_000, b.samples());
        assertTrue(a.value() + 5 * a.standardError() < logPx);
    }

    @Test
    void betaWeightsTheKlTerm() {
        ElboEstimate one = Elbo.analyticKl(Q, MODEL.decoder(), 50, 1, Rng.seeded(3));
        ElboEstimate four = Elbo.analyticKl(Q, MODEL.decoder(), 50, 4, Rng.seeded(3));
        assertEquals(one.reconstruction(), four.reconstruction(), 0);
        assertEquals(one.value() - 3 * one.kl(), four.value(), 1e-12);
        ElboEstimate mc0 = Elbo.monteCarlo(Q, MODEL.decoder(), 50, 0, Rng.seeded(4));
        assertEquals(mc0.reconstruction(), mc0.value(), 1e-12);
        ElboEstimate mc2 = Elbo.monteCarlo(Q, MODEL.decoder(), 50, 2, Rng.seeded(4));
        assertEquals(mc2.reconstruction() - 2 * mc2.kl(), mc2.value(), 1e-12);
    }

    @Test
    void exactFullCovariancePosteriorGivesLogEvidenceWithZeroVariance() {
        double logPx = MODEL.exactLogEvidence();
        FullGaussian posterior = MODEL.exactPosterior();
        ElboEstimate mc = Elbo.monteCarlo(posterior, MODEL.decoder(), 200, Rng.seeded(5));
        assertEquals(logPx, mc.value(), 1e-10);
        assertTrue(mc.standardError() < 1e-11, "SE " + mc.standardError());
        assertEquals(logPx, Elbo.iwae(posterior, MODEL.decoder(), 7, Rng.seeded(6)).value(), 1e-10);
        // analytic-KL version: the full KL is used; unbiased for log p(x) but the reconstruction term varies
        ElboEstimate a = Elbo.analyticKl(posterior, MODEL.decoder(), 100_000, Rng.seeded(7));
        assertWithin(logPx, a.value(), a.standardError(), 5, "analytic-KL ELBO at exact posterior");
    }

    @Test
    void exactDiagonalPosteriorForOneDimensionalLatent() {
        LinearGaussianModel oneD = new LinearGaussianModel(new DMatrixRMaj(new double[][] {{1.5}, {-0.7}}),
                new double[] {0.1, 0.3}, 0.5, new double[] {2.0, -0.4});
        DiagonalGaussian q = DiagonalGaussian.ofVariance(oneD.posteriorMean(),
                new double[] {oneD.posteriorCovariance().get(0, 0)});
        ElboEstimate mc = Elbo.monteCarlo(q, oneD.decoder(), 100, Rng.seeded(8));
        assertEquals(oneD.exactLogEvidence(), mc.value(), 1e-10);
        assertTrue(mc.standardError() < 1e-11);
        assertEquals(oneD.exactLogEvidence(), oneD.exactElbo(q), 1e-10);
    }

    @Test
    void iwaeIsNonDecreasingInKOnAverageAndApproachesLogEvidence() {
        double logPx = MODEL.exactLogEvidence();
        int[] ks = {1, 2, 5, 20, 100, 1000};
        int repeats = 400;
        double[] means = new double[ks.length];
        double[] ses = new double[ks.length];
        RandomGenerator rng = Rng.seeded(9);
        for (int j = 0; j < ks.length; j++) {
            double[] v = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                v[r] = Elbo.iwae(Q, MODEL.decoder(), ks[j], rng).value();
            }
            double m = 0;
            for (double x : v) {
                m += x;
            }
            m /= repeats;
            double ss = 0;
            for (double x : v) {
                ss += (x - m) * (x - m);
            }
            means[j] = m;
            ses[j] = Math.sqrt(ss / (repeats - 1) / repeats);
        }
        // K = 1 is the plain ELBO
        assertWithin(MODEL.exactElbo(Q), means[0], ses[0], 5, "IWAE K=1");
        for (int j = 1; j < ks.length; j++) {
            assertTrue(means[j] >= means[j - 1] - 3 * Math.hypot(ses[j], ses[j - 1]),
                    "K=" + ks[j] + ": " + means[j] + " < K=" + ks[j - 1] + ": " + means[j - 1]);
            assertTrue(means[j] <= logPx + 5 * ses[j], "IWAE above log p(x) at K=" + ks[j]);
        }
        double gap1 = logPx - means[0];
        double gapLast = logPx - means[ks.length - 1];
        assertTrue(gap1 > 0.1, "the test q should be visibly imperfect, gap " + gap1);
        assertTrue(gapLast < 0.05 * gap1, "K=1000 gap " + gapLast + " vs K=1 gap " + gap1);
    }

    @Test
    void logMeanExpIsStableAndMatchesDirectFormula() {
        double[] a = {-1.2, 0.3, 2.5};
        double direct = Math.log((Math.exp(-1.2) + Math.exp(0.3) + Math.exp(2.5)) / 3);
        assertEquals(direct, Elbo.logMeanExp(a), 1e-14);
        assertEquals(1000, Elbo.logMeanExp(new double[] {1000, 1000}), 1e-12);
        assertEquals(-1000 + Math.log(0.5), Elbo.logMeanExp(new double[] {-1000, -5000}), 1e-12);
    }

    @Test
    void sameSeedGivesBitIdenticalEstimates() {
        assertEquals(Elbo.monteCarlo(Q, MODEL.decoder(), 30, Rng.seeded(10)),
                Elbo.monteCarlo(Q, MODEL.decoder(), 30, Rng.seeded(10)));
        assertEquals(Elbo.iwae(Q, MODEL.decoder(), 30, Rng.seeded(10)),
                Elbo.iwae(Q, MODEL.decoder(), 30, Rng.seeded(10)));
        assertEquals(Elbo.analyticKl(Q, MODEL.decoder(), 30, 0.5, Rng.seeded(10)),
                Elbo.analyticKl(Q, MODEL.decoder(), 30, 0.5, Rng.seeded(10)));
    }


    @Test
    void rejectsNonPositiveSampleCounts() {
        assertRejects("L (samples) must be > 0, got 0", () -> Elbo.analyticKl(Q, MODEL.decoder(), 0, Rng.seeded(1)));
        assertRejects("L (samples) must be > 0, got -3", () -> Elbo.monteCarlo(Q, MODEL.decoder(), -3, Rng.seeded(1)));
        assertRejects("K (importance samples) must be > 0, got 0", () -> Elbo.iwae(Q, MODEL.decoder(), 0,
                Rng.seeded(1)));
    }

    @Test
    void rejectsBadBetaNonFiniteDecoderAndNulls() {
        assertRejects("beta must be >= 0 and finite, got -1.0",
                () -> Elbo.analyticKl(Q, MODEL.decoder(), 5, -1, Rng.seeded(1)));
        assertRejects("beta must be >= 0 and finite, got NaN",
                () -> Elbo.monteCarlo(Q, MODEL.decoder(), 5, Double.NaN, Rng.seeded(1)));
        assertRejects("decoder log-likelihood must be finite, got -Infinity at z = [",
                () -> Elbo.iwae(Q, z -> Double.NEGATIVE_INFINITY, 5, Rng.seeded(1)));
        assertRejects("decoder must not be null", () -> Elbo.monteCarlo(Q, null, 5, Rng.seeded(1)));
        assertRejects("q must not be null", () -> Elbo.iwae(null, MODEL.decoder(), 5, Rng.seeded(1)));
    }
}
