package aelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aelab.core.Rng;
import aelab.nn.Activation;
import aelab.nn.Mlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Builders and factories reject bad sizes and hyper-parameters with messages naming the argument and value. */
class FactoryValidationTest {
    private static void assertRejected(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    private static Mlp mlp(String name, int[] sizes, Activation output) {
        return Mlp.create(name, sizes, Activation.TANH, output, true, Rng.seeded(1));
    }

    @Test
    void vaeBuilder() {
        assertRejected("inputDim must be > 0, got 0", () -> Vae.builder(0, 2));
        assertRejected("latentDim must be > 0, got -3", () -> Vae.builder(4, -3));
        assertRejected("hiddenSizes[1] must be > 0, got 0", () -> Vae.builder(4, 2).hiddenSizes(3, 0));
        assertRejected("variance must be > 0 and finite, got 0.0", () -> Vae.builder(4, 2).gaussianDecoder(0));
        assertRejected("beta must be > 0 and finite, got NaN", () -> Vae.builder(4, 2).beta(Double.NaN));
        assertRejected("rng must not be null", () -> Vae.builder(4, 2).build(null));
    }

    @Test
    void vaeExplicitEpsilonShape() {
        Vae vae = Vae.builder(4, 2).hiddenSizes(3).build(Rng.seeded(1));
        var g = aelab.optim.Gradients.zerosLike(vae.parameters());
        assertRejected("epsilon must be 5x2, got 5x3", () -> vae.lossAndGradients(
                new org.ejml.data.DMatrixRMaj(5, 4), new org.ejml.data.DMatrixRMaj(5, 3), g));
    }

    @Test
    void linearAutoencoder() {
        assertRejected("latentDim must be > 0, got 0", () -> LinearAutoencoder.untied(3, 0, true, Rng.seeded(1)));
        assertRejected("latentDim must be > 0, got -1", () -> LinearAutoencoder.tied(3, -1, false, Rng.seeded(1)));
        assertRejected("inputDim must be > 0, got 0", () -> LinearAutoencoder.tied(0, 1, true, Rng.seeded(1)));
    }

    @Test
    void deepAndRegularisedAutoencoders() {
        Mlp enc = mlp("encoder", new int[] {5, 3}, Activation.SIGMOID);
        Mlp dec = mlp("decoder", new int[] {3, 5}, Activation.IDENTITY);
        assertRejected("decoder must map 3 -> 5, got 3 -> 4",
                () -> DeepAutoencoder.of(enc, mlp("decoder", new int[] {3, 4}, Activation.IDENTITY)));
        assertRejected("sigma must be > 0 and finite, got -0.1", () -> DenoisingAutoencoder.gaussian(enc, dec, -0.1));
        assertRejected("p must be in (0.0, 1.0), got 1.0", () -> DenoisingAutoencoder.masking(enc, dec, 1.0));
        assertRejected("rho must be in (0.0, 1.0), got 0.0", () -> SparseAutoencoder.kl(enc, dec, 0.0, 1));
        assertRejected("lambda must be >= 0 and finite, got -1.0", () -> SparseAutoencoder.l1(enc, dec, -1));
        assertRejected("encoder output activation must be SIGMOID for the KL penalty, got TANH",
                () -> SparseAutoencoder.kl(mlp("encoder", new int[] {5, 3}, Activation.TANH), dec, 0.1, 1));
        assertRejected("encoder must be a single SIGMOID layer, got encoder 5 -> 4 TANH -> 3 SIGMOID",
                () -> ContractiveAutoencoder.of(mlp("encoder", new int[] {5, 4, 3}, Activation.SIGMOID),
                        dec, 0.1));
    }
}
