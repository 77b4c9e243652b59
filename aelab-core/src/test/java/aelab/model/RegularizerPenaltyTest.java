package aelab.model;

import static aelab.testing.Rejects.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.nn.Activation;
import aelab.nn.NnTestSupport;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * {@code penalty(x)} of the sparse and contractive autoencoders against the training loss: on the same batch and the
 * same weights, loss(λ) − loss(λ = 0) is the penalty; and the contractive encoder's Jacobian against central finite
 * differences of {@code encode}.
 */
class RegularizerPenaltyTest {
    private static final int D = 6;
    private static final int K = 4;

    /** A sparse AE D → 5 → K (tanh hidden, ReLU code), weights from the seed. */
    private static SparseAutoencoder.Builder reluSparse() {
        return SparseAutoencoder.builder(D, K).hiddenSizes(5).hiddenActivation(Activation.TANH)
                .codeActivation(Activation.RELU);
    }

    private static DMatrixRMaj batch(int n, long seed) {
        return NnTestSupport.gaussian(n, D, Rng.seeded(seed));
    }

    private static void assertPenaltyIsLossDifference(MlpAutoencoder regularized, MlpAutoencoder plain,
            DMatrixRMaj x) {
        double difference = regularized.loss(x, Rng.seeded(0)) - plain.loss(x, Rng.seeded(0));
        double penalty = penaltyOf(regularized, x);
        assertTrue(penalty > 0, "penalty " + penalty);
        assertEquals(difference, penalty, 1e-12 * Math.max(1, Math.abs(difference)));
        assertEquals(regularized.lastMetric(1), penalty, 1e-14 * penalty, "metric \"penalty\"");
    }

    private static double penaltyOf(MlpAutoencoder model, DMatrixRMaj x) {
        return model instanceof SparseAutoencoder s ? s.penalty(x) : ((ContractiveAutoencoder) model).penalty(x);
    }

    @Test
    void sparseL1PenaltyIsTheLossDifferenceAndTheMeanAbsoluteCodeSum() {
        DMatrixRMaj x = batch(9, 3);
        SparseAutoencoder sparse = reluSparse().l1Penalty(0.37).build(Rng.seeded(1));
        SparseAutoencoder plain = reluSparse().l1Penalty(0).build(Rng.seeded(1));
        assertPenaltyIsLossDifference(sparse, plain, x);
        DMatrixRMaj h = sparse.encode(x);
        double bruteForce = 0.37 * Arrays.stream(h.data).map(Math::abs).sum() / 9;
        assertEquals(bruteForce, sparse.penalty(x), 1e-12 * bruteForce);
        assertEquals(0.0, plain.penalty(x));
    }

    @Test
    void sparseKlPenaltyIsTheLossDifferenceAndTheKlOfBatchMeans() {
        DMatrixRMaj x = batch(11, 6);
        var builder = SparseAutoencoder.builder(D, K).codeActivation(Activation.SIGMOID);
        SparseAutoencoder sparse = builder.klPenalty(0.1, 2.5).build(Rng.seeded(4));
        assertPenaltyIsLossDifference(sparse, builder.klPenalty(0.1, 0).build(Rng.seeded(4)), x);
        DMatrixRMaj h = sparse.encode(x);
        double bruteForce = 0;
        for (int j = 0; j < K; j++) {
            double q = 0;
            for (int i = 0; i < 11; i++) {
                q += h.get(i, j) / 11;
            }
            bruteForce += 0.1 * Math.log(0.1 / q) + 0.9 * Math.log(0.9 / (1 - q));
        }
        assertEquals(2.5 * bruteForce, sparse.penalty(x), 1e-12 * bruteForce);
    }

    @Test
    void contractivePenaltyIsTheLossDifferenceAndTheMeanJacobianNorm() {
        DMatrixRMaj x = batch(8, 9);
        ContractiveAutoencoder contractive = ContractiveAutoencoder.builder(D, K).penaltyWeight(0.8).build(Rng.seeded(7));
        ContractiveAutoencoder plain = ContractiveAutoencoder.builder(D, K).penaltyWeight(0).build(Rng.seeded(7));
        assertPenaltyIsLossDifference(contractive, plain, x);
        double sumNormSquared = 0;
        for (int i = 0; i < 8; i++) {
            double norm = NormOps_DDRM.normF(plain.encoderJacobian(Arrays.copyOfRange(x.data, i * D, (i + 1) * D)));
            sumNormSquared += norm * norm;
        }
        assertEquals(sumNormSquared / 8, plain.meanJacobianNormSquared(x), 1e-12 * sumNormSquared);
        assertEquals(0.8 * sumNormSquared / 8, contractive.penalty(x), 1e-12 * sumNormSquared);
        assertEquals(0.0, plain.penalty(x));
    }

    @Test
    void encoderJacobianMatchesCentralFiniteDifferencesOfEncode() {
        ContractiveAutoencoder model = ContractiveAutoencoder.builder(D, K).penaltyWeight(0.5).build(Rng.seeded(10));
        double[] x = batch(1, 12).data;
        DMatrixRMaj jacobian = model.encoderJacobian(x);
        assertEquals(K, jacobian.numRows);
        assertEquals(D, jacobian.numCols);
        double step = 1e-5;
        for (int i = 0; i < D; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += step;
            minus[i] -= step;
            DMatrixRMaj hPlus = model.encode(new DMatrixRMaj(1, D, true, plus));
            DMatrixRMaj hMinus = model.encode(new DMatrixRMaj(1, D, true, minus));
            for (int j = 0; j < K; j++) {
                double numeric = (hPlus.data[j] - hMinus.data[j]) / (2 * step);
                assertEquals(numeric, jacobian.get(j, i), 1e-9, "dh_" + j + "/dx_" + i);
            }
        }
    }

    @Test
    void rejectsBadInputNamingIt() {
        ContractiveAutoencoder contractive = ContractiveAutoencoder.builder(D, K).penaltyWeight(0.5).build(Rng.seeded(13));
        SparseAutoencoder sparse = reluSparse().l1Penalty(0.5).build(Rng.seeded(15));
        assertMessage("x must have length 6, got length 5", () -> contractive.encoderJacobian(new double[5]));
        assertMessage("x must be finite, got NaN at index 2",
                () -> contractive.encoderJacobian(new double[] {0, 0, Double.NaN, 0, 0, 0}));
        assertMessage("x must not be null", () -> contractive.encoderJacobian(null));
        assertMessage("x must have 6 columns, got 3x5", () -> contractive.penalty(new DMatrixRMaj(3, 5)));
        assertMessage("x must have 6 columns, got 3x5",
                () -> contractive.meanJacobianNormSquared(new DMatrixRMaj(3, 5)));
        assertMessage("x must have 6 columns, got 2x4", () -> sparse.penalty(new DMatrixRMaj(2, 4)));
        assertMessage("x must have at least 1 row, got 0x6", () -> sparse.penalty(new DMatrixRMaj(0, 6)));
        DMatrixRMaj inf = new DMatrixRMaj(2, 6);
        inf.set(1, 3, Double.POSITIVE_INFINITY);
        assertMessage("x must be finite, got Infinity at (1,3)", () -> sparse.penalty(inf));
    }
}
