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

    /** An autoencoder from a given encoder (d → k) and decoder (k → d). */
    public static DeepAutoencoder of(Mlp encoder, Mlp decoder) {
        return new DeepAutoencoder(encoder, decoder);
    }

    /**
     * Encoder sizes {@code d, h1, …, k}; the decoder mirrors them ({@code k, …, h1, d}). Every layer has a bias.
     *
     * @param encoderSizes at least {d, k}. Not modified.
     * @param hidden       activation of hidden layers (both MLPs)
     * @param code         activation of the code layer (encoder output)
     * @param output       activation of the decoder output
     * @param rng          initialisation. Modified.
     */
    public static DeepAutoencoder create(int[] encoderSizes, Activation hidden, Activation code, Activation output,
            RandomGenerator rng) {
        Require.notNull("encoderSizes", encoderSizes);
        Mlp encoder = Mlp.create("encoder", encoderSizes, hidden, code, true, rng);
        Mlp decoder = Mlp.create("decoder", reversed(encoderSizes), hidden, output, true, rng);
        return new DeepAutoencoder(encoder, decoder);
    }

    static int[] reversed(int[] sizes) {
        int[] r = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            r[i] = sizes[sizes.length - 1 - i];
        }
        return r;
    }
}
