package aelab.model;

import java.util.random.RandomGenerator;

class LinearTiedBiasContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return LinearAutoencoder.builder(D, K).tiedWeights().build(rng);
    }
}
