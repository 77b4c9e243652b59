package aelab.model;

import java.util.random.RandomGenerator;

class VaeNoHiddenContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return Vae.builder(D, K).hiddenSizes().gaussianDecoder(2.0).beta(0.5).build(rng);
    }
}
