package aelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.linearae.LinearAutoencoderAnalysis;
import aelab.nn.NnTestSupport;
import aelab.train.Trainer;
import aelab.train.TrainingConfig;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Overcomplete linear autoencoders (k &gt; d): the identity map is reachable, so the reconstruction loss can be 0 —
 * the "what happens without sparsity when k &gt; d" question of the sparse-autoencoder lecture.
 */
class OvercompleteLinearAutoencoderTest {
    private static final int D = 4;
    private static final int K = 7;

    private static DMatrixRMaj data() {
        return NnTestSupport.gaussian(200, D, Rng.seeded(11));
    }

    private static double meanSquaredError(DMatrixRMaj x, DMatrixRMaj xHat) {
        double s = 0;
        for (int i = 0; i < x.data.length; i++) {
            s += (x.data[i] - xHat.data[i]) * (x.data[i] - xHat.data[i]);
        }
        return s / x.numRows;
    }

    @Test
    void theModelLossIsTheMeanSquaredErrorAndTheClosedFormForKGreaterThanD() {
        LinearAutoencoder model = LinearAutoencoder.builder(D, K).withoutBias().build(Rng.seeded(1));
        DMatrixRMaj x = data();
        double loss = model.loss(x, Rng.seeded(0));
        assertEquals(meanSquaredError(x, model.reconstruct(x)), loss, 1e-12 * loss);
        // x̂ = x W V in rows is x̂ = W_d W_e x in columns with W_e = Wᵀ (k×d), W_d = Vᵀ (d×k); Σ = XᵀX/n
        DMatrixRMaj we = CommonOps_DDRM.transpose(model.encoderWeight(), null);
        DMatrixRMaj wd = CommonOps_DDRM.transpose(model.decoderWeight(), null);
        DMatrixRMaj sigma = CommonOps_DDRM.multTransA(x, x, null);
        CommonOps_DDRM.divide(sigma, x.numRows);
        assertEquals(loss, LinearAutoencoderAnalysis.loss(we, wd, sigma), 1e-10 * loss);
        assertEquals(K, model.latentDim());
    }

    @Test
    void explicitIdentityWeightsGiveZeroLoss() {
        LinearAutoencoder model = LinearAutoencoder.builder(D, K).withoutBias().build(Rng.seeded(2));
        DMatrixRMaj w = model.parameters().get("encoder.weight").value(); // D×K, the live parameter
        DMatrixRMaj v = model.parameters().get("decoder.weight").value(); // K×D
        w.zero();
        v.zero();
        for (int i = 0; i < D; i++) {
            w.set(i, i + 2, 1.0); // any D of the K code units will do
            v.set(i + 2, i, 1.0);
        }
        DMatrixRMaj x = data();
        assertEquals(0.0, model.loss(x, Rng.seeded(0)));
        assertEquals(0.0, meanSquaredError(x, model.reconstruct(x)));
    }

    /** Adam from a random start: the loss falls below 1e-6 of its initial value (undercomplete k = 2 cannot). */
    @Test
    void trainingReachesZeroLossWhenOvercompleteButNotWhenUndercomplete() {
        DMatrixRMaj x = data();
        for (boolean tied : new boolean[] {false, true}) {
            LinearAutoencoder over = tied ? LinearAutoencoder.builder(D, K).tiedWeights().build(Rng.seeded(3))
                    : LinearAutoencoder.builder(D, K).build(Rng.seeded(3));
            double before = over.loss(x, Rng.seeded(0));
            new Trainer(TrainingConfig.adam(150, 50, 0.02, 4)).fit(over, x);
            double after = meanSquaredError(x, over.reconstruct(x));
            assertTrue(after < 1e-6 * before, (tied ? "tied" : "untied") + ": loss " + before + " -> " + after);
        }
        LinearAutoencoder under = LinearAutoencoder.builder(D, 2).withoutBias().build(Rng.seeded(3));
        new Trainer(TrainingConfig.adam(150, 50, 0.02, 4)).fit(under, x);
        assertTrue(meanSquaredError(x, under.reconstruct(x)) > 0.1, "k = 2 < d keeps the PCA error");
    }
}
