package aelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aelab.core.Rng;
import aelab.optim.Gradients;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The VAE draws ε and prior codes with the library's one sampler ({@link Rng#standardNormal(DMatrixRMaj,
 * RandomGenerator)}), exactly as its class comment documents and as its own loop did before: n·k
 * {@code nextGaussian()} calls, row-major. Checked against ε written out by hand from a generator with the same seed
 * and passed through the explicit-ε path: the same loss and gradients, bit for bit.
 */
class VaeSamplingTest {
    private static DMatrixRMaj handDrawn(int n, int k, RandomGenerator rng) {
        DMatrixRMaj e = new DMatrixRMaj(n, k);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                e.set(r, c, rng.nextGaussian());
            }
        }
        return e;
    }

    @Test
    void trainingDrawsAreTheDocumentedRowMajorGaussians() {
        Vae vae = Vae.builder(5, 3).hiddenSizes(4).build(Rng.seeded(1));
        DMatrixRMaj x = new DMatrixRMaj(6, 5);
        RandomGenerator data = Rng.seeded(2);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = data.nextDouble();
        }
        // a larger batch first: the ε workspace then holds more entries than the next batch uses
        vae.lossAndGradients(new DMatrixRMaj(9, 5), Rng.seeded(4), Gradients.zerosLike(vae.parameters()));
        Gradients drawn = Gradients.zerosLike(vae.parameters());
        Gradients given = Gradients.zerosLike(vae.parameters());
        double lossDrawn = vae.lossAndGradients(x, Rng.seeded(3), drawn);
        double lossGiven = vae.lossAndGradients(x, handDrawn(6, 3, Rng.seeded(3)), given);
        assertEquals(lossGiven, lossDrawn, 0.0);
        for (int b = 0; b < vae.parameters().size(); b++) {
            assertArrayEquals(given.get(vae.parameters().get(b)).data, drawn.get(vae.parameters().get(b)).data, 0.0,
                    vae.parameters().get(b).name());
        }
    }

    @Test
    void priorSamplesDecodeTheDocumentedDraws() {
        Vae vae = Vae.builder(5, 3).hiddenSizes(4).build(Rng.seeded(1));
        assertArrayEquals(vae.decode(handDrawn(7, 3, Rng.seeded(9))).data, vae.sample(7, Rng.seeded(9)).data, 0.0);
    }

    @Test
    void matrixSamplerFillsTheCurrentShapeOnly() {
        DMatrixRMaj m = new DMatrixRMaj(4, 5);
        m.reshape(2, 3);
        java.util.Arrays.fill(m.data, 42.0);
        Rng.standardNormal(m, Rng.seeded(6));
        assertArrayEquals(handDrawn(2, 3, Rng.seeded(6)).data, java.util.Arrays.copyOf(m.data, 6), 0.0);
        for (int i = 6; i < m.data.length; i++) {
            assertEquals(42.0, m.data[i], "entry " + i + " beyond the 2x3 shape");
        }
        assertArrayEquals(handDrawn(2, 3, Rng.seeded(6)).data, Rng.standardNormal(new double[6], Rng.seeded(6)), 0.0);
    }
}
