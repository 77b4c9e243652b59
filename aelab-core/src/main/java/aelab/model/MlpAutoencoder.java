package aelab.model;

import aelab.core.Require;
import aelab.nn.Activation;
import aelab.nn.Mlp;
import aelab.optim.Gradients;
import aelab.optim.ParameterBlock;
import aelab.optim.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Common machinery of the deterministic MLP autoencoders: \(h = e(\tilde x)\), \(\hat x = d(h)\),
 * \(L = \frac1n\sum_i \|\hat x_i - x_i\|^2 + P(h, \theta)\), where \(\tilde x\) is the encoder input (the clean x, or
 * a corruption of it for a denoising AE) and P a penalty on the code (sparse, contractive). Subclasses override
 * {@link #encoderInput}, {@link #codePenalty} and {@link #addDirectPenaltyGradients}. Regularized autoencoders as in
 * Goodfellow, Bengio &amp; Courville, <i>Deep Learning</i> (2016), §14.2 (sparse, denoising, contractive).
 */
public abstract class MlpAutoencoder implements Autoencoder {
    private static final List<String> PENALTY_METRICS = List.of("reconstruction", "penalty");

    private final Mlp encoder;
    private final Mlp decoder;
    private final Parameters parameters;
    private final DMatrixRMaj gradReconstruction = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradCode = new DMatrixRMaj(1, 1);
    private double lastReconstruction = Double.NaN;
    private double lastPenalty = Double.NaN;

    /** encoder: d → k, decoder: k → d. Blocks: encoder's, then decoder's. */
    protected MlpAutoencoder(Mlp encoder, Mlp decoder) {
        Require.notNull("encoder", encoder);
        Require.notNull("decoder", decoder);
        if (decoder.inputDim() != encoder.outputDim() || decoder.outputDim() != encoder.inputDim()) {
            throw new IllegalArgumentException("decoder must map " + encoder.outputDim() + " -> " + encoder.inputDim()
                    + ", got " + decoder.inputDim() + " -> " + decoder.outputDim());
        }
        this.encoder = encoder;
        this.decoder = decoder;
        List<ParameterBlock> blocks = new ArrayList<>(encoder.parameterBlocks());
        blocks.addAll(decoder.parameterBlocks());
        this.parameters = Parameters.of(blocks);
    }

    /**
     * The configuration shared by the builders of the MLP autoencoders ({@link DeepAutoencoder#builder},
     * {@link DenoisingAutoencoder#builder}, {@link SparseAutoencoder#builder}): encoder sizes
     * {@code d → hiddenSizes… → k}, decoder mirrored ({@code k → …reversed hiddenSizes → d}). Defaults: no hidden
     * layer, ReLU hidden activation (both networks), identity code activation (encoder output), identity output
     * activation (decoder output), every layer with a bias. {@code build(rng)} initialises the encoder's layers, then
     * the decoder's, in order, with PyTorch's {@code nn.Linear} default ({@link aelab.nn.DenseLayer#create}).
     *
     * @param <B> the concrete builder (so that the shared setters chain)
     */
    public abstract static class Builder<B extends Builder<B>> {
        private final int inputDim;
        private final int latentDim;
        private int[] hiddenSizes = {};
        private Activation hiddenActivation = Activation.RELU;
        private Activation codeActivation = Activation.IDENTITY;
        private Activation outputActivation = Activation.IDENTITY;
        private boolean bias = true;

        Builder(int inputDim, int latentDim) {
            this.inputDim = Require.positive("inputDim", inputDim);
            this.latentDim = Require.positive("latentDim", latentDim);
        }

        abstract B self();

        /** Encoder hidden sizes, input side first (the decoder mirrors them); may be empty. Not modified. */
        public B hiddenSizes(int... sizes) {
            this.hiddenSizes = Require.positive("hiddenSizes", sizes).clone();
            return self();
        }

        /** Activation of all hidden layers (encoder and decoder). */
        public B hiddenActivation(Activation activation) {
            this.hiddenActivation = Require.notNull("activation", activation);
            return self();
        }

        /** Activation of the code layer h (the encoder's output). */
        public B codeActivation(Activation activation) {
            this.codeActivation = Require.notNull("activation", activation);
            return self();
        }

        /** Activation of the reconstruction x̂ (the decoder's output). */
        public B outputActivation(Activation activation) {
            this.outputActivation = Require.notNull("activation", activation);
            return self();
        }

        /** No bias in any layer. */
        public B withoutBias() {
            this.bias = false;
            return self();
        }

        Activation codeActivation() {
            return codeActivation;
        }

        /** The encoder d → … → k, initialised from rng. */
        Mlp encoder(RandomGenerator rng) {
            Mlp.Builder b = Mlp.builder("encoder", inputDim, latentDim).hiddenSizes(hiddenSizes)
                    .hiddenActivation(hiddenActivation).outputActivation(codeActivation);
            return (bias ? b : b.withoutBias()).build(rng);
        }

        /** The decoder k → … → d (mirrored hidden sizes), initialised from rng. */
        Mlp decoder(RandomGenerator rng) {
            int[] mirrored = new int[hiddenSizes.length];
            for (int i = 0; i < mirrored.length; i++) {
                mirrored[i] = hiddenSizes[hiddenSizes.length - 1 - i];
            }
            Mlp.Builder b = Mlp.builder("decoder", latentDim, inputDim).hiddenSizes(mirrored)
                    .hiddenActivation(hiddenActivation).outputActivation(outputActivation);
            return (bias ? b : b.withoutBias()).build(rng);
        }
    }

    /** The encoder MLP (d → k). */
    public Mlp encoder() {
        return encoder;
    }

    /** The decoder MLP (k → d). */
    public Mlp decoder() {
        return decoder;
    }

    @Override
    public int inputDim() {
        return encoder.inputDim();
    }

    @Override
    public int latentDim() {
        return encoder.outputDim();
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public DMatrixRMaj encode(DMatrixRMaj x) {
        ModelChecks.batch("x", x, inputDim());
        return encoder.predict(x);
    }

    @Override
    public DMatrixRMaj decode(DMatrixRMaj z) {
        ModelChecks.batch("z", z, latentDim());
        return decoder.predict(z);
    }

    @Override
    public final double lossAndGradients(DMatrixRMaj batch, RandomGenerator rng, Gradients out) {
        ModelChecks.training(batch, inputDim(), rng, out, parameters);
        DMatrixRMaj input = encoderInput(batch, rng);
        DMatrixRMaj code = encoder.forward(input);
        DMatrixRMaj reconstruction = decoder.forward(code);
        double rec = ModelChecks.squaredErrorMean(reconstruction, batch, gradReconstruction);
        decoder.backward(gradReconstruction, out, gradCode);
        double penalty = codePenalty(code, gradCode);
        encoder.backward(gradCode, out, null);
        addDirectPenaltyGradients(code, out);
        lastReconstruction = rec;
        lastPenalty = penalty;
        return rec + penalty;
    }

    /**
     * The encoder input x̃ for the clean batch (default: the batch itself).
     *
     * @param clean Not modified.
     * @param rng   Modified when the subclass draws noise.
     * @return x̃ (may be a workspace owned by the subclass)
     */
    protected DMatrixRMaj encoderInput(DMatrixRMaj clean, RandomGenerator rng) {
        return clean;
    }

    /**
     * The penalty P on the code h (mean per sample, or per batch) and its gradient through h.
     *
     * @param code     h (n×k). Not modified.
     * @param gradCode ∂L/∂h so far. Modified: ∂P/∂h is added.
     * @return P (default 0)
     */
    protected double codePenalty(DMatrixRMaj code, DMatrixRMaj gradCode) {
        return 0;
    }

    /** Adds ∂P/∂θ terms not flowing through h (called after the encoder's backward pass). out: Modified. */
    protected void addDirectPenaltyGradients(DMatrixRMaj code, Gradients out) {
    }

    /** True when the model has a penalty; then metrics are {@code reconstruction} and {@code penalty}. */
    protected boolean hasPenalty() {
        return false;
    }

    @Override
    public List<String> metricNames() {
        return hasPenalty() ? PENALTY_METRICS : List.of();
    }

    @Override
    public double lastMetric(int index) {
        if (!hasPenalty()) {
            return Autoencoder.super.lastMetric(index);
        }
        Require.inRange("index", index, 0, 1);
        return index == 0 ? lastReconstruction : lastPenalty;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + encoder + "; " + decoder + ")";
    }
}
