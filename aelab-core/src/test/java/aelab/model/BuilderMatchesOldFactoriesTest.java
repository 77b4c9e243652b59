package aelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aelab.core.Rng;
import aelab.nn.Activation;
import aelab.nn.Mlp;
import aelab.optim.ParameterBlock;
import org.junit.jupiter.api.Test;

/**
 * One-off bridge while the positional factories still exist: each builder gives the same parameter names, shapes
 * and bits as the old factory called with one generator of the same seed. Deleted with the old factories; the
 * lasting check is {@link ModelBuilderContractTest} (builders against the documented DenseLayer draw order).
 */
class BuilderMatchesOldFactoriesTest {
    private static void assertSameBits(Autoencoder expected, Autoencoder actual) {
        assertEquals(expected.parameters().names(), actual.parameters().names());
        for (int i = 0; i < expected.parameters().size(); i++) {
            ParameterBlock e = expected.parameters().get(i);
            ParameterBlock a = actual.parameters().get(i);
            assertEquals(e.rows(), a.rows(), e.name());
            assertEquals(e.cols(), a.cols(), e.name());
            assertArrayEquals(e.value().data, a.value().data, 0.0, e.name());
        }
    }

    @Test
    void mlp() {
        Mlp old = Mlp.create("m", new int[] {5, 4, 3, 2}, Activation.TANH, Activation.SIGMOID, true, Rng.seeded(3));
        Mlp neu = Mlp.builder("m", 5, 2).hiddenSizes(4, 3).hiddenActivation(Activation.TANH)
                .outputActivation(Activation.SIGMOID).build(Rng.seeded(3));
        assertEquals(old.toString(), neu.toString());
        for (int i = 0; i < old.parameterBlocks().size(); i++) {
            assertArrayEquals(old.parameterBlocks().get(i).value().data, neu.parameterBlocks().get(i).value().data, 0);
        }
    }

    @Test
    void deep() {
        assertSameBits(DeepAutoencoder.create(new int[] {784, 256, 2}, Activation.RELU, Activation.IDENTITY,
                        Activation.SIGMOID, Rng.seeded(1)),
                DeepAutoencoder.builder(784, 2).hiddenSizes(256).outputActivation(Activation.SIGMOID)
                        .build(Rng.seeded(1)));
    }

    @Test
    void denoising() {
        var rng = Rng.seeded(12);
        var old = DenoisingAutoencoder.gaussian(
                Mlp.create("encoder", new int[] {1, 16}, Activation.TANH, Activation.TANH, true, rng),
                Mlp.create("decoder", new int[] {16, 1}, Activation.IDENTITY, Activation.IDENTITY, true, rng), 1.0);
        assertSameBits(old, DenoisingAutoencoder.builder(1, 16).codeActivation(Activation.TANH).gaussianNoise(1.0)
                .build(Rng.seeded(12)));
        var rng2 = Rng.seeded(4);
        var oldLinear = DenoisingAutoencoder.masking(
                Mlp.create("encoder", new int[] {3, 2}, Activation.IDENTITY, Activation.IDENTITY, false, rng2),
                Mlp.create("decoder", new int[] {2, 3}, Activation.IDENTITY, Activation.IDENTITY, false, rng2), 0.3);
        assertSameBits(oldLinear, DenoisingAutoencoder.builder(3, 2).withoutBias().maskingNoise(0.3)
                .build(Rng.seeded(4)));
    }

    @Test
    void sparse() {
        var rng = Rng.seeded(22);
        var old = SparseAutoencoder.kl(
                Mlp.create("encoder", new int[] {64, 30, 100}, Activation.TANH, Activation.SIGMOID, true, rng),
                Mlp.create("decoder", new int[] {100, 30, 64}, Activation.TANH, Activation.IDENTITY, true, rng),
                0.05, 3.0);
        assertSameBits(old, SparseAutoencoder.builder(64, 100).hiddenSizes(30).hiddenActivation(Activation.TANH)
                .codeActivation(Activation.SIGMOID).klPenalty(0.05, 3.0).build(Rng.seeded(22)));
        var rng2 = Rng.seeded(21);
        var oldL1 = SparseAutoencoder.l1(
                Mlp.create("encoder", new int[] {64, 32}, Activation.RELU, Activation.RELU, true, rng2),
                Mlp.create("decoder", new int[] {32, 64}, Activation.IDENTITY, Activation.IDENTITY, true, rng2), 0.01);
        assertSameBits(oldL1, SparseAutoencoder.builder(64, 32).codeActivation(Activation.RELU).l1Penalty(0.01)
                .build(Rng.seeded(21)));
    }

    @Test
    void contractive() {
        var rng = Rng.seeded(24);
        var old = ContractiveAutoencoder.of(
                Mlp.create("encoder", new int[] {64, 16}, Activation.SIGMOID, Activation.SIGMOID, true, rng),
                Mlp.create("decoder", new int[] {16, 64}, Activation.IDENTITY, Activation.IDENTITY, true, rng), 0.1);
        assertSameBits(old, ContractiveAutoencoder.builder(64, 16).penaltyWeight(0.1).build(Rng.seeded(24)));
    }

    @Test
    void linear() {
        assertSameBits(LinearAutoencoder.untied(5, 2, false, Rng.seeded(7)),
                LinearAutoencoder.builder(5, 2).withoutBias().build(Rng.seeded(7)));
        assertSameBits(LinearAutoencoder.untied(5, 2, true, Rng.seeded(7)),
                LinearAutoencoder.builder(5, 2).build(Rng.seeded(7)));
        assertSameBits(LinearAutoencoder.tied(5, 3, true, Rng.seeded(8)),
                LinearAutoencoder.builder(5, 3).tiedWeights().build(Rng.seeded(8)));
        assertSameBits(LinearAutoencoder.tied(5, 3, false, Rng.seeded(8)),
                LinearAutoencoder.builder(5, 3).tiedWeights().withoutBias().build(Rng.seeded(8)));
    }
}
