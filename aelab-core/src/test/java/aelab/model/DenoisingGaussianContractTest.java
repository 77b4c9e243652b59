package aelab.model;

import aelab.nn.Activation;
import aelab.nn.Mlp;
import java.util.random.RandomGenerator;

class DenoisingGaussianContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        Mlp encoder = Mlp.create("encoder", new int[] {D, H, K}, Activation.TANH, Activation.SIGMOID, true, rng);
        Mlp decoder = Mlp.create("decoder", new int[] {K, H, D}, Activation.TANH, Activation.IDENTITY, true, rng);
        return DenoisingAutoencoder.gaussian(encoder, decoder, 0.3);
    }
}
