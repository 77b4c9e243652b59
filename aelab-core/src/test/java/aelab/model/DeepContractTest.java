package aelab.model;

import aelab.nn.Activation;
import java.util.random.RandomGenerator;

class DeepContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return DeepAutoencoder.builder(D, K).hiddenSizes(H).hiddenActivation(Activation.TANH)
                .outputActivation(Activation.SIGMOID).build(rng);
    }
}
