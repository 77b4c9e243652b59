package aelab.gaussian;

import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.random.RandomGenerator;

import aelab.core.Rng;
import org.junit.jupiter.api.Test;

class GaussianKlTest {
    private static final MathContext MC = new MathContext(90);

    /**
     * ½(σ² − 1 − log σ²) with log σ² = t, from the series e^t − 1 − t = Σ_{n≥2} tⁿ/n! summed in 90-digit BigDecimal
     * arithmetic (no underflow; for |t| ≤ 30 the alternating terms lose at most ~13 of the 90 digits).
     */
    static double referenceKlPerDimension(double t) {
        BigDecimal x = new BigDecimal(t);
        BigDecimal term = x.multiply(x, MC).divide(BigDecimal.valueOf(2), MC);
        BigDecimal sum = term;
        for (int n = 3; n < 1000; n++) {
            term = term.multiply(x, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
            if (n > Math.abs(t) && term.abs().compareTo(sum.abs().movePointLeft(80)) < 0) {
                break;
            }
        }
        return sum.multiply(new BigDecimal("0.5")).doubleValue();
    }

    @Test
    void diagonalToStandardIsRelativelyAccurateAcrossLogVarianceRange() {
        double worst = 0;
        double[] special = {1e-150, -1e-150, 1e-16, -1e-16, 1e-12, -1e-9, 1e-6, -1e-4, 0.01, -0.3, 0.49999, 0.5, -0.5,
            0.50001, 1, -1, 5, -5, 29.99, -30, 30};
        double[] t = new double[special.length + 601];
        System.arraycopy(special, 0, t, 0, special.length);
        for (int i = 0; i <= 600; i++) {
            t[special.length + i] = -30 + i * 0.1;
        }
        for (double lv : t) {
            if (lv == 0) {
                continue;
            }
            double expected = referenceKlPerDimension(lv);
            double got = GaussianKl.diagonalToStandard(new double[] {0}, new double[] {lv});
            assertTrue(got > 0 || lv == 0, "KL must be positive at logVar " + lv + ", got " + got);
            double rel = Math.abs(got - expected) / expected;
            worst = Math.max(worst, rel);
            assertTrue(rel < 1e-14, "logVar " + lv + ": expected " + expected + ", got " + got + " (rel " + rel + ")");
        }
        assertEquals(0.0, GaussianKl.diagonalToStandard(new double[] {0}, new double[] {0}), 0);
        // the naive formula loses everything at small logVar; ours does not
        double lv = 1e-9;
        double naive = 0.5 * (Math.exp(lv) - 1 - lv);
        assertTrue(Math.abs(naive - referenceKlPerDimension(lv)) / referenceKlPerDimension(lv) > 1e-3);
        assertTrue(worst < 1e-14);
    }

    @Test
    void diagonalToStandardSumsPerDimensionFormulaWithMeans() {
        double[] mu = {0.5, -2, 0};
        double[] lv = {0.2, -1.5, 3};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            expected += 0.5 * (mu[i] * mu[i] + Math.exp(lv[i]) - 1 - lv[i]);
        }
        assertEquals(expected, GaussianKl.diagonalToStandard(mu, lv), 1e-14);
        double[] per = GaussianKl.diagonalToStandardPerDimension(mu, lv);
        assertEquals(0.5 * (4 + Math.exp(-1.5) - 1 + 1.5), per[1], 1e-15);
        assertEquals(expected, GaussianKl.toStandard(DiagonalGaussian.of(mu, lv)), 1e-14);
        assertEquals(expected, GaussianKl.toStandard(DiagonalGaussian.of(mu, lv).toFull()), 1e-12);
    }

    @Test
    void gradientsMatchCentralFiniteDifferences() {
        double[] mu = {0.7, -1.3, 0.01};
        double[] lv = {-2, 0.4, 1e-7};
        double[] gMu = GaussianKl.diagonalToStandardGradMean(mu, lv);
        double[] gLv = GaussianKl.diagonalToStandardGradLogVar(mu, lv);
        double h = 1e-5;
        for (int i = 0; i < 3; i++) {
            double[] up = mu.clone();
            double[] down = mu.clone();
            up[i] += h;
            down[i] -= h;
            double fd = (GaussianKl.diagonalToStandard(up, lv) - GaussianKl.diagonalToStandard(down, lv)) / (2 * h);
            assertEquals(fd, gMu[i], 1e-8, "d/dmu " + i);
            up = lv.clone();
            down = lv.clone();
            up[i] += h;
            down[i] -= h;
            fd = (GaussianKl.diagonalToStandard(mu, up) - GaussianKl.diagonalToStandard(mu, down)) / (2 * h);
            assertEquals(fd, gLv[i], 1e-8, "d/dlogVar " + i);
        }
        // accurate near σ² = 1: ½(σ² − 1) = ½·expm1(lv)
        assertEquals(0.5 * (1e-7 + 0.5e-14), gLv[2], 1e-22);
    }

    @Test
    void diagonalToStandardMatchesMonteCarlo() {
        DiagonalGaussian q = DiagonalGaussian.of(new double[] {1, -0.5, 2}, new double[] {Math.log(9), -1, 0.3});
        Estimate mc = MonteCarloKl.estimate(q, DiagonalGaussian.standard(3), 200_000, Rng.seeded(31));
        double kl = GaussianKl.diagonalToStandard(q);
        assertTrue(Math.abs(mc.mean() - kl) <= 5 * mc.standardError(), kl + " vs " + mc);
        assertEquals(200_000, mc.n());
    }

    @Test
    void diagonalToDiagonalMatchesMonteCarloAndFullForm() {
        DiagonalGaussian q = DiagonalGaussian.of(new double[] {1, -0.5}, new double[] {0.8, -2});
        DiagonalGaussian p = DiagonalGaussian.of(new double[] {-0.3, 0.5}, new double[] {-0.4, 1.1});
        double kl = GaussianKl.diagonalToDiagonal(q, p);
        Estimate mc = MonteCarloKl.estimate(q, p, 200_000, Rng.seeded(41));
        assertTrue(Math.abs(mc.mean() - kl) <= 5 * mc.standardError(), kl + " vs " + mc);
        assertEquals(GaussianKl.full(q.toFull(), p.toFull()), kl, 1e-12);
        // per-coordinate textbook formula written out
        double[] mq = {1, -0.5};
        double[] mp = {-0.3, 0.5};
        double[] vq = {Math.exp(0.8), Math.exp(-2)};
        double[] vp = {Math.exp(-0.4), Math.exp(1.1)};
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            expected += 0.5 * (Math.log(vp[i] / vq[i]) + (vq[i] + (mq[i] - mp[i]) * (mq[i] - mp[i])) / vp[i] - 1);
        }
        assertEquals(expected, kl, 1e-13);
        assertEquals(0, GaussianKl.diagonalToDiagonal(q, q), 0);
    }

    @Test
    void fullMatchesNumpyReference() {
        for (NumpyReference.Case c : NumpyReference.cases()) {
            double got = GaussianKl.full(FullGaussian.of(c.m0(), c.s0()), FullGaussian.of(c.m1(), c.s1()));
            assertEquals(c.kl(), got, 1e-9 * Math.max(1, c.kl()), "k=" + c.k());
        }
    }

    @Test
    void fullMatchesMonteCarlo() {
        RandomGenerator rng = Rng.seeded(51);
        FullGaussian q = FullGaussian.of(new double[] {0.5, -1, 2}, FullGaussianTest.randomSpd(3, rng));
        FullGaussian p = FullGaussian.of(new double[] {0, 0.3, 1}, FullGaussianTest.randomSpd(3, rng));
        double kl = GaussianKl.full(q, p);
        Estimate mc = MonteCarloKl.estimate(q, p, 200_000, Rng.seeded(52));
        assertTrue(Math.abs(mc.mean() - kl) <= 5 * mc.standardError(), kl + " vs " + mc);
        assertEquals(0, GaussianKl.full(q, q), 1e-12);
        assertEquals(0, GaussianKl.full(FullGaussian.standard(3), FullGaussian.standard(3)), 0);
    }

    @Test
    void monteCarloIsSeededDeterministic() {
        DiagonalGaussian q = DiagonalGaussian.of(new double[] {1}, new double[] {0.5});
        Estimate a = MonteCarloKl.estimate(q, DiagonalGaussian.standard(1), 100, Rng.seeded(3));
        Estimate b = MonteCarloKl.estimate(q, DiagonalGaussian.standard(1), 100, Rng.seeded(3));
        assertEquals(a, b);
    }

    @Test
    void rejectsBadInput() {
        assertRejects("logVar must have length 2, got length 1",
                () -> GaussianKl.diagonalToStandard(new double[2], new double[1]));
        assertRejects("mu must be finite, got NaN at index 0",
                () -> GaussianKl.diagonalToStandard(new double[] {Double.NaN}, new double[1]));
        assertRejects("logVar must be in [-60.0, 60.0], got -100.0 at index 0",
                () -> GaussianKl.diagonalToStandardGradLogVar(new double[1], new double[] {-100}));
        assertRejects("q and p must have the same dimension, got 2 and 3",
                () -> GaussianKl.full(FullGaussian.standard(2), FullGaussian.standard(3)));
        assertRejects("q and p must have the same dimension, got 2 and 1",
                () -> GaussianKl.diagonalToDiagonal(DiagonalGaussian.standard(2), DiagonalGaussian.standard(1)));
        assertRejects("n must be > 0, got 0", () -> MonteCarloKl.estimate(DiagonalGaussian.standard(1),
                DiagonalGaussian.standard(1), 0, Rng.seeded(1)));
    }

    @Test
    void estimateUsesUnbiasedStandardError() {
        Estimate e = Estimate.ofSamples(new double[] {1, 2, 3, 4});
        assertEquals(2.5, e.mean(), 1e-15);
        // s² = (2.25+0.25+0.25+2.25)/3 = 5/3, SE = sqrt(5/3/4)
        assertEquals(Math.sqrt(5.0 / 12), e.standardError(), 1e-15);
        assertTrue(Double.isNaN(Estimate.ofSamples(new double[] {1}).standardError()));
    }
}
