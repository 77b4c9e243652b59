package aelab.model;

import static aelab.testing.Rejects.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aelab.core.Rng;
import aelab.optim.Gradients;
import aelab.train.Trainer;
import aelab.train.TrainingConfig;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: a Bernoulli-decoder VAE trained silently on pixels 0–255 (loss 585 → −8.5e6). Data outside [0, 1] are
 * rejected by every entry point that evaluates the Bernoulli likelihood, before any parameter changes; a Gaussian
 * decoder still accepts them.
 */
class VaeBernoulliRangeTest {
    private static final String RANGE = "must be in [0, 1] for a Bernoulli decoder (scale the data first, e.g. pixels "
            + "0-255 divided by 255, or use a Gaussian decoder), got ";

    private static DMatrixRMaj pixels(double max) {
        DMatrixRMaj x = new DMatrixRMaj(5, 4);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (i * 37 % 11) / 10.0;
        }
        x.set(3, 2, max);
        return x;
    }

    @Test
    void everyEntryPointRejectsDataOutsideTheUnitInterval() {
        Vae vae = Vae.builder(4, 2).hiddenSizes(3).bernoulliDecoder().build(Rng.seeded(1));
        List<DMatrixRMaj> before = vae.parameters().snapshot();
        DMatrixRMaj x = pixels(255);
        Gradients g = Gradients.zerosLike(vae.parameters());
        assertMessage("batch " + RANGE + "255.0 at (3,2)", () -> vae.lossAndGradients(x, Rng.seeded(2), g));
        assertMessage("batch " + RANGE + "255.0 at (3,2)",
                () -> vae.lossAndGradients(x, new DMatrixRMaj(5, 2), g));
        assertMessage("x " + RANGE + "255.0 at (3,2)", () -> vae.elbo(x, Rng.seeded(2)));
        assertMessage("data " + RANGE + "-0.5 at (3,2)",
                () -> new Trainer(TrainingConfig.adam(3, 2, 1e-2, 1)).fit(vae, pixels(-0.5)));
        List<DMatrixRMaj> after = vae.parameters().snapshot();
        for (int i = 0; i < after.size(); i++) {
            assertArrayEquals(before.get(i).data, after.get(i).data, "no parameter changed");
        }
    }

    @Test
    void boundariesAndGaussianDecodersAreAccepted() {
        Vae bernoulli = Vae.builder(4, 2).hiddenSizes(3).bernoulliDecoder().build(Rng.seeded(1));
        DMatrixRMaj edges = pixels(1.0);
        edges.set(0, 0, 0.0);
        new Trainer(TrainingConfig.adam(2, 2, 1e-2, 1)).fit(bernoulli, edges);
        Vae gaussian = Vae.builder(4, 2).hiddenSizes(3).gaussianDecoder(1.0).build(Rng.seeded(1));
        assertEquals(2, new Trainer(TrainingConfig.adam(2, 2, 1e-2, 1)).fit(gaussian, pixels(255)).epochs());
    }
}
