package aelab.model;

import aelab.core.Require;
import aelab.nn.Activation;
import aelab.nn.Mlp;
import java.util.random.RandomGenerator;

/**
 * Deep (MLP) autoencoder \(\hat x = d(e(x))\) trained on \(L = \frac1n\sum_i\|\hat x_i - x_i\|^2\)
 * (Hinton &amp; Salakhutdinov 2006; Goodfellow et al., <i>Deep Learning</i>, §14.1).
 */
public final class DeepAutoencoder extends MlpAutoencoder {
    private DeepAutoencoder(Mlp encoder, Mlp decoder) {
        super(encoder, decoder);
    }

    /**
     * A builder for a deep autoencoder with input width d and code width k; see {@link MlpAutoencoder.Builder} for the
     * sizes, activations and defaults.
     */
    public static Builder builder(int inputDim, int latentDim) {
        return new Builder(inputDim, latentDim);
    }

    /** Configuration of a {@link DeepAutoencoder}. */
    public static final class Builder extends MlpAutoencoder.Builder<Builder> {
        private Builder(int inputDim, int latentDim) {
            super(inputDim, latentDim);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Builds the autoencoder, initialising the encoder, then the decoder. rng: Modified. */
        public DeepAutoencoder build(RandomGenerator rng) {
            Require.notNull("rng", rng);
            Mlp encoder = encoder(rng);
            return new DeepAutoencoder(encoder, decoder(rng));
        }
    }
}
