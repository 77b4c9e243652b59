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
        assertRejected("latentDim must be > 0, got 0", () -> LinearAutoencoder.builder(3, 0).build(Rng.seeded(1)));
        assertRejected("latentDim must be > 0, got -1", () -> LinearAutoencoder.builder(3, -1).tiedWeights().withoutBias().build(Rng.seeded(1)));
        assertRejected("inputDim must be > 0, got 0", () -> LinearAutoencoder.builder(0, 1).tiedWeights().build(Rng.seeded(1)));
    }

    @Test
    void mlpAutoencoderBuilders() {
        assertRejected("inputDim must be > 0, got 0", () -> DeepAutoencoder.builder(0, 2));
        assertRejected("latentDim must be > 0, got -1", () -> DenoisingAutoencoder.builder(3, -1));
        assertRejected("hiddenSizes[0] must be > 0, got 0", () -> SparseAutoencoder.builder(3, 2).hiddenSizes(0, 4));
        assertRejected("activation must not be null", () -> DeepAutoencoder.builder(3, 2).codeActivation(null));
        assertRejected("rng must not be null", () -> DeepAutoencoder.builder(3, 2).build(null));
        assertRejected("sigma must be > 0 and finite, got -0.1",
                () -> DenoisingAutoencoder.builder(5, 3).gaussianNoise(-0.1));
        assertRejected("p must be in (0.0, 1.0), got 1.0", () -> DenoisingAutoencoder.builder(5, 3).maskingNoise(1.0));
        assertRejected("rho must be in (0.0, 1.0), got 0.0", () -> SparseAutoencoder.builder(5, 3).klPenalty(0.0, 1));
        assertRejected("lambda must be >= 0 and finite, got -1.0", () -> SparseAutoencoder.builder(5, 3).l1Penalty(-1));
        assertRejected("codeActivation must be SIGMOID for the KL penalty (the code is a mean activation in (0, 1)),"
                + " got TANH", () -> SparseAutoencoder.builder(5, 3).codeActivation(Activation.TANH)
                        .klPenalty(0.1, 1).build(Rng.seeded(1)));
        assertRejected("lambda must be >= 0 and finite, got NaN",
                () -> ContractiveAutoencoder.builder(5, 3).penaltyWeight(Double.NaN));
        assertRejected("latentDim must be > 0, got 0", () -> ContractiveAutoencoder.builder(5, 0));
    }

    @Test
    void aRequiredChoiceLeftOpenIsNamed() {
        assertEquals("choose the corruption first: gaussianNoise(sigma) or maskingNoise(p)",
                assertThrows(IllegalStateException.class,
                        () -> DenoisingAutoencoder.builder(5, 3).build(Rng.seeded(1))).getMessage());
        assertEquals("choose the penalty first: l1Penalty(lambda) or klPenalty(rho, lambda)",
                assertThrows(IllegalStateException.class,
                        () -> SparseAutoencoder.builder(5, 3).build(Rng.seeded(1))).getMessage());
        assertEquals("choose the penalty weight first: penaltyWeight(lambda)",
                assertThrows(IllegalStateException.class,
                        () -> ContractiveAutoencoder.builder(5, 3).build(Rng.seeded(1))).getMessage());
    }

    @Test
    void mlpBuilder() {
        assertRejected("name must not be null", () -> Mlp.builder(null, 3, 2));
        assertRejected("outputDim must be > 0, got 0", () -> Mlp.builder("m", 3, 0));
        assertRejected("hiddenSizes[1] must be > 0, got -2", () -> Mlp.builder("m", 3, 2).hiddenSizes(4, -2));
        assertRejected("rng must not be null", () -> Mlp.builder("m", 3, 2).build(null));
    }
}
