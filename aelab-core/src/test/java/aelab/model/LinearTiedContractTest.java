package aelab.model;

import java.util.random.RandomGenerator;

class LinearTiedContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return LinearAutoencoder.builder(D, K).tiedWeights().withoutBias().build(rng);
    }
}
