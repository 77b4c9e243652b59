package aelab.model;

import java.util.random.RandomGenerator;

class LinearTiedContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return LinearAutoencoder.tied(D, K, false, rng);
    }
}
