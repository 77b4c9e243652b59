package aelab.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.nn.NnTestSupport;
import aelab.train.Trainer;
import aelab.train.TrainingConfig;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * A linear autoencoder trained by gradient descent spans the top-k principal subspace (Baldi &amp; Hornik 1989).
 * The reference subspace comes from an independent computation: EJML's symmetric eigendecomposition of XᵀX/n
 * (uncentred, because the model has no bias).
 */
class LinearAutoencoderPcaTest {
    private static final int D = 6;
    private static final int K = 2;

    /** n×D Gaussian data with covariance Q diag(λ) Qᵀ, Q a random rotation; spectral gap λ₂/λ₃ = 6. */
    private static DMatrixRMaj data(int n, RandomGenerator rng) {
        double[] lambda = {9, 6, 1, 0.6, 0.3, 0.1};
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(D, D);
        qr.decompose(NnTestSupport.gaussian(D, D, rng));
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj scaled = NnTestSupport.gaussian(n, D, rng);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < D; c++) {
                scaled.set(r, c, scaled.get(r, c) * Math.sqrt(lambda[c]));
            }
        }
        return CommonOps_DDRM.multTransB(scaled, q, null);
    }

    /** Top-k eigenvectors (D×k) of the symmetric matrix s. */
    private static DMatrixRMaj topEigenvectors(DMatrixRMaj s, int k) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(D, true, true);
        assertTrue(eig.decompose(s.copy()));
        Integer[] idx = new Integer[D];
        for (int i = 0; i < D; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        DMatrixRMaj u = new DMatrixRMaj(D, k);
        for (int j = 0; j < k; j++) {
            CommonOps_DDRM.insert(eig.getEigenVector(idx[j]), u, 0, j);
        }
        return u;
    }

    /** Largest principal angle between span(a) and span(u) (u orthonormal): asin ‖(I − uuᵀ) orth(a)‖₂. */
    private static double largestPrincipalAngle(DMatrixRMaj a, DMatrixRMaj u) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(a.numRows, a.numCols);
        qr.decompose(a.copy());
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj proj = CommonOps_DDRM.mult(u, CommonOps_DDRM.multTransA(u, q, null), null);
        DMatrixRMaj residual = CommonOps_DDRM.subtract(q, proj, null);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(D, K, false, false, true);
        assertTrue(svd.decompose(residual));
        double sin = 0;
        for (double v : svd.getSingularValues()) {
            sin = Math.max(sin, v);
        }
        return Math.asin(Math.min(1, sin));
    }

    @Test
    void trainedDecoderSpansTheTopPrincipalSubspace() {
        DMatrixRMaj x = data(400, Rng.seeded(31));
        DMatrixRMaj secondMoment = CommonOps_DDRM.multTransA(x, x, null);
        CommonOps_DDRM.scale(1.0 / x.numRows, secondMoment);
        DMatrixRMaj u = topEigenvectors(secondMoment, K);

        for (boolean tied : new boolean[] {false, true}) {
            LinearAutoencoder ae = tied ? LinearAutoencoder.builder(D, K).tiedWeights().withoutBias().build(Rng.seeded(32))
                    : LinearAutoencoder.builder(D, K).withoutBias().build(Rng.seeded(32));
            double before = largestPrincipalAngle(CommonOps_DDRM.transpose(ae.decoderWeight(), null), u);
            // full-batch gradient descent with momentum
            new Trainer(TrainingConfig.sgd(1500, x.numRows, 0.005, 0.9, 1).withShuffle(false)).fit(ae, x);
            double angle = largestPrincipalAngle(CommonOps_DDRM.transpose(ae.decoderWeight(), null), u);
            assertTrue(before > 0.1, "initial angle " + before);
            assertTrue(angle < 1e-3, (tied ? "tied" : "untied") + " largest principal angle " + angle + " rad");
        }
    }

    @Test
    void weightsPlugIntoTheAnalysisLossDirectly() {
        // loss(ae.weights(), S) with S = X^T X / n (the second-moment matrix) against the mean squared
        // reconstruction error of the model itself on X: two independent computations of E||x - x_hat||^2
        for (boolean tied : new boolean[] {false, true}) {
            LinearAutoencoder ae = tied ? LinearAutoencoder.builder(5, 2).tiedWeights().withoutBias().build(Rng.seeded(40))
                    : LinearAutoencoder.builder(5, 2).withoutBias().build(Rng.seeded(40));
            DMatrixRMaj x = aelab.nn.NnTestSupport.gaussian(30, 5, Rng.seeded(41));
            DMatrixRMaj s = new DMatrixRMaj(5, 5);
            org.ejml.dense.row.CommonOps_DDRM.multTransA(1.0 / x.numRows, x, x, s);
            DMatrixRMaj xHat = ae.reconstruct(x);
            double mse = 0;
            for (int i = 0; i < x.getNumElements(); i++) {
                mse += (x.data[i] - xHat.data[i]) * (x.data[i] - xHat.data[i]) / x.numRows;
            }
            org.junit.jupiter.api.Assertions.assertEquals(mse,
                    aelab.linearae.LinearAutoencoderAnalysis.loss(ae.weights(), s), 1e-10 * mse, "tied " + tied);
        }
    }
}
