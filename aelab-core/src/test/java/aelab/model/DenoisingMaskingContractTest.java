package aelab.model;

import aelab.nn.Activation;
import java.util.random.RandomGenerator;

class DenoisingMaskingContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return DenoisingAutoencoder.builder(D, K).hiddenSizes(H).hiddenActivation(Activation.TANH)
                .codeActivation(Activation.SIGMOID).maskingNoise(0.25).build(rng);
    }
}
