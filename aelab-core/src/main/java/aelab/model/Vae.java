package aelab.model;

import aelab.core.Require;
import aelab.core.Rng;
import aelab.gaussian.GaussianKl;
import aelab.linalg.ArrayMath;
import aelab.linalg.ProductPrecision;
import aelab.linalg.Threads;
import aelab.nn.Activation;
import aelab.nn.DenseLayer;
import aelab.nn.Mlp;
import aelab.optim.Gradients;
import aelab.optim.Optimizer;
import aelab.optim.ParameterBlock;
import aelab.optim.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Variational autoencoder (Kingma &amp; Welling 2014) and β-VAE (Higgins et al. 2017).
 *
 * <p>Encoder: an MLP trunk \(t(x)\) (hidden sizes, hidden activation), then two affine heads
 * \(\mu = t W_\mu + b_\mu\), \(\log\sigma^2 = t W_v + b_v\). Reparameterization \(z = \mu + e^{\frac12\log\sigma^2}
 * \odot\varepsilon\), ε ~ N(0, I) drawn from the injected rng with {@link Rng#standardNormal(DMatrixRMaj,
 * RandomGenerator)} (row-major, n·k calls of {@code nextGaussian()}).
 * Decoder: an MLP (mirrored hidden sizes) giving logits/means a. Likelihoods, per sample summed over features:
 * Bernoulli \(-\log p(x|z) = \sum_j \mathrm{softplus}(a_j) - x_j a_j\) (BCE on logits, {@code decode} returns
 * σ(a)); Gaussian with fixed variance s²: \(-\log p(x|z) = \sum_j \frac{(x_j - a_j)^2}{2s^2} + \frac12\log(2\pi s^2)\).
 * KL in closed form: \(\mathrm{KL} = \frac12\sum_u \left(\mu_u^2 + (e^{t_u} - 1 - t_u)\right)\), \(t_u = \log\sigma_u^2\),
 * with \(e^t - 1 - t\) from {@link GaussianKl#expMinusOneMinusX} (no cancellation near collapsed units, t ≈ 0) and
 * its derivative \(\partial\mathrm{KL}/\partial t_u = \frac12\,\mathrm{expm1}(t_u)\).
 *
 * <p>Training loss (minimised; gradient sign convention in {@link aelab.optim}): \(L = \frac1n\sum_i\left[-\log p(x_i|z_i) + \beta\,\mathrm{KL}_i\right]\), i.e. the
 * negative ELBO per sample when β = 1. Metrics after each {@link #lossAndGradients} call: {@code reconstruction}
 * (\(-\log p(x|z)\), mean per sample) and {@code kl} (mean per sample).
 *
 * <p><b>Free bits</b> (Kingma et al. 2016, "Improved Variational Inference with Inverse Autoregressive Flow",
 * the "free bits" objective of their appendix, with one group per latent dimension), set with {@link Builder#freeBits}: the KL of each latent dimension, averaged over the mini-batch, is
 * clamped below at λ nats in the objective,
 * \(L_\lambda = rac1n\sum_i -\log p(x_i|z_i) + eta\sum_u \max\left(\lambda, rac1n\sum_i \mathrm{KL}_{iu}
ight)\),
 * \(\mathrm{KL}_{iu} = rac12\left(\mu_{iu}^2 + e^{t_{iu}} - 1 - t_{iu}
ight)\). A dimension whose batch-mean KL is
 * at most λ gets no gradient from the KL term (below λ nats are free), so the optimizer has no reason to push it
 * further towards the prior. λ = 0 (the default) is the plain (β-)VAE loss, computed as before. The {@code kl} metric
 * always reports the unclamped KL.
 *
 * <p><b>KL weight schedules</b> (KL annealing, Bowman et al. 2016; linear warm-up, Sønderby et al. 2016): β may be
 * changed between training steps with {@link #setBeta} (β ≥ 0), which is what {@link aelab.train.KlWarmUp} does from a
 * training listener; the trainer's loop is unchanged.
 *
 * <p>Posterior-collapse diagnostics: {@link #klPerDimension} and {@link #activeUnits} (Burda, Grosse &amp;
 * Salakhutdinov 2016, §5.2: unit u is active if \(\mathrm{Cov}_x(\mathbb{E}_{q}[z_u|x]) &gt; 0.01\)).
 */
public final class Vae implements Autoencoder {
    /** Decoder likelihood p(x|z). */
    public enum Likelihood {
        /** Bernoulli with sigmoid means (x in [0, 1]). */
        BERNOULLI,
        /** Gaussian with fixed variance. */
        GAUSSIAN
    }

    private static final List<String> METRICS = List.of("reconstruction", "kl");
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final String BERNOULLI_RANGE = "for a Bernoulli decoder (scale the data first, e.g. pixels 0-255 "
            + "divided by 255, or use a Gaussian decoder)";

    private final int d;
    private final int k;
    private final Mlp trunk;
    private final DenseLayer meanHead;
    private final DenseLayer logVarHead;
    private final Mlp decoder;
    private final Likelihood likelihood;
    private final double decoderVariance;
    private double beta;
    private final double freeBits;
    private final ProductPrecision precision;
    private final Parameters parameters;

    private final DMatrixRMaj mu = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj logVar = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj eps = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj std = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj z = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradLogits = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradZ = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradMu = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradLogVar = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradTrunk = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradTrunkFromLogVar = new DMatrixRMaj(1, 1);
    private final double[] sums = new double[2];
    /** Per-entry Bernoulli negative log-likelihood terms of the last batch (summed in entry order). */
    private double[] terms = new double[0];
    /** Fewest decoder outputs worth handing to another thread (about 0.2 ms of exp and log1p). */
    private static final int MIN_ENTRIES_PER_THREAD = 16_384;
    /** Batch-mean KL per latent dimension of the last forward pass (used by free bits). */
    private double[] klPerDimBatch;
    private double lastNll = Double.NaN;
    private double lastKl = Double.NaN;

    private Vae(Builder b, RandomGenerator rng) {
        this.d = b.inputDim;
        this.k = b.latentDim;
        this.likelihood = b.likelihood;
        this.decoderVariance = b.decoderVariance;
        this.beta = b.beta;
        this.freeBits = b.freeBits;
        this.precision = b.precision;
        this.klPerDimBatch = new double[b.latentDim];
        int[] hidden = b.hiddenSizes;
        this.trunk = hidden.length == 0 ? null
                : Mlp.builder("encoder", d, hidden[hidden.length - 1])
                        .hiddenSizes(java.util.Arrays.copyOf(hidden, hidden.length - 1))
                        .hiddenActivation(b.hiddenActivation).outputActivation(b.hiddenActivation)
                        .productPrecision(b.precision).build(rng);
        int trunkWidth = hidden.length == 0 ? d : hidden[hidden.length - 1];
        this.meanHead = DenseLayer.create("encoder.mu", trunkWidth, k, true, b.precision, rng);
        this.logVarHead = DenseLayer.create("encoder.logvar", trunkWidth, k, true, b.precision, rng);
        int[] mirrored = new int[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
            mirrored[i] = hidden[hidden.length - 1 - i];
        }
        this.decoder = Mlp.builder("decoder", k, d).hiddenSizes(mirrored).hiddenActivation(b.hiddenActivation)
                .productPrecision(b.precision).build(rng);
        List<ParameterBlock> blocks = new ArrayList<>();
        if (trunk != null) {
            blocks.addAll(trunk.parameterBlocks());
        }
        blocks.addAll(meanHead.parameterBlocks());
        blocks.addAll(logVarHead.parameterBlocks());
        blocks.addAll(decoder.parameterBlocks());
        this.parameters = Parameters.of(blocks);
    }

    /** A builder for a VAE with input width d and latent width k. */
    public static Builder builder(int inputDim, int latentDim) {
        return new Builder(inputDim, latentDim);
    }

    /** Configuration of a {@link Vae}; defaults: one hidden layer of 64 ReLU units, Bernoulli decoder, β = 1. */
    public static final class Builder {
        private final int inputDim;
        private final int latentDim;
        private int[] hiddenSizes = {64};
        private Activation hiddenActivation = Activation.RELU;
        private Likelihood likelihood = Likelihood.BERNOULLI;
        private double decoderVariance = 1.0;
        private double beta = 1.0;
        private double freeBits = 0.0;
        private ProductPrecision precision = ProductPrecision.FLOAT64;

        private Builder(int inputDim, int latentDim) {
            this.inputDim = Require.positive("inputDim", inputDim);
            this.latentDim = Require.positive("latentDim", latentDim);
        }

        /** Encoder hidden sizes (the decoder mirrors them); may be empty (linear heads on x). */
        public Builder hiddenSizes(int... sizes) {
            this.hiddenSizes = Require.positive("hiddenSizes", sizes).clone();
            return this;
        }

        /** Activation of all hidden layers. */
        public Builder hiddenActivation(Activation activation) {
            this.hiddenActivation = Require.notNull("activation", activation);
            return this;
        }

        /** Bernoulli decoder (sigmoid means, BCE). */
        public Builder bernoulliDecoder() {
            this.likelihood = Likelihood.BERNOULLI;
            return this;
        }

        /** Gaussian decoder with fixed variance s² &gt; 0. */
        public Builder gaussianDecoder(double variance) {
            this.decoderVariance = Require.positive("variance", variance);
            this.likelihood = Likelihood.GAUSSIAN;
            return this;
        }

        /** KL weight β &gt; 0 (β = 1: VAE; β ≠ 1: β-VAE). */
        public Builder beta(double beta) {
            this.beta = Require.positive("beta", beta);
            return this;
        }

        /**
         * Free bits λ ≥ 0 nats per latent dimension (Kingma et al. 2016, IAF paper): the objective uses
         * \(\max(\lambda, \text{batch-mean KL of dimension } u)\) for each u. 0 (the default) turns it off.
         */
        public Builder freeBits(double lambda) {
            Require.nonNegative("freeBits", lambda);
            Require.finite("freeBits", lambda);
            this.freeBits = lambda;
            return this;
        }

        /**
         * Precision of the matrix products of every layer (default {@link ProductPrecision#FLOAT64}).
         * {@link ProductPrecision#FLOAT32} products are float chains, PyTorch's default arithmetic. Called directly,
         * {@link Vae#lossAndGradients} keeps parameters, gradients, activations and the loss in double around them. A
         * {@link aelab.train.Trainer} run trains such a VAE in float32 storage, as PyTorch trains in float32
         * ({@link Vae#trainingStep}: parameters, activations, gradients and the optimizer's state in float, the
         * Bernoulli terms on float vectors; the parameters are rounded to float when the run starts and written
         * back at every epoch's end), about 1.7 times as fast as float64 on the mnist VAE. The initial parameters
         * are the same either way.
         */
        public Builder productPrecision(ProductPrecision precision) {
            this.precision = Require.notNull("precision", precision);
            return this;
        }

        /**
         * Builds the VAE, initialising layers in order (encoder trunk, μ head, log σ² head, decoder) with PyTorch's
         * {@code nn.Linear} default. rng: Modified.
         */
        public Vae build(RandomGenerator rng) {
            Require.notNull("rng", rng);
            return new Vae(this, rng);
        }
    }

    @Override
    public int inputDim() {
        return d;
    }

    @Override
    public int latentDim() {
        return k;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    /** The decoder likelihood. */
    public Likelihood likelihood() {
        return likelihood;
    }

    /** The current KL weight β (the builder's value unless {@link #setBeta} changed it). */
    public double beta() {
        return beta;
    }

    /**
     * Sets the KL weight β used by the following {@link #lossAndGradients} calls, e.g. by a warm-up schedule
     * ({@link aelab.train.KlWarmUp}). β = 0 is allowed here (the reconstruction term alone).
     *
     * @param newBeta β ≥ 0, finite
     */
    public void setBeta(double newBeta) {
        Require.nonNegative("beta", newBeta);
        Require.finite("beta", newBeta);
        this.beta = newBeta;
    }

    /** Free bits λ in nats per latent dimension (0: off). */
    public double freeBits() {
        return freeBits;
    }

    /** Fixed decoder variance s² (Gaussian decoder; 1.0 and unused for Bernoulli). */
    public double decoderVariance() {
        return decoderVariance;
    }

    /** The trunk's output for training (fills the trunk's backward cache, which then refers to x). */
    private DMatrixRMaj trunkForward(DMatrixRMaj x) {
        return trunk == null ? x : trunk.forward(x);
    }

    /** The trunk's output for evaluation (a new matrix; the training cache is untouched and x is not retained). */
    private DMatrixRMaj trunkPredict(DMatrixRMaj x) {
        return trunk == null ? x : trunk.predict(x);
    }

    /** Posterior means μ(x) (n×k). x: Not modified. */
    @Override
    public DMatrixRMaj encode(DMatrixRMaj x) {
        ModelChecks.batch("x", x, d);
        return meanHead.forward(trunkPredict(x), null);
    }

    /** Posterior log-variances log σ²(x) (n×k). x: Not modified. */
    public DMatrixRMaj encodeLogVariance(DMatrixRMaj x) {
        ModelChecks.batch("x", x, d);
        return logVarHead.forward(trunkPredict(x), null);
    }

    /** Decoder means for codes z (n×k): σ(a) for Bernoulli, a for Gaussian. z: Not modified. */
    @Override
    public DMatrixRMaj decode(DMatrixRMaj z) {
        ModelChecks.batch("z", z, k);
        DMatrixRMaj out = decoder.predict(z);
        if (likelihood == Likelihood.BERNOULLI) {
            Activation.SIGMOID.forwardEquals(out);
        }
        return out;
    }

    /**
     * Decoder means of n draws z ~ N(0, I) (prior samples; means, not Bernoulli/Gaussian draws).
     * rng: Modified (n·k Gaussians, row-major).
     */
    public DMatrixRMaj sample(int n, RandomGenerator rng) {
        Require.positive("n", n);
        Require.notNull("rng", rng);
        Require.matrixSize("n x latentDim (the prior draws)", n, k);
        Require.matrixSize("n x inputDim (the samples)", n, d);
        return decode(Rng.standardNormal(new DMatrixRMaj(n, k), rng));
    }

    /** Draws ε (n×k, the library's standard normal sampler) into the workspace. */
    private void drawEpsilon(int n, RandomGenerator rng) {
        eps.reshape(n, k);
        Rng.standardNormal(eps, rng);
    }

    /** Copies an explicit ε into the workspace. */
    private void setEpsilon(int n, DMatrixRMaj epsilon) {
        Require.shape("epsilon", epsilon, n, k);
        Require.finite("epsilon", epsilon);
        eps.setTo(epsilon);
    }

    /**
     * Forward pass with the ε in the workspace; fills mu, logVar, std, z and the decoder output, and
     * {@code sums} = {−Σ log p(x|z), Σ KL} over the batch.
     */
    private void forward(DMatrixRMaj x, boolean training) {
        DMatrixRMaj t = training ? trunkForward(x) : trunkPredict(x);
        meanHead.forward(t, mu);
        logVarHead.forward(t, logVar);
        int size = mu.getNumElements();
        std.reshape(mu.numRows, k);
        z.reshape(mu.numRows, k);
        double[] m = mu.data;
        double[] lv = logVar.data;
        double[] e = eps.data;
        double[] s = std.data;
        double[] zd = z.data;
        double kl = 0;
        for (int i = 0; i < size; i++) {
            double si = Math.exp(0.5 * lv[i]);
            s[i] = si;
            zd[i] = m[i] + si * e[i];
            kl += m[i] * m[i] + GaussianKl.expMinusOneMinusX(lv[i]);
        }
        sums[1] = 0.5 * kl;
        if (freeBits > 0) {
            java.util.Arrays.fill(klPerDimBatch, 0.0);
            for (int i = 0; i < size; i++) {
                klPerDimBatch[i % k] += 0.5 * (m[i] * m[i] + GaussianKl.expMinusOneMinusX(lv[i]));
            }
            for (int u = 0; u < k; u++) {
                klPerDimBatch[u] /= mu.numRows;
            }
        }
        DMatrixRMaj logits = decoder.forward(z);
        sums[0] = negativeLogLikelihood(logits, x, 1.0 / x.numRows);
    }

    /** −Σ log p(x|a) over all entries, and gradLogits = scale·∂/∂a. */
    private double negativeLogLikelihood(DMatrixRMaj logits, DMatrixRMaj x, double scale) {
        gradLogits.reshape(x.numRows, x.numCols);
        double[] a = logits.data;
        double[] t = x.data;
        double[] g = gradLogits.data;
        int size = x.getNumElements();
        double sum = 0;
        if (likelihood == Likelihood.BERNOULLI) {
            if (terms.length < size) {
                terms = new double[size];
            }
            final double[] term = terms;
            // The exp and log1p of every entry on all threads (each entry on its own); the sum stays one pass in
            // entry order, so its bits do not depend on the thread count. A batch that forEachRange would not split
            // is done here directly: the capturing lambda would be one allocation per step (TrainingStepAllocationTest).
            if (size < 2 * MIN_ENTRIES_PER_THREAD || Threads.count() == 1) {
                bernoulliTerms(a, t, scale, term, g, 0, size);
            } else {
                Threads.forEachRange(size, MIN_ENTRIES_PER_THREAD, (from, to) -> bernoulliTerms(a, t, scale, term, g,
                        from, to));
            }
            for (int i = 0; i < size; i++) {
                sum += term[i];
            }
            return sum;
        }
        double inv = 1 / decoderVariance;
        for (int i = 0; i < size; i++) {
            double r = a[i] - t[i];
            sum += r * r;
            g[i] = scale * inv * r;
        }
        return 0.5 * inv * sum + 0.5 * size * (LOG_2PI + Math.log(decoderVariance));
    }

    /**
     * Entries [from, to) of the Bernoulli terms: term = −log p(t|a) = max(a, 0) + log1p(e^{−|a|}) − t·a and
     * g = scale·(σ(a) − t). a, t: Not modified. term, g: Modified. Chunk by chunk (in the L1 cache): e^{−|a|} and g,
     * then the chunk's log1p in one {@link ArrayMath#log1p} call (vectorised), then the terms.
     */
    private static void bernoulliTerms(double[] a, double[] t, double scale, double[] term, double[] g, int from,
            int to) {
        for (int c = from; c < to; c += TERMS_CHUNK) {
            final int end = Math.min(to, c + TERMS_CHUNK);
            for (int i = c; i < end; i++) {
                double ai = a[i];
                double e = Math.exp(-Math.abs(ai));
                term[i] = e;
                double p = ai >= 0 ? 1 / (1 + e) : e / (1 + e);
                g[i] = scale * (p - t[i]);
            }
            ArrayMath.log1p(term, c, end, term);
            for (int i = c; i < end; i++) {
                double ai = a[i];
                term[i] = (ai > 0 ? ai : 0.0) + term[i] - t[i] * ai;
            }
        }
    }

    /** Entries per chunk of {@link #bernoulliTerms}: its four arrays' chunks (4 × 4 KB) stay in a 32 KB L1 cache. */
    private static final int TERMS_CHUNK = 512;

    /**
     * For a Bernoulli decoder, requires every entry of x in [0, 1]: \(-\log p(x|z)\) is a log-likelihood only there
     * (outside it the "loss" is unbounded below: pixels 0–255 drove it to −8.5·10⁶).
     */
    @Override
    public void requireValidInput(String name, DMatrixRMaj x) {
        ModelChecks.batch(name, x, d);
        if (likelihood == Likelihood.BERNOULLI) {
            ModelChecks.unitInterval(name, x, BERNOULLI_RANGE);
        }
    }

    /**
     * The checks of a training call, {@code ModelChecks.training} then {@link #requireValidInput}: when they all pass
     * (every training step) one pass over the batch decides it (entries in [0, 1] imply finite), instead of three
     * (finite, finite, range); otherwise the full checks run and throw their usual message.
     */
    private void checkTraining(DMatrixRMaj batch, Object noise, Gradients out) {
        boolean valid = batch != null && batch.numCols == d && batch.numRows >= 1 && noise != null && out != null
                && out.parameters() == parameters
                && (likelihood == Likelihood.BERNOULLI ? ModelChecks.inUnitInterval(batch) : ModelChecks.isFinite(batch));
        if (!valid) {
            ModelChecks.training(batch, d, noise, out, parameters);
            requireValidInput("batch", batch);
        }
    }

    /**
     * A step in float32 storage ({@link VaeFloatStorageStep}) when the products are {@link ProductPrecision#FLOAT32},
     * the optimizer {@linkplain Optimizer#supportsFloatStorage supports it}, free bits are off and every hidden layer
     * is ReLU (or there is none); otherwise the default step in double storage.
     */
    @Override
    public TrainingStep trainingStep(Optimizer optimizer, int maxBatch) {
        Require.notNull("optimizer", optimizer);
        Require.positive("maxBatch", maxBatch);
        if (precision != ProductPrecision.FLOAT32 || freeBits > 0 || !optimizer.supportsFloatStorage()
                || !VaeFloatStorageStep.supports(trunk) || !VaeFloatStorageStep.supports(decoder)) {
            return Autoencoder.super.trainingStep(optimizer, maxBatch);
        }
        return new VaeFloatStorageStep(this, optimizer);
    }

    /** The encoder's trunk (null without hidden layers). */
    Mlp trunk() {
        return trunk;
    }

    /** The μ head. */
    DenseLayer meanHead() {
        return meanHead;
    }

    /** The log σ² head. */
    DenseLayer logVarHead() {
        return logVarHead;
    }

    /** The decoder. */
    Mlp decoder() {
        return decoder;
    }

    /** Sets the metrics of the last training step (means per sample), for {@link VaeFloatStorageStep}. */
    void setLastMetrics(double nll, double kl) {
        this.lastNll = nll;
        this.lastKl = kl;
    }

    @Override
    public double lossAndGradients(DMatrixRMaj batch, RandomGenerator rng, Gradients out) {
        checkTraining(batch, rng, out);
        drawEpsilon(batch.numRows, rng);
        return lossAndGradientsWithEpsilon(batch, out);
    }

    /**
     * {@link #lossAndGradients(DMatrixRMaj, RandomGenerator, Gradients)} with an explicit ε (n×k) instead of draws:
     * z = μ + σ ⊙ ε. For comparisons with other implementations (e.g. PyTorch) and for exercises.
     *
     * @param epsilon n×k, finite. Not modified.
     */
    public double lossAndGradients(DMatrixRMaj batch, DMatrixRMaj epsilon, Gradients out) {
        checkTraining(batch, Require.notNull("epsilon", epsilon), out);
        setEpsilon(batch.numRows, epsilon);
        return lossAndGradientsWithEpsilon(batch, out);
    }

    private double lossAndGradientsWithEpsilon(DMatrixRMaj batch, Gradients out) {
        int n = batch.numRows;
        forward(batch, true);
        decoder.backward(gradLogits, out, gradZ);
        gradMu.reshape(n, k);
        gradLogVar.reshape(n, k);
        double klScale = beta / n;
        double[] gz = gradZ.data;
        double[] m = mu.data;
        double[] e = eps.data;
        double[] s = std.data;
        double[] gm = gradMu.data;
        double[] gv = gradLogVar.data;
        double[] lv = logVar.data;
        if (freeBits > 0) {
            // free bits: a dimension whose batch-mean KL is at most lambda contributes the constant lambda
            for (int i = 0; i < n * k; i++) {
                double scale = klPerDimBatch[i % k] > freeBits ? klScale : 0.0;
                gm[i] = gz[i] + scale * m[i];
                gv[i] = 0.5 * gz[i] * e[i] * s[i] + 0.5 * scale * Math.expm1(lv[i]);
            }
        } else {
            for (int i = 0; i < n * k; i++) {
                gm[i] = gz[i] + klScale * m[i];
                gv[i] = 0.5 * gz[i] * e[i] * s[i] + 0.5 * klScale * Math.expm1(lv[i]);
            }
        }
        DMatrixRMaj t = trunk == null ? batch : trunk.layerOutput(trunk.depth() - 1);
        meanHead.backward(t, gradMu, out.get(meanHead.weight()), out.get(meanHead.bias()),
                trunk == null ? null : gradTrunk);
        logVarHead.backward(t, gradLogVar, out.get(logVarHead.weight()), out.get(logVarHead.bias()),
                trunk == null ? null : gradTrunkFromLogVar);
        if (trunk != null) {
            double[] a = gradTrunk.data;
            double[] b = gradTrunkFromLogVar.data;
            int size = gradTrunk.getNumElements();
            for (int i = 0; i < size; i++) {
                a[i] += b[i];
            }
            trunk.backward(gradTrunk, out, null);
        }
        lastNll = sums[0] / n;
        lastKl = sums[1] / n;
        if (freeBits > 0) {
            double clamped = 0;
            for (int u = 0; u < k; u++) {
                clamped += Math.max(freeBits, klPerDimBatch[u]);
            }
            return lastNll + beta * clamped;
        }
        return lastNll + beta * lastKl;
    }

    @Override
    public List<String> metricNames() {
        return METRICS;
    }

    @Override
    public double lastMetric(int index) {
        Require.inRange("index", index, 0, 1);
        return index == 0 ? lastNll : lastKl;
    }

    /**
     * Single-sample estimate of the ELBO and its terms, means per sample (β not applied): {@code value =
     * reconstruction − kl} with reconstruction \(\approx \mathbb{E}_{q(z|x)}[\log p(x|z)]\) (one reparameterized z
     * per row of x) and kl = KL(q(z|x) ‖ N(0, I)) in closed form (Kingma &amp; Welling 2014, eq. 3 and eq. 10 with
     * L = 1). {@code samples} is 1 and {@code standardError} NaN (one draw per row). x: Not modified.
     * rng: Modified (n·k Gaussians, as in training).
     */
    public aelab.elbo.ElboEstimate elbo(DMatrixRMaj x, RandomGenerator rng) {
        requireValidInput("x", x);
        Require.notNull("rng", rng);
        drawEpsilon(x.numRows, rng);
        forward(x, false);
        int n = x.numRows;
        double logLik = -sums[0] / n;
        double kl = sums[1] / n;
        return new aelab.elbo.ElboEstimate(logLik - kl, logLik, kl, Double.NaN, 1);
    }

    /** KL(q(z_u|x) ‖ N(0,1)) per latent dimension u, averaged over the rows of x. x: Not modified. */
    public double[] klPerDimension(DMatrixRMaj x) {
        DMatrixRMaj m = encode(x);
        DMatrixRMaj lv = logVarHead.forward(trunkPredict(x), null);
        int n = x.numRows;
        double[] kl = new double[k];
        for (int r = 0; r < n; r++) {
            for (int u = 0; u < k; u++) {
                int i = r * k + u;
                kl[u] += 0.5 * (m.data[i] * m.data[i] + GaussianKl.expMinusOneMinusX(lv.data[i]));
            }
        }
        for (int u = 0; u < k; u++) {
            kl[u] /= n;
        }
        return kl;
    }

    /**
     * Activity of each latent unit, \(A_u = \mathrm{Cov}_x(\mu_u(x))\): the sample variance (divisor n − 1) of the
     * posterior mean over the rows of x (at least 2). x: Not modified.
     */
    public double[] activity(DMatrixRMaj x) {
        ModelChecks.batch("x", x, d);
        Require.atLeastRows("x", x, 2);
        DMatrixRMaj m = encode(x);
        int n = x.numRows;
        double[] mean = new double[k];
        for (int r = 0; r < n; r++) {
            for (int u = 0; u < k; u++) {
                mean[u] += m.data[r * k + u];
            }
        }
        double[] var = new double[k];
        for (int u = 0; u < k; u++) {
            mean[u] /= n;
        }
        for (int r = 0; r < n; r++) {
            for (int u = 0; u < k; u++) {
                double c = m.data[r * k + u] - mean[u];
                var[u] += c * c;
            }
        }
        for (int u = 0; u < k; u++) {
            var[u] /= n - 1;
        }
        return var;
    }

    /** Number of units with {@link #activity} &gt; threshold (Burda et al. 2016). threshold ≥ 0. */
    public int activeUnits(DMatrixRMaj x, double threshold) {
        Require.nonNegative("threshold", threshold);
        int count = 0;
        for (double a : activity(x)) {
            if (a > threshold) {
                count++;
            }
        }
        return count;
    }

    /** {@link #activeUnits(DMatrixRMaj, double)} with Burda et al.'s threshold 0.01. */
    public int activeUnits(DMatrixRMaj x) {
        return activeUnits(x, 0.01);
    }

    @Override
    public String toString() {
        return "Vae(" + (trunk == null ? "input " + d : trunk.toString()) + " -> " + k + " latent, " + likelihood
                + (likelihood == Likelihood.GAUSSIAN ? "(variance " + decoderVariance + ")" : "") + ", beta " + beta
                + (freeBits > 0 ? ", free bits " + freeBits : "") + "; " + decoder + ")";
    }
}
