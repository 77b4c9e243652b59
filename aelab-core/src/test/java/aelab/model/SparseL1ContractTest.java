package aelab.model;

import aelab.nn.Activation;
import java.util.random.RandomGenerator;

class SparseL1ContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return SparseAutoencoder.builder(D, K).hiddenSizes(H).hiddenActivation(Activation.TANH)
                .codeActivation(Activation.SIGMOID).l1Penalty(0.1).build(rng);
    }
}
