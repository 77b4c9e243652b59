package aelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.data.Digits;
import aelab.json.Json;
import aelab.train.Trainer;
import aelab.train.TrainingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The VAE trained on the UCI digits (64-128-2, ReLU, Bernoulli decoder, Adam 1e-3, batch 64, 20 epochs, the batch
 * mean as objective) ends at the same mean negative ELBO as PyTorch float64 training the same model, within the
 * seed-to-seed spread of both: |mean_a − mean_t| ≤ 3·sqrt(s_a²/K_a + s_t²/K_t), the criterion of
 * {@code aelab.bench.SeedSpread}. The PyTorch side (mean, sd over K_t = 20 seeds) and aelab's seed sd s_a (over 20
 * seeds) are the ones {@code bench/seed_spread.py} recorded, next to it, in {@code bench/results/seed-spread.json};
 * the aelab mean is trained here, on K_a = {@value #SEEDS} seeds (deterministic: the same bits on every run). The
 * bound is 0.118 nats, so the test catches what moves the loss by more: broken once with the KL term weighted 1.5,
 * the mean moved by 0.26 and it failed (weighted 1.2, by about 0.05: within the seed spread, not detectable this way).
 * Before, this test compared a 50-epoch run with a stored PyTorch value trained on the batch sum, within a picked 2 %.
 */
class VaeDigitsAgainstPyTorchTest {
    private static final int SEEDS = 10;

    @Test
    void meanNegativeElboOnDigitsIsWithinTheSeedSpreadOfPyTorchFloat64() throws IOException {
        Map<String, Object> digits = config(seedSpreadFile(), "digits");
        int epochs = ((Number) digits.get("epochs")).intValue();
        int batch = ((Number) digits.get("batch_size")).intValue();
        assertEquals(128, ((Number) digits.get("hidden")).intValue(), "recorded hidden width");
        assertEquals(2, ((Number) digits.get("latent")).intValue(), "recorded latent width");
        Map<String, Object> sides = map(digits.get("sides"));
        Map<String, Object> torch = map(sides.get("torch_f64_1thread"));
        Map<String, Object> aelab = map(sides.get("aelab"));
        assertEquals("mean", torch.get("reduction"), "the reference's objective");

        DMatrixRMaj x = Digits.load().features();
        double sum = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            Vae vae = Vae.builder(64, 2).hiddenSizes(128).bernoulliDecoder().build(Rng.seeded(seed));
            double[] losses = new Trainer(TrainingConfig.adam(epochs, batch, 1e-3, seed)).fit(vae, x).losses();
            double last = losses[losses.length - 1];
            assertTrue(Double.isFinite(last), "final loss must be finite, got " + last);
            sum += last;
        }
        double ours = sum / SEEDS;
        double torchMean = number(torch, "mean");
        double sa = number(aelab, "sd");
        double st = number(torch, "sd");
        int kt = ((List<?>) torch.get("final_losses")).size();
        double bound = 3 * Math.sqrt(sa * sa / SEEDS + st * st / kt);
        assertTrue(Math.abs(ours - torchMean) <= bound, "aelab mean final loss " + ours + " over " + SEEDS
                + " seeds vs PyTorch float64 " + torchMean + " over " + kt + " seeds: difference "
                + (ours - torchMean) + ", bound 3·sqrt(" + sa + "²/" + SEEDS + " + " + st + "²/" + kt + ") = " + bound);
    }

    /** bench/results/seed-spread.json, found from the working directory (the module's, under Maven) upwards. */
    private static Path seedSpreadFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path f = dir.resolve("bench/results/seed-spread.json");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalStateException("bench/results/seed-spread.json not found above "
                + Path.of("").toAbsolutePath());
    }

    private static Map<String, Object> config(Path file, String name) throws IOException {
        Map<String, Object> root = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        return map(map(root.get("configs")).get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
