package aelab.model;

import java.util.random.RandomGenerator;

class LinearUntiedContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return LinearAutoencoder.builder(D, K).build(rng);
    }
}
