package aelab.model;

import aelab.nn.Activation;
import aelab.nn.Mlp;
import java.util.random.RandomGenerator;

class ContractiveContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        Mlp encoder = Mlp.create("encoder", new int[] {D, K}, Activation.RELU, Activation.SIGMOID, true, rng);
        Mlp decoder = Mlp.create("decoder", new int[] {K, D}, Activation.RELU, Activation.IDENTITY, true, rng);
        return ContractiveAutoencoder.of(encoder, decoder, 0.5);
    }
}
