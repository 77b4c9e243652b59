package aelab.model;

import aelab.core.Require;
import aelab.nn.Mlp;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Denoising autoencoder (Vincent et al. 2008, 2010): the encoder sees a corruption \(\tilde x \sim C(\tilde x|x)\),
 * the loss compares the reconstruction with the <em>clean</em> x: \(L = \frac1n\sum_i\|d(e(\tilde x_i)) - x_i\|^2\).
 * Corruptions, drawn from the rng given to {@link #lossAndGradients} (row-major, one draw per entry):
 * <ul>
 *   <li>Gaussian: \(\tilde x = x + \sigma\varepsilon\), ε ~ N(0, 1);</li>
 *   <li>masking: each entry set to 0 with probability p (kept unscaled), from {@code rng.nextDouble() < p}.</li>
 * </ul>
 * For a linear 1-D model on zero-mean data the optimal gain is \(E[x^2]/(E[x^2]+\sigma^2)\) (shrinkage).
 */
public final class DenoisingAutoencoder extends MlpAutoencoder {
    /** The kind of corruption. */
    public enum Noise {
        /** x + σε. */
        GAUSSIAN,
        /** zero each entry with probability p. */
        MASKING
    }

    private final Noise noise;
    private final double level;
    private final DMatrixRMaj corrupted = new DMatrixRMaj(1, 1);

    private DenoisingAutoencoder(Mlp encoder, Mlp decoder, Noise noise, double level) {
        super(encoder, decoder);
        this.noise = noise;
        this.level = level;
    }

    /**
     * A builder for a denoising autoencoder with input width d and code width k; choose the corruption with
     * {@link Builder#gaussianNoise} or {@link Builder#maskingNoise}. Sizes, activations and defaults: see
     * {@link MlpAutoencoder.Builder}.
     */
    public static Builder builder(int inputDim, int latentDim) {
        return new Builder(inputDim, latentDim);
    }

    /** Configuration of a {@link DenoisingAutoencoder}. */
    public static final class Builder extends MlpAutoencoder.Builder<Builder> {
        private Noise noise;
        private double level;

        private Builder(int inputDim, int latentDim) {
            super(inputDim, latentDim);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Gaussian corruption \(\tilde x = x + \sigma\varepsilon\), σ &gt; 0. */
        public Builder gaussianNoise(double sigma) {
            this.level = Require.positive("sigma", sigma);
            this.noise = Noise.GAUSSIAN;
            return this;
        }

        /** Masking corruption: each entry set to 0 with probability p in (0, 1). */
        public Builder maskingNoise(double p) {
            this.level = Require.inOpenRange("p", p, 0, 1);
            this.noise = Noise.MASKING;
            return this;
        }

        /**
         * Builds the autoencoder, initialising the encoder, then the decoder. rng: Modified.
         *
         * @throws IllegalStateException if no corruption was chosen
         */
        public DenoisingAutoencoder build(RandomGenerator rng) {
            Require.notNull("rng", rng);
            if (noise == null) {
                throw new IllegalStateException("choose the corruption first: gaussianNoise(sigma) or maskingNoise(p)");
            }
            Mlp encoder = encoder(rng);
            return new DenoisingAutoencoder(encoder, decoder(rng), noise, level);
        }
    }

    /** The kind of corruption. */
    public Noise noise() {
        return noise;
    }

    /** σ (Gaussian) or p (masking). */
    public double noiseLevel() {
        return level;
    }

    /**
     * A corrupted copy of x. x: Not modified. rng: Modified.
     */
    public DMatrixRMaj corrupt(DMatrixRMaj x, RandomGenerator rng) {
        ModelChecks.batch("x", x, inputDim());
        Require.notNull("rng", rng);
        return corruptInto(x, rng, new DMatrixRMaj(x.numRows, x.numCols));
    }

    private DMatrixRMaj corruptInto(DMatrixRMaj x, RandomGenerator rng, DMatrixRMaj out) {
        out.reshape(x.numRows, x.numCols);
        double[] in = x.data;
        double[] o = out.data;
        int size = x.getNumElements();
        if (noise == Noise.GAUSSIAN) {
            for (int i = 0; i < size; i++) {
                o[i] = in[i] + level * rng.nextGaussian();
            }
        } else {
            for (int i = 0; i < size; i++) {
                o[i] = rng.nextDouble() < level ? 0.0 : in[i];
            }
        }
        return out;
    }

    @Override
    protected DMatrixRMaj encoderInput(DMatrixRMaj clean, RandomGenerator rng) {
        return corruptInto(clean, rng, corrupted);
    }
}
