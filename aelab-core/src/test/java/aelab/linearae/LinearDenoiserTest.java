package aelab.linearae;

import static aelab.testing.Rejects.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.testing.MonteCarloMean;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;

class LinearDenoiserTest {
    /** Golden-section minimisation of a unimodal f on [lo, hi] to width 1e-12. */
    static double goldenSection(DoubleUnaryOperator f, double lo, double hi) {
        double r = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        double c = b - r * (b - a);
        double d = a + r * (b - a);
        while (b - a > 1e-12) {
            if (f.applyAsDouble(c) < f.applyAsDouble(d)) {
                b = d;
            } else {
                a = c;
            }
            c = b - r * (b - a);
            d = a + r * (b - a);
        }
        return (a + b) / 2;
    }

    /** Composite Simpson rule of g over [lo, hi] with an even number of intervals. */
    static double simpson(DoubleUnaryOperator g, double lo, double hi, int intervals) {
        double h = (hi - lo) / intervals;
        double s = g.applyAsDouble(lo) + g.applyAsDouble(hi);
        for (int i = 1; i < intervals; i++) {
            s += (i % 2 == 1 ? 4 : 2) * g.applyAsDouble(lo + i * h);
        }
        return s * h / 3;
    }

    @Test
    void seedScalarExampleMatchesBruteForceMinimisation() {
        // x ∈ {−2, 2} with probability ½ each, ε ~ N(0, 0.5²): exact expectation by quadrature, then golden section
        double sigma = 0.5;
        DoubleUnaryOperator expectedLoss = w -> {
            double total = 0;
            for (double x : new double[] {-2, 2}) {
                total += 0.5 * simpson(e -> {
                    double err = x - w * (x + e);
                    return err * err * Math.exp(-e * e / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
                }, -12 * sigma, 12 * sigma, 4000);
            }
            return total;
        };
        double bruteForce = goldenSection(expectedLoss, 0, 2);
        double gain = LinearDenoiser.optimalGain(4, sigma * sigma);
        assertEquals(4 / 4.25, gain, 1e-15);
        assertEquals(0.941, gain, 5e-4);
        assertEquals(bruteForce, gain, 1e-6);
        assertEquals(expectedLoss.applyAsDouble(0.7), LinearDenoiser.gaussianNoiseLoss(0.7, 4, 0.25), 1e-9);
    }

    static DMatrixRMaj random(RandomGenerator rng, int rows, int cols) {
        return LinearAutoencoderAnalysisTest.random(rng, rows, cols);
    }

    @Test
    void gaussianNoiseOptimumIsStationaryAndReducesToTheScalarGain() {
        RandomGenerator rng = Rng.seeded(1);
        DMatrixRMaj s = LinearAutoencoderAnalysisTest.randomCovariance(rng, 4);
        double noise = 0.3;
        DMatrixRMaj w = LinearDenoiser.gaussianNoiseOptimum(s, noise, null);
        assertTrue(MatrixFeatures_DDRM.isSymmetric(w, 1e-12));
        double h = 1e-5;
        for (int i = 0; i < w.data.length; i++) { // central differences of the expected loss vanish at W*
            DMatrixRMaj plus = w.copy();
            DMatrixRMaj minus = w.copy();
            plus.data[i] += h;
            minus.data[i] -= h;
            double derivative = (LinearDenoiser.gaussianNoiseLoss(plus, s, noise)
                    - LinearDenoiser.gaussianNoiseLoss(minus, s, noise)) / (2 * h);
            assertEquals(0, derivative, 1e-8);
        }
        for (int t = 0; t < 5; t++) {
            DMatrixRMaj other = w.copy();
            CommonOps_DDRM.addEquals(other, 0.05, random(rng, 4, 4));
            assertTrue(LinearDenoiser.gaussianNoiseLoss(other, s, noise) > LinearDenoiser.gaussianNoiseLoss(w, s, noise));
        }
        DMatrixRMaj scalar = new DMatrixRMaj(new double[][] {{4}});
        assertEquals(LinearDenoiser.optimalGain(4, 0.25), LinearDenoiser.gaussianNoiseOptimum(scalar, 0.25, null).get(0),
                1e-15);
    }

    @Test
    void gaussianNoiseLossMatchesMonteCarlo() {
        RandomGenerator rng = Rng.seeded(2);
        DMatrixRMaj l = random(rng, 3, 3);
        DMatrixRMaj s = CommonOps_DDRM.multTransB(l, l, null);
        double noise = 0.5;
        DMatrixRMaj w = random(rng, 3, 3);
        double[] z = new double[3];
        MonteCarloMean.of(50000, () -> {
            Rng.standardNormal(z, rng);
            double[] x = new double[3];
            double[] noisy = new double[3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    x[i] += l.get(i, j) * z[j];
                }
            }
            for (int i = 0; i < 3; i++) {
                noisy[i] = x[i] + Math.sqrt(noise) * rng.nextGaussian();
            }
            double v = 0;
            for (int i = 0; i < 3; i++) {
                double e = x[i];
                for (int j = 0; j < 3; j++) {
                    e -= w.get(i, j) * noisy[j];
                }
                v += e * e;
            }
            return v;
        }).assertAgrees(LinearDenoiser.gaussianNoiseLoss(w, s, noise), "expected loss");
    }

    @Test
    void maskingOptimumEqualsExactEnumerationOverMasks() {
        // exact E over a finite dataset (uniform rows) and all 2^d masks, then normal equations
        RandomGenerator rng = Rng.seeded(3);
        int d = 3;
        int n = 7;
        double p = 0.3;
        DMatrixRMaj data = random(rng, n, d);
        for (int i = 0; i < n; i++) {
            data.add(i, 0, 1.5);
        }
        DMatrixRMaj cross = new DMatrixRMaj(d, d);
        DMatrixRMaj noisy = new DMatrixRMaj(d, d);
        for (int mask = 0; mask < (1 << d); mask++) {
            double prob = 1;
            for (int i = 0; i < d; i++) {
                prob *= (mask & (1 << i)) != 0 ? 1 - p : p;
            }
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < d; i++) {
                    double xi = data.get(r, i);
                    double ti = (mask & (1 << i)) != 0 ? xi : 0;
                    for (int j = 0; j < d; j++) {
                        double tj = (mask & (1 << j)) != 0 ? data.get(r, j) : 0;
                        cross.add(i, j, prob * xi * tj / n);
                        noisy.add(i, j, prob * ti * tj / n);
                    }
                }
            }
        }
        DMatrixRMaj inverse = noisy.copy();
        assertTrue(CommonOps_DDRM.invert(inverse));
        DMatrixRMaj expected = CommonOps_DDRM.mult(cross, inverse, null);
        DMatrixRMaj s = CommonOps_DDRM.multTransA(data, data, null);
        CommonOps_DDRM.scale(1.0 / n, s);
        CommonOps_DDRM.symmLowerToFull(s);
        assertTrue(MatrixFeatures_DDRM.isIdentical(noisy, LinearDenoiser.maskedSecondMoment(s, p), 1e-12));
        assertTrue(MatrixFeatures_DDRM.isIdentical(expected, LinearDenoiser.maskingNoiseOptimum(s, p, null), 1e-12));
    }

    @Test
    void maskingOptimumMatchesMonteCarloLeastSquares() {
        RandomGenerator rng = Rng.seeded(4);
        int d = 3;
        double p = 0.25;
        DMatrixRMaj l = random(rng, d, d); // L = I + 0.5 G: well conditioned, correlated
        CommonOps_DDRM.scale(0.5, l);
        for (int i = 0; i < d; i++) {
            l.add(i, i, 1);
        }
        double[] mu = {1.0, -0.5, 2.0};
        DMatrixRMaj s = CommonOps_DDRM.multTransB(l, l, null); // S = L Lᵀ + μ μᵀ
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s.add(i, j, mu[i] * mu[j]);
            }
        }
        int groups = 40;
        int perGroup = 2500;
        int n = groups * perGroup;
        double[] sumA = new double[d * d];
        double[] sqA = new double[d * d];
        double[] sumB = new double[d * d];
        double[] sqB = new double[d * d];
        DMatrixRMaj[] groupW = new DMatrixRMaj[groups];
        double[] z = new double[d];
        double[] x = new double[d];
        double[] t = new double[d];
        for (int g = 0; g < groups; g++) {
            DMatrixRMaj groupA = new DMatrixRMaj(d, d);
            DMatrixRMaj groupB = new DMatrixRMaj(d, d);
            for (int r = 0; r < perGroup; r++) {
                Rng.standardNormal(z, rng);
                for (int i = 0; i < d; i++) {
                    x[i] = mu[i];
                    for (int j = 0; j < d; j++) {
                        x[i] += l.get(i, j) * z[j];
                    }
                }
                for (int i = 0; i < d; i++) {
                    t[i] = rng.nextDouble() < p ? 0 : x[i];
                }
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        double a = x[i] * t[j];
                        double b = t[i] * t[j];
                        groupA.data[i * d + j] += a;
                        groupB.data[i * d + j] += b;
                        sumA[i * d + j] += a;
                        sqA[i * d + j] += a * a;
                        sumB[i * d + j] += b;
                        sqB[i * d + j] += b * b;
                    }
                }
            }
            groupW[g] = leastSquares(groupA, groupB);
        }
        DMatrixRMaj sampleA = new DMatrixRMaj(d, d);
        DMatrixRMaj sampleB = new DMatrixRMaj(d, d);
        DMatrixRMaj formulaA = s.copy();
        CommonOps_DDRM.scale(1 - p, formulaA);
        DMatrixRMaj formulaB = LinearDenoiser.maskedSecondMoment(s, p);
        for (int i = 0; i < d * d; i++) { // the moment formulas, entry by entry within 5 standard errors
            sampleA.data[i] = sumA[i] / n;
            sampleB.data[i] = sumB[i] / n;
            double seA = Math.sqrt((sqA[i] / n - sampleA.data[i] * sampleA.data[i]) / n);
            double seB = Math.sqrt((sqB[i] / n - sampleB.data[i] * sampleB.data[i]) / n);
            assertEquals(formulaA.data[i], sampleA.data[i], 5 * seA);
            assertEquals(formulaB.data[i], sampleB.data[i], 5 * seB);
        }
        // Monte Carlo least squares W = A B⁻¹ on all samples vs the formula, each entry within 5 standard errors
        // estimated by batch means (spread of the 40 per-group least-squares solutions / √40)
        DMatrixRMaj wMc = leastSquares(sampleA, sampleB);
        DMatrixRMaj wStar = LinearDenoiser.maskingNoiseOptimum(s, p, null);
        DMatrixRMaj wrong = scaledIdentity(d, 1 / (1 - p)); // drops the p(1−p)diag(S) term: (1−p)S[(1−p)²S]⁻¹
        boolean wrongExcluded = false;
        for (int i = 0; i < d * d; i++) {
            double mean = 0;
            double sq = 0;
            for (DMatrixRMaj w : groupW) {
                mean += w.data[i] / groups;
                sq += w.data[i] * w.data[i] / groups;
            }
            double se = Math.sqrt((sq - mean * mean) / (groups - 1));
            assertEquals(wStar.data[i], wMc.data[i], 5 * se, "entry " + i);
            wrongExcluded |= Math.abs(wrong.data[i] - wMc.data[i]) > 5 * se;
        }
        assertTrue(wrongExcluded);
    }

    static DMatrixRMaj leastSquares(DMatrixRMaj cross, DMatrixRMaj noisy) {
        DMatrixRMaj inverse = noisy.copy();
        assertTrue(CommonOps_DDRM.invert(inverse));
        return CommonOps_DDRM.mult(cross, inverse, null);
    }

    @Test
    void seedAnswerOneOverOneMinusPIsWrong() {
        // seed practice answer: W_ii ≈ 1/(1−p) ≈ 1.429 for p = 0.3. For W = wI the expected loss
        // Σ_i S_ii (1 − 2w(1−p) + w²(1−p)) is minimised at w = 1.
        RandomGenerator rng = Rng.seeded(5);
        double p = 0.3;
        DMatrixRMaj l = random(rng, 3, 3);
        DMatrixRMaj s = CommonOps_DDRM.multTransB(l, l, null);
        DoubleUnaryOperator diagonalLoss = w -> LinearDenoiser.maskingNoiseLoss(scaledIdentity(3, w), s, p);
        assertEquals(1.0, goldenSection(diagonalLoss, 0, 3), 1e-6);
        double seedW = 1 / (1 - p);
        assertEquals(1.429, seedW, 5e-4);
        assertTrue(diagonalLoss.applyAsDouble(seedW) > diagonalLoss.applyAsDouble(1.0));
        double fullOptimum = LinearDenoiser.maskingNoiseLoss(LinearDenoiser.maskingNoiseOptimum(s, p, null), s, p);
        assertTrue(fullOptimum < diagonalLoss.applyAsDouble(1.0));

        // Monte Carlo, paired: loss(w = 1/(1−p)) − loss(w = 1) per sample, mean > 5 standard errors above 0
        double[] z = new double[3];
        MonteCarloMean difference = MonteCarloMean.of(20000, () -> {
            Rng.standardNormal(z, rng);
            double v = 0;
            for (int i = 0; i < 3; i++) {
                double x = 0;
                for (int j = 0; j < 3; j++) {
                    x += l.get(i, j) * z[j];
                }
                double kept = rng.nextDouble() < p ? 0 : x;
                v += (x - seedW * kept) * (x - seedW * kept) - (x - kept) * (x - kept);
            }
            return v;
        });
        assertTrue(difference.mean() > 5 * difference.standardError(), difference.toString());
        difference.assertAgrees(diagonalLoss.applyAsDouble(seedW) - diagonalLoss.applyAsDouble(1.0), "loss difference");
    }

    static DMatrixRMaj scaledIdentity(int d, double w) {
        DMatrixRMaj m = CommonOps_DDRM.identity(d);
        CommonOps_DDRM.scale(w, m);
        return m;
    }

    @Test
    void rejectsBadInput() {
        assertMessage("noiseVariance must be >= 0 and finite, got -1.0", () -> LinearDenoiser.optimalGain(1, -1));
        assertMessage("secondMoment must be >= 0 and finite, got NaN", () -> LinearDenoiser.optimalGain(Double.NaN, 1));
        assertMessage("secondMoment + noiseVariance must be > 0 and finite, got 0.0",
                () -> LinearDenoiser.optimalGain(0, 0));
        DMatrixRMaj singular = new DMatrixRMaj(new double[][] {{1, 1}, {1, 1}});
        assertMessage("secondMoment + noiseVariance*I must be symmetric positive definite, Cholesky failed for 2x2 "
                + "matrix", () -> LinearDenoiser.gaussianNoiseOptimum(singular, 0, null));
        assertMessage("secondMoment must be symmetric, got secondMoment(0,1)=1.0 but secondMoment(1,0)=0.0",
                () -> LinearDenoiser.gaussianNoiseOptimum(new DMatrixRMaj(new double[][] {{1, 1}, {0, 1}}), 1, null));
        assertMessage("secondMoment must be square, got 2x3",
                () -> LinearDenoiser.maskingNoiseOptimum(new DMatrixRMaj(2, 3), 0.1, null));
        assertMessage("dropProbability must be in [0, 1), got 1.0",
                () -> LinearDenoiser.maskingNoiseOptimum(CommonOps_DDRM.identity(2), 1, null));
        assertMessage("dropProbability must be in [0, 1), got NaN",
                () -> LinearDenoiser.maskedSecondMoment(CommonOps_DDRM.identity(2), Double.NaN));
        assertMessage("masked second moment (1-p)^2 S + p(1-p) diag(S) must be symmetric positive definite, Cholesky "
                + "failed for 2x2 matrix", () -> LinearDenoiser.maskingNoiseOptimum(new DMatrixRMaj(2, 2), 0.2, null));
        assertMessage("W must be 2x2, got 3x3",
                () -> LinearDenoiser.maskingNoiseLoss(CommonOps_DDRM.identity(3), CommonOps_DDRM.identity(2), 0.2));
        DMatrixRMaj nan = CommonOps_DDRM.identity(2);
        nan.set(0, 1, Double.NaN);
        assertMessage("W must be finite, got NaN at (0,1)",
                () -> LinearDenoiser.gaussianNoiseLoss(nan, CommonOps_DDRM.identity(2), 0.2));
    }
}
