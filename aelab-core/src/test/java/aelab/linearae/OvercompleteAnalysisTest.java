package aelab.linearae;

import static aelab.linearae.LinearAutoencoderAnalysisTest.maxAbsDiff;
import static aelab.linearae.LinearAutoencoderAnalysisTest.random;
import static aelab.linearae.LinearAutoencoderAnalysisTest.randomCovariance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** {@link LinearAutoencoderAnalysis} with an overcomplete code, k = 5 &gt; d = 3. */
class OvercompleteAnalysisTest {
    private static final int D = 3;
    private static final int K = 5;

    @Test
    void closedFormLossEqualsTheBruteForceMeanOverData() {
        var rng = Rng.seeded(1);
        DMatrixRMaj we = random(rng, K, D);
        DMatrixRMaj wd = random(rng, D, K);
        DMatrixRMaj x = random(rng, 40, D);
        DMatrixRMaj sigma = CommonOps_DDRM.multTransA(x, x, null);
        CommonOps_DDRM.divide(sigma, x.numRows);
        double bruteForce = 0; // (1/n) Σ_i ||x_i − W_d W_e x_i||², written out entry by entry
        for (int n = 0; n < x.numRows; n++) {
            for (int i = 0; i < D; i++) {
                double xHat = 0;
                for (int j = 0; j < K; j++) {
                    for (int l = 0; l < D; l++) {
                        xHat += wd.get(i, j) * we.get(j, l) * x.get(n, l);
                    }
                }
                bruteForce += Math.pow(x.get(n, i) - xHat, 2) / x.numRows;
            }
        }
        assertEquals(bruteForce, LinearAutoencoderAnalysis.loss(we, wd, sigma), 1e-10 * bruteForce);
        assertEquals(bruteForce, LinearAutoencoderAnalysis.empiricalLoss(we, wd, x), 1e-10 * bruteForce);
    }

    @Test
    void gradientsAndHessianMatchFiniteDifferences() {
        var rng = Rng.seeded(2);
        DMatrixRMaj we = random(rng, K, D);
        DMatrixRMaj wd = random(rng, D, K);
        DMatrixRMaj sigma = randomCovariance(rng, D);
        double h = 1e-5;
        assertTrue(maxAbsDiff(LinearAutoencoderAnalysis.encoderGradient(we, wd, sigma, null),
                LinearAutoencoderAnalysis.numericalEncoderGradient(we, wd, sigma, h)) < 1e-6);
        assertTrue(maxAbsDiff(LinearAutoencoderAnalysis.decoderGradient(we, wd, sigma, null),
                LinearAutoencoderAnalysis.numericalDecoderGradient(we, wd, sigma, h)) < 1e-6);
        assertTrue(maxAbsDiff(LinearAutoencoderAnalysis.tiedGradient(we, sigma, null),
                LinearAutoencoderAnalysis.numericalTiedGradient(we, sigma, h)) < 1e-6);
        // Hessian column c = central difference of the analytic gradient along parameter c
        DMatrixRMaj hessian = LinearAutoencoderAnalysis.hessian(we, wd, sigma);
        int p = 2 * K * D;
        assertEquals(p, hessian.numRows);
        for (int c = 0; c < p; c++) {
            DMatrixRMaj[] plus = {we.copy(), wd.copy()};
            DMatrixRMaj[] minus = {we.copy(), wd.copy()};
            int block = c < K * D ? 0 : 1;
            int index = c - block * K * D;
            plus[block].data[index] += h;
            minus[block].data[index] -= h;
            DMatrixRMaj gePlus = LinearAutoencoderAnalysis.encoderGradient(plus[0], plus[1], sigma, null);
            DMatrixRMaj geMinus = LinearAutoencoderAnalysis.encoderGradient(minus[0], minus[1], sigma, null);
            DMatrixRMaj gdPlus = LinearAutoencoderAnalysis.decoderGradient(plus[0], plus[1], sigma, null);
            DMatrixRMaj gdMinus = LinearAutoencoderAnalysis.decoderGradient(minus[0], minus[1], sigma, null);
            for (int r = 0; r < p; r++) {
                double numeric = r < K * D ? (gePlus.data[r] - geMinus.data[r]) / (2 * h)
                        : (gdPlus.data[r - K * D] - gdMinus.data[r - K * D]) / (2 * h);
                assertEquals(numeric, hessian.get(r, c), 1e-5, "H(" + r + "," + c + ")");
            }
        }
    }

    @Test
    void identityIsReachableWithZeroLossAndZeroGradient() {
        DMatrixRMaj sigma = randomCovariance(Rng.seeded(3), D);
        DMatrixRMaj we = new DMatrixRMaj(K, D); // W_e = [I; 0] up to a GL(k) transform
        DMatrixRMaj wd = new DMatrixRMaj(D, K);
        for (int i = 0; i < D; i++) {
            we.set(i, i, 1);
            wd.set(i, i, 1);
        }
        DMatrixRMaj t = random(Rng.seeded(4), K, K);
        CommonOps_DDRM.addEquals(t, CommonOps_DDRM.identity(K, K)); // a generic invertible T
        LinearAutoencoderWeights moved = LinearAutoencoderAnalysis.transform(we, wd, t);
        assertTrue(maxAbsDiff(moved.product(), CommonOps_DDRM.identity(D)) < 1e-10);
        double scale = CommonOps_DDRM.trace(sigma);
        assertEquals(0.0, LinearAutoencoderAnalysis.loss(we, wd, sigma), 1e-15 * scale);
        assertEquals(0.0, LinearAutoencoderAnalysis.loss(moved.encoder(), moved.decoder(), sigma), 1e-10 * scale);
        assertEquals(0.0, CommonOps_DDRM.elementMaxAbs(LinearAutoencoderAnalysis.encoderGradient(we, wd, sigma, null)),
                1e-14 * scale);
        assertEquals(0.0, CommonOps_DDRM.elementMaxAbs(LinearAutoencoderAnalysis.decoderGradient(we, wd, sigma, null)),
                1e-14 * scale);
        // tied: W with orthonormal columns (WᵀW = I_d, W k×d) reaches the identity as well
        assertEquals(0.0, LinearAutoencoderAnalysis.tiedLoss(we, sigma), 1e-15 * scale);
    }
}
