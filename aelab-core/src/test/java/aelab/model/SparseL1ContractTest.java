package aelab.model;

import aelab.nn.Activation;
import aelab.nn.Mlp;
import java.util.random.RandomGenerator;

class SparseL1ContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        Mlp encoder = Mlp.create("encoder", new int[] {D, H, K}, Activation.TANH, Activation.SIGMOID, true, rng);
        Mlp decoder = Mlp.create("decoder", new int[] {K, H, D}, Activation.TANH, Activation.IDENTITY, true, rng);
        return SparseAutoencoder.l1(encoder, decoder, 0.1);
    }
}
