package aelab.model;

import aelab.optim.Gradients;
import aelab.optim.Optimizer;
import aelab.optim.Parameters;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * An autoencoder \(x \mapsto z = e(x) \mapsto \hat x = d(z)\) with trainable {@link Parameters}. Rows of every matrix
 * are samples. Implementations hold workspaces and are not thread-safe; the evaluation methods ({@link #encode},
 * {@link #decode}, {@link #reconstruct}, {@link #loss}) return new matrices and may allocate.
 *
 * <p>Training hook: {@link #lossAndGradients} returns the batch loss \(L = \frac1n\sum_i \ell(x_i)\) (mean over
 * samples of a loss summed over features; see {@link aelab.model}) and overwrites {@code out} with ∂L/∂θ (sign
 * convention in {@link aelab.optim}). Goodfellow, Bengio &amp; Courville, <i>Deep Learning</i> (2016), ch. 14.
 */
public interface Autoencoder {
    /** Width d of an input row. */
    int inputDim();

    /** Width k of a code row. */
    int latentDim();

    /** The trainable parameters (live values). */
    Parameters parameters();

    /** Codes z (n×k) for inputs x (n×d; Not modified). For a VAE, the posterior mean μ(x). */
    DMatrixRMaj encode(DMatrixRMaj x);

    /** Reconstructions (n×d) for codes z (n×k; Not modified). For a VAE, the decoder mean. */
    DMatrixRMaj decode(DMatrixRMaj z);

    /** decode(encode(x)), deterministic (no corruption, no sampling). x: Not modified. */
    default DMatrixRMaj reconstruct(DMatrixRMaj x) {
        return decode(encode(x));
    }

    /**
     * The batch loss L (mean per sample) and its gradient.
     *
     * @param batch n×d, finite. Not modified.
     * @param rng   source of the model's noise (corruption, ε); unused by deterministic models. Modified.
     * @param out   {@code Gradients.zerosLike(parameters())}. Modified: every block overwritten with ∂L/∂θ.
     * @return L
     */
    double lossAndGradients(DMatrixRMaj batch, RandomGenerator rng, Gradients out);

    /** The batch loss L alone, with the same noise draws as {@link #lossAndGradients} for the same rng state. */
    default double loss(DMatrixRMaj batch, RandomGenerator rng) {
        return lossAndGradients(batch, rng, Gradients.zerosLike(parameters()));
    }

    /**
     * Rejects inputs that the model's loss is not defined for, beyond the n×d shape and finiteness that every model
     * requires: e.g. entries outside [0, 1] for a Bernoulli decoder. The default accepts every finite input.
     * {@link aelab.train.Trainer} calls it on the whole data set before training, so the message names the row of
     * the data rather than of a batch.
     *
     * @param name the argument's name for the message. x: Not modified.
     * @throws IllegalArgumentException naming {@code name}, the allowed range, the value and its (row,col)
     */
    default void requireValidInput(String name, DMatrixRMaj x) {
    }

    /**
     * Names of extra per-batch metrics reported by the last {@link #lossAndGradients} call (e.g.
     * {@code reconstruction}, {@code kl}), each a mean per sample. Empty by default.
     */
    default List<String> metricNames() {
        return List.of();
    }

    /** Value of metric {@code index} of {@link #metricNames()} from the last {@link #lossAndGradients} call. */
    default double lastMetric(int index) {
        throw new IllegalArgumentException("index must be in [0, " + (metricNames().size() - 1) + "], got " + index);
    }

    /**
     * A training run's step for this model with this optimizer ({@link TrainingStep}), for batches of at most
     * maxBatch rows, used by {@link aelab.train.Trainer}; each call makes a new step. The default trains on the
     * parameter blocks in double: {@link #lossAndGradients} on the gathered batch, then
     * {@link Optimizer#stepKeepingPrevious(aelab.optim.Parameters, Gradients, double[][])}. {@link Vae} returns a step
     * in float32 storage when its products are {@link aelab.linalg.ProductPrecision#FLOAT32}.
     *
     * @param optimizer the optimizer of the run. Not modified here (the step updates its state).
     * @param maxBatch  the most rows of a batch, at least 1
     */
    default TrainingStep trainingStep(Optimizer optimizer, int maxBatch) {
        return new DoubleStorageStep(this, optimizer, maxBatch);
    }
}
