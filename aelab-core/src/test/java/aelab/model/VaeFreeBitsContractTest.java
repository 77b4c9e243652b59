package aelab.model;

import aelab.nn.Activation;
import aelab.nn.NnTestSupport;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/** The autoencoder contract for a VAE with free bits (λ = 0.01 nats per dimension). */
class VaeFreeBitsContractTest extends AutoencoderContractTest {
    @Override
    Autoencoder create(RandomGenerator rng) {
        return Vae.builder(D, K).hiddenSizes(H).hiddenActivation(Activation.TANH).bernoulliDecoder().freeBits(0.01)
                .build(rng);
    }

    @Override
    DMatrixRMaj data(int n, RandomGenerator rng) {
        return NnTestSupport.uniform(n, D, 0, 1, rng);
    }
}
