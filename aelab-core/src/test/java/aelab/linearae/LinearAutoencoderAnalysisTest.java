package aelab.linearae;

import static aelab.testing.Rejects.assertMessage;
import static aelab.linearae.LinearAutoencoderAnalysis.classify;
import static aelab.linearae.LinearAutoencoderAnalysis.decoderGradient;
import static aelab.linearae.LinearAutoencoderAnalysis.encoderGradient;
import static aelab.linearae.LinearAutoencoderAnalysis.loss;
import static aelab.linearae.LinearAutoencoderAnalysis.stationaryPoint;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.pca.Pca;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;

class LinearAutoencoderAnalysisTest {
    static DMatrixRMaj random(RandomGenerator rng, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextGaussian();
        }
        return m;
    }

    /** Σ = Q diag(lambda) Qᵀ with a random orthogonal Q (from the QR-free route: eigenvectors of a random SPD). */
    static DMatrixRMaj covarianceWithEigenvalues(RandomGenerator rng, double... lambda) {
        int d = lambda.length;
        DMatrixRMaj a = random(rng, d, d);
        DMatrixRMaj spd = CommonOps_DDRM.multTransB(a, a, null);
        DMatrixRMaj q = aelab.pca.SymmetricEigen.of(spd).vectors();
        DMatrixRMaj ql = q.copy();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                ql.set(i, j, q.get(i, j) * lambda[j]);
            }
        }
        DMatrixRMaj sigma = CommonOps_DDRM.multTransB(ql, q, null);
        CommonOps_DDRM.symmLowerToFull(sigma);
        return sigma;
    }

    static DMatrixRMaj randomCovariance(RandomGenerator rng, int d) {
        DMatrixRMaj x = random(rng, 3 * d, d);
        return Pca.covariance(x);
    }

    static double maxAbsDiff(DMatrixRMaj a, DMatrixRMaj b) {
        assertEquals(a.numRows, b.numRows);
        assertEquals(a.numCols, b.numCols);
        DMatrixRMaj d = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.subtract(a, b, d);
        return CommonOps_DDRM.elementMaxAbs(d);
    }

    /** All k-subsets of {0..d-1}. */
    static List<int[]> subsets(int d, int k) {
        List<int[]> out = new ArrayList<>();
        for (int mask = 0; mask < (1 << d); mask++) {
            if (Integer.bitCount(mask) == k) {
                int[] s = new int[k];
                int c = 0;
                for (int i = 0; i < d; i++) {
                    if ((mask & (1 << i)) != 0) {
                        s[c++] = i;
                    }
                }
                out.add(s);
            }
        }
        return out;
    }

    @Test
    void traceFormulaMatchesBruteForceLossOnData() {
        RandomGenerator rng = Rng.seeded(1);
        DMatrixRMaj data = random(rng, 50, 4);
        DMatrixRMaj secondMoment = CommonOps_DDRM.multTransA(data, data, null);
        CommonOps_DDRM.scale(1.0 / 50, secondMoment);
        CommonOps_DDRM.symmLowerToFull(secondMoment);
        for (int k = 1; k <= 4; k++) {
            DMatrixRMaj we = random(rng, k, 4);
            DMatrixRMaj wd = random(rng, 4, k);
            double brute = LinearAutoencoderAnalysis.empiricalLoss(we, wd, data);
            assertEquals(brute, loss(we, wd, secondMoment), 1e-12 * brute);
            DMatrixRMaj wt = CommonOps_DDRM.transpose(we, null);
            double tiedBrute = LinearAutoencoderAnalysis.empiricalLoss(we, wt, data);
            assertEquals(tiedBrute, LinearAutoencoderAnalysis.tiedLoss(we, secondMoment), 1e-12 * tiedBrute);
        }
    }

    @Test
    void gradientsMatchCentralDifferences() {
        RandomGenerator rng = Rng.seeded(2);
        for (int[] kd : new int[][] {{1, 3}, {2, 5}, {4, 4}}) {
            int k = kd[0];
            int d = kd[1];
            DMatrixRMaj sigma = randomCovariance(rng, d);
            DMatrixRMaj we = random(rng, k, d);
            DMatrixRMaj wd = random(rng, d, k);
            double h = 1e-5;
            DMatrixRMaj ge = encoderGradient(we, wd, sigma, null);
            DMatrixRMaj gd = decoderGradient(we, wd, sigma, null);
            assertEquals(k, ge.numRows);
            assertEquals(d, ge.numCols);
            assertEquals(d, gd.numRows);
            assertEquals(k, gd.numCols);
            double scale = 1 + CommonOps_DDRM.elementMaxAbs(ge) + CommonOps_DDRM.elementMaxAbs(gd);
            assertTrue(maxAbsDiff(ge, LinearAutoencoderAnalysis.numericalEncoderGradient(we, wd, sigma, h)) < 1e-7 * scale);
            assertTrue(maxAbsDiff(gd, LinearAutoencoderAnalysis.numericalDecoderGradient(we, wd, sigma, h)) < 1e-7 * scale);

            DMatrixRMaj gt = LinearAutoencoderAnalysis.tiedGradient(we, sigma, null);
            DMatrixRMaj numericTied = LinearAutoencoderAnalysis.numericalTiedGradient(we, sigma, h);
            assertTrue(maxAbsDiff(gt, numericTied) < 1e-7 * (1 + CommonOps_DDRM.elementMaxAbs(gt)));
            // chain rule: d/dW L(W, Wᵀ) = ∂L/∂W_e + (∂L/∂W_d)ᵀ at W_d = Wᵀ
            DMatrixRMaj wt = CommonOps_DDRM.transpose(we, null);
            DMatrixRMaj chain = encoderGradient(we, wt, sigma, null);
            CommonOps_DDRM.addEquals(chain, CommonOps_DDRM.transpose(decoderGradient(we, wt, sigma, null), null));
            assertTrue(maxAbsDiff(gt, chain) < 1e-12 * (1 + CommonOps_DDRM.elementMaxAbs(gt)));
        }
    }

    @Test
    void outputArgumentIsReshapedAndReturned() {
        RandomGenerator rng = Rng.seeded(3);
        DMatrixRMaj sigma = randomCovariance(rng, 4);
        DMatrixRMaj we = random(rng, 2, 4);
        DMatrixRMaj wd = random(rng, 4, 2);
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        assertTrue(out == decoderGradient(we, wd, sigma, out));
        assertTrue(MatrixFeatures_DDRM.isIdentical(decoderGradient(we, wd, sigma, null), out, 0));
    }

    @Test
    void seedDecoderGradientFirstTermHasTheWrongShape() {
        // seed: ∂L/∂W_d = −2 W_e Σ + 2 W_d W_e Σ W_eᵀ. Its first term is k×d, but W_d (and the second term) is d×k.
        RandomGenerator rng = Rng.seeded(4);
        DMatrixRMaj sigma = randomCovariance(rng, 5);
        DMatrixRMaj we = random(rng, 2, 5);
        DMatrixRMaj wd = random(rng, 5, 2);
        DMatrixRMaj seedFirstTerm = CommonOps_DDRM.mult(we, sigma, null);
        DMatrixRMaj secondTerm = CommonOps_DDRM.mult(CommonOps_DDRM.mult(wd, we, null),
                CommonOps_DDRM.multTransB(sigma, we, null), null);
        assertEquals("2x5", seedFirstTerm.numRows + "x" + seedFirstTerm.numCols);
        assertEquals("5x2", secondTerm.numRows + "x" + secondTerm.numCols);
        DMatrixRMaj numeric = LinearAutoencoderAnalysis.numericalDecoderGradient(we, wd, sigma, 1e-5);
        assertEquals("5x2", numeric.numRows + "x" + numeric.numCols);
        assertThrows(org.ejml.MatrixDimensionException.class, () -> CommonOps_DDRM.add(seedFirstTerm, secondTerm, null));
    }

    /** The seed's tied gradient −4WΣ + 4WWᵀWΣ. */
    static DMatrixRMaj seedTiedGradient(DMatrixRMaj w, DMatrixRMaj sigma) {
        DMatrixRMaj ws = CommonOps_DDRM.mult(w, sigma, null);
        DMatrixRMaj g = ws.copy();
        CommonOps_DDRM.scale(-4, g);
        CommonOps_DDRM.multAdd(4, CommonOps_DDRM.multTransB(w, w, null), ws, g);
        return g;
    }

    @Test
    void seedTiedGradientIsWrongAwayFromEigenSolutions() {
        RandomGenerator rng = Rng.seeded(5);
        DMatrixRMaj sigma = randomCovariance(rng, 4);
        DMatrixRMaj w = random(rng, 2, 4);
        DMatrixRMaj numeric = LinearAutoencoderAnalysis.numericalTiedGradient(w, sigma, 1e-5);
        double scale = CommonOps_DDRM.elementMaxAbs(numeric);
        assertTrue(maxAbsDiff(seedTiedGradient(w, sigma), numeric) > 0.1 * scale);
        assertTrue(maxAbsDiff(LinearAutoencoderAnalysis.tiedGradient(w, sigma, null), numeric) < 1e-7 * scale);
        // at an eigenvector solution W = R U_Sᵀ (R orthogonal) both vanish, so the slip goes unnoticed there
        double c = Math.cos(0.4);
        double s = Math.sin(0.4);
        DMatrixRMaj rotation = new DMatrixRMaj(new double[][] {{c, -s}, {s, c}});
        DMatrixRMaj eigenW = stationaryPoint(sigma, new int[] {1, 3}, rotation).encoder();
        assertTrue(CommonOps_DDRM.elementMaxAbs(seedTiedGradient(eigenW, sigma)) < 1e-12);
        assertTrue(CommonOps_DDRM.elementMaxAbs(LinearAutoencoderAnalysis.tiedGradient(eigenW, sigma, null)) < 1e-12);
    }

    @Test
    void gradientVanishesAtEveryEigenSubsetForAnyT() {
        RandomGenerator rng = Rng.seeded(6);
        int d = 5;
        DMatrixRMaj sigma = covarianceWithEigenvalues(rng, 5, 3, 2, 1, 0.5);
        for (int k = 1; k <= d; k++) {
            for (int[] subset : subsets(d, k)) {
                for (DMatrixRMaj t : new DMatrixRMaj[] {CommonOps_DDRM.identity(k), random(rng, k, k)}) {
                    LinearAutoencoderWeights p = stationaryPoint(sigma, subset, t);
                    assertTrue(CommonOps_DDRM.elementMaxAbs(encoderGradient(p.encoder(), p.decoder(), sigma, null))
                            < 1e-10 * (1 + CommonOps_DDRM.elementMaxAbs(p.decoder())));
                    assertTrue(CommonOps_DDRM.elementMaxAbs(decoderGradient(p.encoder(), p.decoder(), sigma, null))
                            < 1e-10 * (1 + CommonOps_DDRM.elementMaxAbs(p.encoder())));
                }
            }
        }
    }

    /** T = Q diag(s) with Q orthogonal and s in [0.5, 2]: condition number at most 4. */
    static DMatrixRMaj wellConditioned(RandomGenerator rng, int k) {
        DMatrixRMaj a = random(rng, k, k);
        DMatrixRMaj q = aelab.pca.SymmetricEigen.of(CommonOps_DDRM.multTransB(a, a, null)).vectors();
        for (int j = 0; j < k; j++) {
            double s = 0.5 + 1.5 * rng.nextDouble();
            for (int i = 0; i < k; i++) {
                q.set(i, j, q.get(i, j) * s);
            }
        }
        return q;
    }

    @Test
    void topKIsTheMinimumAndEveryOtherSubsetASaddle() {
        RandomGenerator rng = Rng.seeded(7);
        double[] lambda = {6, 4, 2.5, 1, 0.3};
        DMatrixRMaj sigma = covarianceWithEigenvalues(rng, lambda);
        double trace = 13.8;
        for (int k = 1; k <= 4; k++) {
            for (int[] subset : subsets(5, k)) {
                boolean top = subset[subset.length - 1] == k - 1;
                LinearAutoencoderWeights p = stationaryPoint(sigma, subset, wellConditioned(rng, k));
                double kept = 0;
                for (int j : subset) {
                    kept += lambda[j];
                }
                assertEquals(trace - kept, loss(p.encoder(), p.decoder(), sigma), 1e-9);
                StationaryPointType type = classify(p.encoder(), p.decoder(), sigma, 1e-8);
                assertEquals(top ? StationaryPointType.MINIMUM : StationaryPointType.SADDLE, type,
                        java.util.Arrays.toString(subset));
                // exactly k² zero Hessian eigenvalues (the GL(k) orbit)
                int zeros = 0;
                double[] mu = LinearAutoencoderAnalysis.hessianEigenvalues(p.encoder(), p.decoder(), sigma);
                for (double v : mu) {
                    zeros += Math.abs(v) < 1e-8 * Math.abs(mu[mu.length - 1]) ? 1 : 0;
                }
                assertEquals(k * k, zeros);
            }
        }
    }

    @Test
    void minimumLossEqualsDiscardedVarianceAndSubspaceEqualsPca() {
        RandomGenerator rng = Rng.seeded(8);
        DMatrixRMaj data = random(rng, 40, 5);
        CommonOps_DDRM.mult(data.copy(), random(rng, 5, 5), data);
        Pca pca = Pca.viaSvd(data, 2);
        DMatrixRMaj sigma = Pca.covariance(data);
        LinearAutoencoderWeights best = stationaryPoint(sigma, new int[] {0, 1}, random(rng, 2, 2));
        assertEquals(pca.discardedVariance(), loss(best.encoder(), best.decoder(), sigma), 1e-10);
        double[] angles = LinearAutoencoderAnalysis.principalAngles(t(best.decoder()), pca.components());
        assertArrayEquals(new double[] {0, 0}, angles, 1e-7);
        // and it beats random weights
        for (int t = 0; t < 10; t++) {
            assertTrue(loss(random(rng, 2, 5), random(rng, 5, 2), sigma) > pca.discardedVariance());
        }
    }

    @Test
    void hessianMatchesCentralDifferencesOfGradient() {
        RandomGenerator rng = Rng.seeded(9);
        int k = 2;
        int d = 3;
        DMatrixRMaj sigma = randomCovariance(rng, d);
        DMatrixRMaj we = random(rng, k, d);
        DMatrixRMaj wd = random(rng, d, k);
        DMatrixRMaj h = LinearAutoencoderAnalysis.hessian(we, wd, sigma);
        assertTrue(MatrixFeatures_DDRM.isSymmetric(h, 1e-12));
        int p = 2 * k * d;
        double step = 1e-5;
        DMatrixRMaj numeric = new DMatrixRMaj(p, p);
        for (int c = 0; c < p; c++) {
            DMatrixRMaj[] plus = {we.copy(), wd.copy()};
            DMatrixRMaj[] minus = {we.copy(), wd.copy()};
            int which = c < k * d ? 0 : 1;
            int index = c < k * d ? c : c - k * d;
            plus[which].data[index] += step;
            minus[which].data[index] -= step;
            double[] gp = flatGradient(plus[0], plus[1], sigma);
            double[] gm = flatGradient(minus[0], minus[1], sigma);
            for (int r = 0; r < p; r++) {
                numeric.set(r, c, (gp[r] - gm[r]) / (2 * step));
            }
        }
        assertTrue(maxAbsDiff(h, numeric) < 1e-7 * (1 + CommonOps_DDRM.elementMaxAbs(h)));
    }

    static double[] flatGradient(DMatrixRMaj we, DMatrixRMaj wd, DMatrixRMaj sigma) {
        DMatrixRMaj ge = encoderGradient(we, wd, sigma, null);
        DMatrixRMaj gd = decoderGradient(we, wd, sigma, null);
        double[] out = new double[ge.data.length + gd.data.length];
        System.arraycopy(ge.data, 0, out, 0, ge.data.length);
        System.arraycopy(gd.data, 0, out, ge.data.length, gd.data.length);
        return out;
    }

    @Test
    void classificationDoesNotDependOnTheConditioningOfT() {
        RandomGenerator rng = Rng.seeded(12);
        DMatrixRMaj sigma = covarianceWithEigenvalues(rng, 6, 4, 2.5, 1, 0.3);
        DMatrixRMaj t = new DMatrixRMaj(new double[][] {{1000, 3}, {2, 0.01}});
        assertEquals(StationaryPointType.MINIMUM, classify(stationaryPoint(sigma, new int[] {0, 1}, t).encoder(),
                stationaryPoint(sigma, new int[] {0, 1}, t).decoder(), sigma, 1e-8));
        LinearAutoencoderWeights saddle = stationaryPoint(sigma, new int[] {0, 4}, t);
        assertEquals(StationaryPointType.SADDLE, classify(saddle.encoder(), saddle.decoder(), sigma, 1e-8));
    }

    @Test
    void classifyDetectsNonStationaryAndDegeneratePoints() {
        RandomGenerator rng = Rng.seeded(10);
        DMatrixRMaj sigma = covarianceWithEigenvalues(rng, 4, 2, 1);
        assertEquals(StationaryPointType.NOT_STATIONARY, classify(random(rng, 1, 3), random(rng, 3, 1), sigma, 1e-8));
        // repeated eigenvalue at the cut (λ2 = λ3): the minimum is not strict, the Hessian has an extra zero
        DMatrixRMaj tie = covarianceWithEigenvalues(rng, 4, 2, 2);
        LinearAutoencoderWeights p = stationaryPoint(tie, new int[] {0, 1});
        assertEquals(StationaryPointType.DEGENERATE, classify(p.encoder(), p.decoder(), tie, 1e-8));
        // the origin is a saddle
        assertEquals(StationaryPointType.SADDLE, classify(new DMatrixRMaj(1, 3), new DMatrixRMaj(3, 1), sigma, 1e-8));
    }

    @Test
    void principalAnglesOfKnownConstructions() {
        double theta = 0.3;
        // 2-D: two lines at angle θ, with non-unit basis vectors
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{2}, {0}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{-3 * Math.cos(theta)}, {-3 * Math.sin(theta)}});
        assertArrayEquals(new double[] {theta}, LinearAutoencoderAnalysis.principalAngles(t(a), t(b)), 1e-12);
        // 3-D: span(e1, e2) vs span(e1, cos θ e2 + sin θ e3), both bases mixed by invertible matrices
        DMatrixRMaj a3 = new DMatrixRMaj(new double[][] {{1, 1}, {0, 2}, {0, 0}});
        DMatrixRMaj basis = new DMatrixRMaj(new double[][] {{1, 0}, {0, Math.cos(theta)}, {0, Math.sin(theta)}});
        DMatrixRMaj b3 = CommonOps_DDRM.mult(basis, new DMatrixRMaj(new double[][] {{1, 2}, {3, -1}}), null);
        assertArrayEquals(new double[] {0, theta}, LinearAutoencoderAnalysis.principalAngles(t(a3), t(b3)), 1e-12);
        // a plane and a line orthogonal to it; unequal dimensions give min(p, q) angles
        DMatrixRMaj e3 = new DMatrixRMaj(new double[][] {{0}, {0}, {5}});
        assertArrayEquals(new double[] {Math.PI / 2}, LinearAutoencoderAnalysis.principalAngles(t(a3), t(e3)), 1e-12);
        // 4-D: two planes with angles 0.2 and 1.1: span(e1, e2) vs span(cos α e1 + sin α e3, cos β e2 + sin β e4)
        DMatrixRMaj p = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {0, 0}, {0, 0}});
        DMatrixRMaj q = new DMatrixRMaj(new double[][] {{Math.cos(0.2), 0}, {0, Math.cos(1.1)}, {Math.sin(0.2), 0},
            {0, Math.sin(1.1)}});
        assertArrayEquals(new double[] {0.2, 1.1}, LinearAutoencoderAnalysis.principalAngles(t(p), t(q)), 1e-12);
    }

    @Test
    void transformLeavesProductAndLossUnchanged() {
        RandomGenerator rng = Rng.seeded(11);
        DMatrixRMaj sigma = randomCovariance(rng, 4);
        DMatrixRMaj we = random(rng, 2, 4);
        DMatrixRMaj wd = random(rng, 4, 2);
        LinearAutoencoderWeights original = new LinearAutoencoderWeights(we, wd);
        LinearAutoencoderWeights moved = LinearAutoencoderAnalysis.transform(we, wd, random(rng, 2, 2));
        assertTrue(maxAbsDiff(original.product(), moved.product()) < 1e-12);
        assertEquals(loss(we, wd, sigma), loss(moved.encoder(), moved.decoder(), sigma), 1e-11);
        assertTrue(maxAbsDiff(we, moved.encoder()) > 1e-3); // the weights themselves did move
    }

    @Test
    void weightsRecordCopiesDefensively() {
        DMatrixRMaj we = new DMatrixRMaj(1, 2);
        LinearAutoencoderWeights w = new LinearAutoencoderWeights(we, new DMatrixRMaj(2, 1));
        we.set(0, 0, 7);
        w.encoder().set(0, 1, 7);
        assertEquals(0.0, CommonOps_DDRM.elementMaxAbs(w.encoder()));
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj sigma = CommonOps_DDRM.identity(3);
        DMatrixRMaj we = new DMatrixRMaj(2, 3);
        DMatrixRMaj wd = new DMatrixRMaj(3, 2);
        assertMessage("We must be k x d with k, d >= 1, got 0x3", () -> loss(new DMatrixRMaj(0, 3), wd, sigma));
        assertMessage("We must be k x d with k, d >= 1, got 2x0", () -> loss(new DMatrixRMaj(2, 0), wd, sigma));
        assertMessage("We must be k x d with k <= d for classify (a rank-k product needs k <= d), got 4x3",
                () -> classify(new DMatrixRMaj(4, 3), new DMatrixRMaj(3, 4), sigma, 1e-8));
        assertMessage("eigenIndices length k must be in [1, 3], got 4",
                () -> stationaryPoint(sigma, new int[] {0, 1, 2, 0}));
        assertMessage("Wd must be 3x2, got 2x3", () -> loss(we, new DMatrixRMaj(2, 3), sigma));
        assertMessage("Sigma must be 3x3, got 4x4", () -> loss(we, wd, CommonOps_DDRM.identity(4)));
        DMatrixRMaj asymmetric = CommonOps_DDRM.identity(3);
        asymmetric.set(0, 2, 0.5);
        assertMessage("Sigma must be symmetric, got Sigma(0,2)=0.5 but Sigma(2,0)=0.0",
                () -> encoderGradient(we, wd, asymmetric, null));
        DMatrixRMaj infiniteSigma = CommonOps_DDRM.identity(3);
        infiniteSigma.set(1, 1, Double.POSITIVE_INFINITY);
        assertMessage("Sigma must be finite, got Infinity at (1,1)", () -> classify(we, wd, infiniteSigma, 1e-8));
        assertMessage("Sigma must be 3x3, got 2x2",
                () -> LinearAutoencoderAnalysis.tiedLoss(we, CommonOps_DDRM.identity(2)));
        DMatrixRMaj nan = wd.copy();
        nan.set(2, 1, Double.NaN);
        assertMessage("Wd must be finite, got NaN at (2,1)", () -> decoderGradient(we, nan, sigma, null));
        assertMessage("Sigma must be 2x2, got 3x3",
                () -> LinearAutoencoderAnalysis.tiedGradient(new DMatrixRMaj(3, 2), sigma, null));
        assertMessage("data must have 3 columns, got 5x2",
                () -> LinearAutoencoderAnalysis.empiricalLoss(we, wd, new DMatrixRMaj(5, 2)));
        assertMessage("h must be > 0 and finite, got 0.0",
                () -> LinearAutoencoderAnalysis.numericalEncoderGradient(we, wd, sigma, 0));

        DMatrixRMaj indefinite = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, -1, 0}, {0, 0, 2}});
        assertMessage("Sigma must be positive semi-definite, got eigenvalue -1.0",
                () -> stationaryPoint(indefinite, new int[] {0}));
        assertMessage("eigenIndices must be distinct, got [1, 1]", () -> stationaryPoint(sigma, new int[] {1, 1}));
        assertMessage("eigenIndices[1] must be in [0, 2], got 3", () -> stationaryPoint(sigma, new int[] {0, 3}));
        assertMessage("eigenIndices length k must be in [1, 3], got 0", () -> stationaryPoint(sigma, new int[0]));
        assertMessage("T must be 2x2, got 3x3", () -> stationaryPoint(sigma, new int[] {0, 1}, sigma));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LinearAutoencoderAnalysis.transform(we, wd, new DMatrixRMaj(new double[][] {{1, 2}, {2, 4}})))
                .getMessage().startsWith("T must be invertible (condition number <= 1e12), got condition number "));
        assertMessage("tol must be in (0.0, 1.0), got 0.0", () -> classify(we, wd, sigma, 0));
        assertMessage("parameter count 2kd must be <= 2000 for a dense Hessian, got 2400 (k=10, d=120)",
                () -> LinearAutoencoderAnalysis.hessian(new DMatrixRMaj(10, 120), new DMatrixRMaj(120, 10),
                        CommonOps_DDRM.identity(120)));

        DMatrixRMaj dependent = new DMatrixRMaj(new double[][] {{1, 2}, {1, 2}, {1, 2}});
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LinearAutoencoderAnalysis.principalAngles(t(dependent), sigma)).getMessage()
                .startsWith("A must have full row rank 2, got |R_ii| ratio min/max = "));
        assertMessage("B must have 3 columns, got 1x2",
                () -> LinearAutoencoderAnalysis.principalAngles(sigma, new DMatrixRMaj(1, 2)));
        assertMessage("A must be p x d with 1 <= p <= d, got 3x2",
                () -> LinearAutoencoderAnalysis.principalAngles(new DMatrixRMaj(3, 2), sigma));
    }

    private static DMatrixRMaj t(DMatrixRMaj columns) {
        return CommonOps_DDRM.transpose(columns, null);
    }
}
