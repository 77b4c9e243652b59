package aelab.model;

import aelab.nn.Activation;
import java.util.random.RandomGenerator;
import aelab.nn.NnTestSupport;
import org.ejml.data.DMatrixRMaj;

class VaeBernoulliContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return Vae.builder(D, K).hiddenSizes(H).hiddenActivation(Activation.TANH).bernoulliDecoder().build(rng);
    }


    @Override
    DMatrixRMaj data(int n, RandomGenerator rng) {
        return NnTestSupport.uniform(n, D, 0, 1, rng);
    }
}
