package aelab.model;

import static aelab.testing.Rejects.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aelab.core.Rng;
import aelab.optim.Gradients;
import aelab.train.Trainer;
import aelab.train.TrainingConfig;
import java.util.List;
import java.util.random.RandomGenerator;
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
    void aTrainingBatchIsCheckedForFinitenessFirstThenRangeThenTheOtherArguments() {
        // lossAndGradients decides valid batches in one pass; an invalid call must still get the message of the full
        // checks, in their order: shape, finiteness (whole batch), rng, out, then the [0, 1] range.
        Vae vae = Vae.builder(4, 2).hiddenSizes(3).bernoulliDecoder().build(Rng.seeded(1));
        Vae gaussian = Vae.builder(4, 2).hiddenSizes(3).gaussianDecoder(1.0).build(Rng.seeded(1));
        Gradients g = Gradients.zerosLike(vae.parameters());
        DMatrixRMaj x = pixels(255);
        x.set(4, 1, Double.NaN); // after the 255 at (3,2)
        assertMessage("batch must be finite, got NaN at (4,1)", () -> vae.lossAndGradients(x, Rng.seeded(2), g));
        assertMessage("rng must not be null", () -> vae.lossAndGradients(pixels(255), (RandomGenerator) null, g));
        assertMessage("out must not be null", () -> vae.lossAndGradients(pixels(255), Rng.seeded(2), null));
        assertMessage("batch " + RANGE + "1.0000000000000002 at (3,2)",
                () -> vae.lossAndGradients(pixels(Math.nextUp(1.0)), Rng.seeded(2), g));
        assertMessage("batch must have at least 1 row, got 0x4",
                () -> vae.lossAndGradients(new DMatrixRMaj(0, 4), Rng.seeded(2), g));
        DMatrixRMaj infinite = pixels(Double.POSITIVE_INFINITY);
        Gradients gg = Gradients.zerosLike(gaussian.parameters());
        assertMessage("batch must be finite, got Infinity at (3,2)",
                () -> gaussian.lossAndGradients(infinite, Rng.seeded(2), gg));
        assertMessage("rng must not be null", () -> gaussian.lossAndGradients(pixels(255), (RandomGenerator) null, gg));
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
