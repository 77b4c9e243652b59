package aelab.model;

import aelab.nn.Activation;
import java.util.random.RandomGenerator;

class DenoisingGaussianContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return DenoisingAutoencoder.builder(D, K).hiddenSizes(H).hiddenActivation(Activation.TANH)
                .codeActivation(Activation.SIGMOID).gaussianNoise(0.3).build(rng);
    }
}
