package aelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.optim.Adam;
import aelab.optim.Gradients;
import aelab.optim.Optimizer;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * A denoising linear 1-1-1 autoencoder (no biases; gain w = w_enc·w_dec) on x ∈ {−2, 2} with Gaussian corruption
 * σ = 0.5 learns the shrinkage gain w* = E[x²]/(E[x²] + σ²) = 4/4.25 (Vincent et al. 2010; the Wiener gain).
 */
class DenoisingShrinkageTest {
    @Test
    void gainConvergesToWienerShrinkage() {
        int n = 10_000;
        double sigma = 0.5;
        RandomGenerator rng = Rng.seeded(41);
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            x.data[i] = rng.nextBoolean() ? 2.0 : -2.0;
        }
        DenoisingAutoencoder dae = DenoisingAutoencoder.builder(1, 1).withoutBias().gaussianNoise(sigma).build(rng);
        Gradients g = Gradients.zerosLike(dae.parameters());
        Optimizer opt = new Adam(0.01);
        // one fixed draw of the corruption (same seed every step): gradient descent converges to the empirical
        // minimiser ŵ = Σ x x̃ / Σ x̃², whose sampling error is derived below
        for (int step = 0; step < 1500; step++) {
            dae.lossAndGradients(x, Rng.seeded(42), g);
            opt.step(dae.parameters(), g);
        }
        double gain = dae.encoder().layer(0).weight().value().get(0, 0) * dae.decoder().layer(0).weight().value().get(0, 0);

        double ex2 = 4.0;
        double s2 = sigma * sigma;
        double wStar = ex2 / (ex2 + s2);
        // ŵ = A/B, A = mean(x x̃), B = mean(x̃²), x̃ = x + σε. Per sample: Var(x x̃) = σ²E[x²],
        // Var(x̃²) = 4σ²E[x²] + 2σ⁴, Cov(x x̃, x̃²) = 2σ²E[x²]. Delta method:
        // Var(ŵ) ≈ (Var A − 2w* Cov(A,B) + w*² Var B) / E[B]².
        double varA = s2 * ex2;
        double varB = 4 * s2 * ex2 + 2 * s2 * s2;
        double cov = 2 * s2 * ex2;
        double se = Math.sqrt((varA - 2 * wStar * cov + wStar * wStar * varB) / ((ex2 + s2) * (ex2 + s2)) / n);
        assertEquals(wStar, gain, 5 * se, "gain " + gain + ", w* " + wStar + ", se " + se);
        // the tolerance separates shrinkage from the identity map
        assertTrue(1.0 - wStar > 10 * se);
        // optimisation reached the empirical minimiser for the same corruption (corrupt() makes the same draws)
        DMatrixRMaj corrupted = dae.corrupt(x, Rng.seeded(42));
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += x.data[i] * corrupted.data[i];
            syy += corrupted.data[i] * corrupted.data[i];
        }
        assertEquals(sxy / syy, gain, 1e-6);
    }
}
