package aelab.model;

import java.util.random.RandomGenerator;

class ContractiveContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return ContractiveAutoencoder.builder(D, K).penaltyWeight(0.5).build(rng);
    }
}
