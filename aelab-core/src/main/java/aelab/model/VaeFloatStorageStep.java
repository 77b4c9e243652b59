package aelab.model;

import aelab.core.Require;
import aelab.core.Rng;
import aelab.gaussian.GaussianKl;
import aelab.linalg.FloatMath;
import aelab.linalg.Gemm;
import aelab.linalg.Threads;
import aelab.nn.Activation;
import aelab.nn.DenseLayer;
import aelab.nn.FloatRowOps;
import aelab.nn.Mlp;
import aelab.optim.Optimizer;
import aelab.optim.ParameterBlock;
import aelab.optim.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * {@link Vae}'s training step in float32 storage ({@link TrainingStep}): the same objective, forward pass and
 * backward pass as {@link Vae#lossAndGradients} (see {@link Vae} for the equations), with every parameter,
 * activation and gradient a float array and the products float chains on float operands
 * ({@link Gemm#multAdd(FMatrixRMaj, FMatrixRMaj, FMatrixRMaj)} and its forms: each layer's output starts as its bias
 * rows and the product is accumulated onto them). The Bernoulli terms
 * \(\max(a, 0) + \log(1 + e^{-|a|}) - x a\) and their gradient \((\sigma(a) - x)/n\) are float, with
 * {@link FloatMath#exp} and {@link FloatMath#log1p} (vectorised, the same bits compiled or not); the loss, the KL
 * and the reparameterization's \(e^{t/2}\) are computed in double from the float values and rounded once where they
 * are stored. Sums over entries run in entry order, and every other entry is computed on its own, so the result does
 * not depend on the thread count. The optimizer updates the float copies
 * ({@link Optimizer#stepKeepingPrevious(Parameters, float[][], float[][], float[][])}).
 *
 * <p>Supported: ReLU (or no) hidden layers, both likelihoods, any β ({@link Vae#setBeta} is read every step); free
 * bits train in double storage ({@link Vae#trainingStep} returns the double-storage step then).
 */
final class VaeFloatStorageStep implements TrainingStep {
    /** Fewest decoder outputs worth handing to another thread (as {@link Vae}'s double Bernoulli terms). */
    private static final int MIN_ENTRIES_PER_THREAD = 16_384;
    /** Entries per chunk of the Bernoulli terms (their arrays' chunks stay in the L1 cache). */
    private static final int TERMS_CHUNK = 512;

    private final Vae vae;
    private final Optimizer optimizer;
    private final Parameters parameters;
    private final FMatrixRMaj[] values;
    private final float[][] valueData;
    private final float[][] gradientData;
    private final float[][] previous;
    private final FMatrixRMaj[] gradients;
    private final List<Layer> trunk;
    private final Layer meanHead;
    private final Layer logVarHead;
    private final List<Layer> decoder;

    private final FMatrixRMaj x = new FMatrixRMaj(1, 1);
    private final DMatrixRMaj epsilonDraws = new DMatrixRMaj(1, 1);
    private final FMatrixRMaj epsilon = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj std = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj z = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj gradZ = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj gradTrunkOutput = new FMatrixRMaj(1, 1);
    private float[] terms = new float[0];
    /** The Bernoulli terms of a range of entries, for {@link Threads#forEachRange} (one object, no per-step lambda). */
    private final Threads.RangeTask bernoulliTask = this::bernoulliTerms;
    private float termScale;

    /** One affine layer's float copies and buffers: out = act(in·W + b), grad = ∂L/∂out (then ∂L/∂(in·W + b)). */
    private static final class Layer {
        final int weight;
        final int bias;
        final boolean relu;
        final FMatrixRMaj out = new FMatrixRMaj(1, 1);
        final FMatrixRMaj grad = new FMatrixRMaj(1, 1);
        FMatrixRMaj in;

        Layer(int weight, int bias, boolean relu) {
            this.weight = weight;
            this.bias = bias;
            this.relu = relu;
        }
    }

    VaeFloatStorageStep(Vae vae, Optimizer optimizer) {
        this.vae = vae;
        this.optimizer = optimizer;
        this.parameters = vae.parameters();
        int blocks = parameters.size();
        values = new FMatrixRMaj[blocks];
        gradients = new FMatrixRMaj[blocks];
        valueData = new float[blocks][];
        gradientData = new float[blocks][];
        previous = new float[blocks][];
        for (int b = 0; b < blocks; b++) {
            ParameterBlock block = parameters.get(b);
            values[b] = new FMatrixRMaj(block.rows(), block.cols());
            gradients[b] = new FMatrixRMaj(block.rows(), block.cols());
            valueData[b] = values[b].data;
            gradientData[b] = gradients[b].data;
            previous[b] = new float[block.size()];
        }
        trunk = layers(vae.trunk());
        meanHead = layer(vae.meanHead(), Activation.IDENTITY);
        logVarHead = layer(vae.logVarHead(), Activation.IDENTITY);
        decoder = layers(vae.decoder());
    }

    /** Whether every layer of m (none when null) is ReLU or identity. */
    static boolean supports(Mlp m) {
        if (m == null) {
            return true;
        }
        for (int l = 0; l < m.depth(); l++) {
            Activation a = m.activation(l);
            if (a != Activation.RELU && a != Activation.IDENTITY) {
                return false;
            }
        }
        return true;
    }

    private List<Layer> layers(Mlp m) {
        List<Layer> list = new ArrayList<>();
        if (m != null) {
            for (int l = 0; l < m.depth(); l++) {
                list.add(layer(m.layer(l), m.activation(l)));
            }
        }
        return list;
    }

    private Layer layer(DenseLayer layer, Activation activation) {
        return new Layer(parameters.indexOf(layer.weight()),
                layer.bias() == null ? -1 : parameters.indexOf(layer.bias()), activation == Activation.RELU);
    }

    @Override
    public void load() {
        for (int b = 0; b < values.length; b++) {
            double[] v = parameters.get(b).value().data;
            float[] f = valueData[b];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) v[i];
            }
        }
    }

    @Override
    public void store() {
        for (int b = 0; b < values.length; b++) {
            double[] v = parameters.get(b).value().data;
            float[] f = valueData[b];
            for (int i = 0; i < f.length; i++) {
                v[i] = f[i];
            }
        }
    }

    /** out = act(in·W + b) for the n rows of in. */
    private void forward(Layer layer, FMatrixRMaj in) {
        layer.in = in;
        FMatrixRMaj w = values[layer.weight];
        layer.out.reshape(in.numRows, w.numCols);
        if (layer.bias >= 0) {
            FloatRowOps.fillRows(layer.out, values[layer.bias]);
            Gemm.multAdd(in, w, layer.out);
        } else {
            Gemm.mult(in, w, layer.out);
        }
        if (layer.relu) {
            FloatRowOps.reluEquals(layer.out);
        }
    }

    /**
     * From layer.grad = ∂L/∂out: the gradients of W and b, and gradIn = ∂L/∂in (skipped when null). layer.grad is
     * overwritten by ∂L/∂(in·W + b).
     */
    private void backward(Layer layer, FMatrixRMaj gradIn) {
        if (layer.relu) {
            FloatRowOps.reluBackwardEquals(layer.grad, layer.out);
        }
        Gemm.multTransA(layer.in, layer.grad, gradients[layer.weight]);
        if (layer.bias >= 0) {
            FloatRowOps.columnSums(layer.grad, gradients[layer.bias]);
        }
        if (gradIn != null) {
            Gemm.multTransB(layer.grad, values[layer.weight], gradIn);
        }
    }

    /** The MLP's layers in order from in; returns the last output. */
    private FMatrixRMaj forwardAll(List<Layer> layers, FMatrixRMaj in) {
        FMatrixRMaj h = in;
        for (Layer layer : layers) {
            forward(layer, h);
            h = layer.out;
        }
        return h;
    }

    /** Backward through the MLP's layers from the last one's grad; gradIn: ∂L/∂(first input), or null. */
    private void backwardAll(List<Layer> layers, FMatrixRMaj gradIn) {
        for (int l = layers.size() - 1; l >= 0; l--) {
            backward(layers.get(l), l > 0 ? layers.get(l - 1).grad : gradIn);
        }
    }

    @Override
    public double lossAndGradients(DMatrixRMaj data, int[] order, int from, int to, RandomGenerator rng) {
        Require.cols("data", data, vae.inputDim());
        Require.notNull("rng", rng);
        final int n = to - from;
        final int d = data.numCols;
        final int k = vae.latentDim();
        // the batch's rows, gathered from data and rounded to float in one pass (no double copy of the batch)
        x.reshape(n, d);
        final float[] xd = x.data;
        for (int r = 0; r < n; r++) {
            final int src = order[from + r] * d;
            final int dst = r * d;
            for (int j = 0; j < d; j++) {
                xd[dst + j] = (float) data.data[src + j];
            }
        }
        epsilonDraws.reshape(n, k);
        Rng.standardNormal(epsilonDraws, rng);
        epsilon.reshape(n, k);
        toFloat(epsilonDraws.data, epsilon.data, n * k);

        // encoder, reparameterization and KL
        FMatrixRMaj t = forwardAll(trunk, x);
        forward(meanHead, t);
        forward(logVarHead, t);
        final float[] m = meanHead.out.data;
        final float[] lv = logVarHead.out.data;
        final float[] e = epsilon.data;
        std.reshape(n, k);
        z.reshape(n, k);
        final float[] s = std.data;
        final float[] zd = z.data;
        double kl = 0;
        for (int i = 0; i < n * k; i++) {
            s[i] = (float) Math.exp(0.5 * lv[i]);
            zd[i] = m[i] + s[i] * e[i];
            kl += (double) m[i] * m[i] + GaussianKl.expMinusOneMinusX(lv[i]);
        }
        kl *= 0.5;

        // decoder and likelihood: the last decoder layer's grad is ∂L/∂logits
        FMatrixRMaj logits = forwardAll(decoder, z);
        Layer last = decoder.get(decoder.size() - 1);
        last.grad.reshape(n, d);
        double nll = negativeLogLikelihood(logits, n * d, 1.0 / n);

        // backward: decoder, then the heads' gradients from ∂L/∂z, the KL and β
        gradZ.reshape(n, k);
        backwardAll(decoder, gradZ);
        final double beta = vae.beta();
        final double klScale = beta / n;
        meanHead.grad.reshape(n, k);
        logVarHead.grad.reshape(n, k);
        final float[] gz = gradZ.data;
        final float[] gm = meanHead.grad.data;
        final float[] gv = logVarHead.grad.data;
        for (int i = 0; i < n * k; i++) {
            gm[i] = (float) (gz[i] + klScale * m[i]);
            gv[i] = (float) (0.5 * gz[i] * e[i] * s[i] + 0.5 * klScale * Math.expm1(lv[i]));
        }
        if (trunk.isEmpty()) {
            backward(meanHead, null);
            backward(logVarHead, null);
        } else {
            Layer top = trunk.get(trunk.size() - 1);
            top.grad.reshape(n, top.out.numCols);
            backward(meanHead, top.grad);
            backward(logVarHead, gradTrunkOutput);
            float[] a = top.grad.data;
            float[] b = gradTrunkOutput.data;
            for (int i = 0; i < n * top.out.numCols; i++) {
                a[i] += b[i];
            }
            backwardAll(trunk, null);
        }
        double meanNll = nll / n;
        double meanKl = kl / n;
        vae.setLastMetrics(meanNll, meanKl);
        return meanNll + beta * meanKl;
    }

    /** −Σ log p(x|a) over all entries, in entry order; the last decoder layer's grad = scale·∂/∂a. */
    private double negativeLogLikelihood(FMatrixRMaj logits, int size, double scale) {
        final float[] a = logits.data;
        final float[] t = x.data;
        final float[] g = decoder.get(decoder.size() - 1).grad.data;
        double sum = 0;
        if (vae.likelihood() == Vae.Likelihood.BERNOULLI) {
            if (terms.length < size) {
                terms = new float[size];
            }
            termScale = (float) scale;
            if (size < 2 * MIN_ENTRIES_PER_THREAD || Threads.count() == 1) {
                bernoulliTerms(0, size);
            } else {
                Threads.forEachRange(size, MIN_ENTRIES_PER_THREAD, bernoulliTask);
            }
            final float[] term = terms;
            for (int i = 0; i < size; i++) {
                sum += term[i];
            }
            return sum;
        }
        final double variance = vae.decoderVariance();
        final double inv = 1 / variance;
        for (int i = 0; i < size; i++) {
            double r = (double) a[i] - t[i];
            sum += r * r;
            g[i] = (float) (scale * inv * r);
        }
        return 0.5 * inv * sum + 0.5 * size * (Math.log(2 * Math.PI) + Math.log(variance));
    }

    /**
     * Entries [from, to) of the Bernoulli terms, chunk by chunk in the L1 cache: e = exp(−|a|), the gradient
     * scale·(σ(a) − x) with σ(a) = 1/(1 + e) for a ≥ 0 and e/(1 + e) otherwise, then log1p(e) and the term
     * max(a, 0) + log1p(e) − x·a, all in float.
     */
    private void bernoulliTerms(int from, int to) {
        final float[] a = decoder.get(decoder.size() - 1).out.data;
        final float[] t = x.data;
        final float[] g = decoder.get(decoder.size() - 1).grad.data;
        final float[] term = terms;
        final float scale = termScale;
        for (int c = from; c < to; c += TERMS_CHUNK) {
            final int end = Math.min(to, c + TERMS_CHUNK);
            for (int i = c; i < end; i++) {
                term[i] = -Math.abs(a[i]);
            }
            FloatMath.exp(term, c, end, term);
            for (int i = c; i < end; i++) {
                float ei = term[i];
                float onePlus = 1f + ei;
                float p = a[i] >= 0 ? 1f / onePlus : ei / onePlus;
                g[i] = scale * (p - t[i]);
            }
            FloatMath.log1p(term, c, end, term);
            for (int i = c; i < end; i++) {
                float ai = a[i];
                term[i] = (ai > 0 ? ai : 0f) + term[i] - t[i] * ai;
            }
        }
    }

    private static void toFloat(double[] from, float[] to, int size) {
        for (int i = 0; i < size; i++) {
            to[i] = (float) from[i];
        }
    }

    /** The float gradient of parameter block b of the last {@link #lossAndGradients} (for tests). */
    FMatrixRMaj gradient(int b) {
        return gradients[b];
    }

    @Override
    public String firstNonFiniteGradient() {
        return firstNonFinite(gradients);
    }

    @Override
    public boolean step() {
        return optimizer.stepKeepingPrevious(parameters, valueData, gradientData, previous);
    }

    @Override
    public String firstNonFiniteParameter() {
        return firstNonFinite(values);
    }

    @Override
    public void restorePrevious() {
        for (int b = 0; b < values.length; b++) {
            System.arraycopy(previous[b], 0, valueData[b], 0, valueData[b].length);
        }
    }

    /** Name and (row,col) of the first NaN/∞ entry of the arrays (one per block), or null. */
    private String firstNonFinite(FMatrixRMaj[] arrays) {
        for (int b = 0; b < arrays.length; b++) {
            float[] v = arrays[b].data;
            int cols = arrays[b].numCols;
            if (Parameters.allFinite(v, 0, arrays[b].getNumElements())) {
                continue; // one vectorised pass; the entry is looked for only in a block that has one
            }
            for (int i = 0; i < arrays[b].getNumElements(); i++) {
                if (!Float.isFinite(v[i])) {
                    return parameters.get(b).name() + " (" + (i / cols) + "," + (i % cols) + ") = " + v[i];
                }
            }
        }
        return null;
    }
}
