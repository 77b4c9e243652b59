package aelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.data.Digits;
import aelab.json.Json;
import aelab.train.Trainer;
import aelab.train.TrainingConfig;
import aelab.train.TrainingHistory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The VAE trained on the UCI digits reaches the same mean negative ELBO as the canonical PyTorch VAE with the same
 * architecture (64-128-2, ReLU, Bernoulli decoder), optimizer (Adam 1e-3), batch size (64) and epochs (50).
 * The reference value was produced by {@code aelab-core/src/test/resources/reference/vae_digits_reference.sh}
 * (PyTorch 1.13, float64, seeds 1-5) and is stored next to it in {@code vae_digits_reference.json}.
 */
class VaeDigitsAgainstPyTorchTest {

    @Test
    void meanNegativeElboOnDigitsIsWithinTwoPercentOfPyTorch() throws IOException {
        Map<String, Object> ref;
        try (InputStream in = getClass().getResourceAsStream("/reference/vae_digits_reference.json")) {
            ref = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        double reference = ((Number) ref.get("negative_elbo_per_sample")).doubleValue();
        int epochs = ((Number) ref.get("epochs")).intValue();
        int batch = ((Number) ref.get("batch_size")).intValue();
        assertEquals(50, epochs, "reference epochs");
        assertEquals(64, batch, "reference batch size");

        var digits = Digits.load().features();
        double sum = 0;
        int seeds = 3;
        for (int seed = 1; seed <= seeds; seed++) {
            Vae vae = Vae.builder(64, 2).hiddenSizes(128).bernoulliDecoder().build(Rng.seeded(seed));
            TrainingHistory history = new Trainer(TrainingConfig.adam(epochs, batch, 1e-3, seed)).fit(vae, digits);
            double[] losses = history.losses();
            double last = losses[losses.length - 1];
            assertTrue(Double.isFinite(last), "final loss must be finite, got " + last);
            sum += last;
        }
        double ours = sum / seeds;
        double relative = Math.abs(ours - reference) / reference;
        assertTrue(relative < 0.02, "aelab mean negative ELBO " + ours + " vs PyTorch " + reference
                + ": relative difference " + relative + " must be < 2 %");
    }
}
