package aelab.model;

import aelab.nn.Activation;
import java.util.random.RandomGenerator;

class VaeGaussianContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return Vae.builder(D, K).hiddenSizes(H).hiddenActivation(Activation.TANH).gaussianDecoder(0.5).build(rng);
    }
}
