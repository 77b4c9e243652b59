package aelab.model;

import aelab.nn.Activation;
import java.util.random.RandomGenerator;

class DeepContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return DeepAutoencoder.create(new int[] {D, H, K}, Activation.TANH, Activation.IDENTITY, Activation.SIGMOID, rng);
    }
}
