package aelab.model;

import aelab.nn.Activation;
import java.util.random.RandomGenerator;

class SparseKlContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return SparseAutoencoder.builder(D, K).hiddenSizes(H).hiddenActivation(Activation.TANH)
                .codeActivation(Activation.SIGMOID).klPenalty(0.1, 0.5).build(rng);
    }
}
