package aelab.model;

import aelab.nn.Activation;
import java.util.random.RandomGenerator;
import aelab.nn.NnTestSupport;
import org.ejml.data.DMatrixRMaj;

class BetaVaeContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return Vae.builder(D, K).hiddenSizes(H, H).hiddenActivation(Activation.SIGMOID).bernoulliDecoder().beta(4.0).build(rng);
    }


    @Override
    DMatrixRMaj data(int n, RandomGenerator rng) {
        return NnTestSupport.uniform(n, D, 0, 1, rng);
    }
}
