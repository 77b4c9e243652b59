package aelab.model;

import static aelab.testing.Rejects.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.nn.Activation;
import aelab.nn.Mlp;
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

    private static Mlp sigmoidEncoder(long seed) {
        return Mlp.create("encoder", new int[] {D, K}, Activation.SIGMOID, Activation.SIGMOID, true, Rng.seeded(seed));
    }

    private static Mlp reluEncoder(long seed) {
        return Mlp.create("encoder", new int[] {D, 5, K}, Activation.TANH, Activation.RELU, true, Rng.seeded(seed));
    }

    private static Mlp decoder(long seed) {
        return Mlp.create("decoder", new int[] {K, D}, Activation.IDENTITY, Activation.IDENTITY, true,
                Rng.seeded(seed));
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
        Mlp encoder = reluEncoder(1);
        Mlp decoder = decoder(2);
        DMatrixRMaj x = batch(9, 3);
        SparseAutoencoder sparse = SparseAutoencoder.l1(encoder, decoder, 0.37);
        assertPenaltyIsLossDifference(sparse, SparseAutoencoder.l1(encoder, decoder, 0), x);
        DMatrixRMaj h = sparse.encode(x);
        double bruteForce = 0.37 * Arrays.stream(h.data).map(Math::abs).sum() / 9;
        assertEquals(bruteForce, sparse.penalty(x), 1e-12 * bruteForce);
        assertEquals(0.0, SparseAutoencoder.l1(encoder, decoder, 0).penalty(x));
    }

    @Test
    void sparseKlPenaltyIsTheLossDifferenceAndTheKlOfBatchMeans() {
        Mlp encoder = sigmoidEncoder(4);
        Mlp decoder = decoder(5);
        DMatrixRMaj x = batch(11, 6);
        SparseAutoencoder sparse = SparseAutoencoder.kl(encoder, decoder, 0.1, 2.5);
        assertPenaltyIsLossDifference(sparse, SparseAutoencoder.kl(encoder, decoder, 0.1, 0), x);
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
        Mlp encoder = sigmoidEncoder(7);
        Mlp decoder = decoder(8);
        DMatrixRMaj x = batch(8, 9);
        ContractiveAutoencoder contractive = ContractiveAutoencoder.of(encoder, decoder, 0.8);
        ContractiveAutoencoder plain = ContractiveAutoencoder.of(encoder, decoder, 0);
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
        ContractiveAutoencoder model = ContractiveAutoencoder.of(sigmoidEncoder(10), decoder(11), 0.5);
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
        ContractiveAutoencoder contractive = ContractiveAutoencoder.of(sigmoidEncoder(13), decoder(14), 0.5);
        SparseAutoencoder sparse = SparseAutoencoder.l1(reluEncoder(15), decoder(16), 0.5);
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
