package aelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.nn.Activation;
import aelab.nn.DenseLayer;
import aelab.nn.Mlp;
import aelab.optim.ParameterBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Every model builder against an independent replay of its documented initialisation: the parameter blocks (names,
 * shapes, bits) equal {@link DenseLayer#create} called layer by layer, encoder before decoder, on a generator with the
 * same seed; and the configured activations and hyper-parameters are the ones asked for. (When the builders replaced
 * the positional factories, a one-off test also showed the same bits as {@code Mlp.create}, {@code
 * DeepAutoencoder.create}, {@code SparseAutoencoder.l1/kl}, {@code DenoisingAutoencoder.gaussian/masking},
 * {@code ContractiveAutoencoder.of} and {@code LinearAutoencoder.untied/tied} with one generator.)
 */
class ModelBuilderContractTest {
    /** The blocks of layers {@code name.0 … name.L-1} with sizes s[0] → s[1] → …, drawn in order from rng. */
    private static List<ParameterBlock> layers(String name, boolean bias, RandomGenerator rng, int... sizes) {
        List<ParameterBlock> blocks = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            blocks.addAll(DenseLayer.create(name + "." + l, sizes[l], sizes[l + 1], bias, rng).parameterBlocks());
        }
        return blocks;
    }

    private static void assertBlocks(List<ParameterBlock> expected, List<ParameterBlock> actual) {
        assertEquals(expected.stream().map(ParameterBlock::name).toList(),
                actual.stream().map(ParameterBlock::name).toList());
        for (int i = 0; i < expected.size(); i++) {
            DMatrixRMaj e = expected.get(i).value();
            DMatrixRMaj a = actual.get(i).value();
            String name = expected.get(i).name();
            assertEquals(e.numRows + "x" + e.numCols, a.numRows + "x" + a.numCols, name);
            assertArrayEquals(e.data, a.data, 0.0, name);
        }
    }

    private static List<ParameterBlock> concat(List<ParameterBlock> a, List<ParameterBlock> b) {
        List<ParameterBlock> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void assertActivations(Mlp mlp, Activation... expected) {
        assertEquals(expected.length, mlp.depth(), mlp.toString());
        for (int l = 0; l < expected.length; l++) {
            assertEquals(expected[l], mlp.activation(l), mlp + ", layer " + l);
        }
    }

    @Test
    void mlpDrawsItsLayersInOrder() {
        Mlp mlp = Mlp.builder("m", 5, 2).hiddenSizes(4, 3).hiddenActivation(Activation.TANH)
                .outputActivation(Activation.SIGMOID).build(Rng.seeded(3));
        assertBlocks(layers("m", true, Rng.seeded(3), 5, 4, 3, 2), mlp.parameterBlocks());
        assertActivations(mlp, Activation.TANH, Activation.TANH, Activation.SIGMOID);
        Mlp plain = Mlp.builder("p", 3, 2).withoutBias().build(Rng.seeded(4));
        assertBlocks(layers("p", false, Rng.seeded(4), 3, 2), plain.parameterBlocks());
        assertActivations(plain, Activation.IDENTITY);
    }

    @Test
    void deepAutoencoderMirrorsTheEncoder() {
        DeepAutoencoder ae = DeepAutoencoder.builder(9, 2).hiddenSizes(6, 4).hiddenActivation(Activation.TANH)
                .codeActivation(Activation.SIGMOID).outputActivation(Activation.RELU).build(Rng.seeded(5));
        RandomGenerator replay = Rng.seeded(5);
        List<ParameterBlock> encoder = layers("encoder", true, replay, 9, 6, 4, 2);
        assertBlocks(concat(encoder, layers("decoder", true, replay, 2, 4, 6, 9)), ae.parameters().asList());
        assertActivations(ae.encoder(), Activation.TANH, Activation.TANH, Activation.SIGMOID);
        assertActivations(ae.decoder(), Activation.TANH, Activation.TANH, Activation.RELU);
        DeepAutoencoder defaults = DeepAutoencoder.builder(4, 3).build(Rng.seeded(6));
        assertActivations(defaults.encoder(), Activation.IDENTITY);
        assertActivations(defaults.decoder(), Activation.IDENTITY);
        assertEquals(4, defaults.parameters().size(), "one layer each way, with biases");
    }

    @Test
    void denoisingAutoencoderKeepsItsCorruption() {
        DenoisingAutoencoder gaussian = DenoisingAutoencoder.builder(1, 16).codeActivation(Activation.TANH)
                .gaussianNoise(0.7).build(Rng.seeded(12));
        RandomGenerator replay = Rng.seeded(12);
        List<ParameterBlock> encoder = layers("encoder", true, replay, 1, 16);
        assertBlocks(concat(encoder, layers("decoder", true, replay, 16, 1)), gaussian.parameters().asList());
        assertEquals(DenoisingAutoencoder.Noise.GAUSSIAN, gaussian.noise());
        assertEquals(0.7, gaussian.noiseLevel());
        DenoisingAutoencoder masking = DenoisingAutoencoder.builder(3, 2).withoutBias().maskingNoise(0.3)
                .build(Rng.seeded(4));
        RandomGenerator replay2 = Rng.seeded(4);
        List<ParameterBlock> encoder2 = layers("encoder", false, replay2, 3, 2);
        assertBlocks(concat(encoder2, layers("decoder", false, replay2, 2, 3)), masking.parameters().asList());
        assertEquals(DenoisingAutoencoder.Noise.MASKING, masking.noise());
        assertEquals(0.3, masking.noiseLevel());
    }

    @Test
    void sparseAutoencoderKeepsItsPenalty() {
        SparseAutoencoder kl = SparseAutoencoder.builder(8, 5).hiddenSizes(6).hiddenActivation(Activation.TANH)
                .codeActivation(Activation.SIGMOID).klPenalty(0.05, 3.0).build(Rng.seeded(22));
        RandomGenerator replay = Rng.seeded(22);
        List<ParameterBlock> encoder = layers("encoder", true, replay, 8, 6, 5);
        assertBlocks(concat(encoder, layers("decoder", true, replay, 5, 6, 8)), kl.parameters().asList());
        assertEquals(SparseAutoencoder.Penalty.KL, kl.penalty());
        assertEquals(0.05, kl.targetActivation());
        assertEquals(3.0, kl.weight());
        SparseAutoencoder l1 = SparseAutoencoder.builder(8, 5).codeActivation(Activation.RELU)
                .klPenalty(0.1, 1).l1Penalty(0.01).build(Rng.seeded(21));
        assertEquals(SparseAutoencoder.Penalty.L1, l1.penalty(), "the last penalty chosen wins");
        assertTrue(Double.isNaN(l1.targetActivation()));
        assertEquals(0.01, l1.weight());
        assertActivations(l1.encoder(), Activation.RELU);
    }

    @Test
    void contractiveAutoencoderHasOneSigmoidEncoderLayer() {
        ContractiveAutoencoder cae = ContractiveAutoencoder.builder(7, 3).outputActivation(Activation.SIGMOID)
                .penaltyWeight(0.4).build(Rng.seeded(24));
        RandomGenerator replay = Rng.seeded(24);
        List<ParameterBlock> encoder = layers("encoder", true, replay, 7, 3);
        assertBlocks(concat(encoder, layers("decoder", true, replay, 3, 7)), cae.parameters().asList());
        assertActivations(cae.encoder(), Activation.SIGMOID);
        assertActivations(cae.decoder(), Activation.SIGMOID);
        assertEquals(0.4, cae.weight());
        ContractiveAutoencoder plain = ContractiveAutoencoder.builder(7, 3).withoutBias().penaltyWeight(0)
                .build(Rng.seeded(25));
        RandomGenerator replay2 = Rng.seeded(25);
        List<ParameterBlock> encoder2 = layers("encoder", false, replay2, 7, 3);
        assertBlocks(concat(encoder2, layers("decoder", false, replay2, 3, 7)), plain.parameters().asList());
    }

    @Test
    void linearAutoencoderDrawsEncoderThenDecoderThenDecoderBias() {
        for (boolean tied : new boolean[] {false, true}) {
            for (boolean bias : new boolean[] {false, true}) {
                LinearAutoencoder.Builder b = LinearAutoencoder.builder(5, 3);
                if (tied) {
                    b.tiedWeights();
                }
                if (!bias) {
                    b.withoutBias();
                }
                LinearAutoencoder ae = b.build(Rng.seeded(8));
                RandomGenerator replay = Rng.seeded(8);
                List<ParameterBlock> expected = new ArrayList<>(
                        DenseLayer.create("encoder", 5, 3, bias, replay).parameterBlocks());
                if (!tied) {
                    expected.add(DenseLayer.create("decoder", 3, 5, false, replay).weight());
                }
                if (bias) {
                    DMatrixRMaj db = new DMatrixRMaj(1, 5);
                    for (int i = 0; i < 5; i++) {
                        db.data[i] = replay.nextDouble(-1 / Math.sqrt(3), 1 / Math.sqrt(3));
                    }
                    expected.add(new ParameterBlock("decoder.bias", db));
                }
                assertBlocks(expected, ae.parameters().asList());
                assertEquals(tied, ae.isTied());
            }
        }
        assertFalse(LinearAutoencoder.builder(5, 3).build(Rng.seeded(1)).isTied(), "untied by default");
    }
}
