package aelab.optim;

/**
 * A first-order optimizer: one in-place update \(\theta \leftarrow \theta - \eta\,u_t(g_1, \dots, g_t)\) per
 * step, with the gradients g in the sign convention of the package description ({@link aelab.optim}); u is the
 * raw gradient for SGD, the momentum buffer for SGD with momentum, the bias-corrected moment ratio for Adam.
 * Call order per training step: the model overwrites {@link Gradients}, then {@link #step(Parameters, Gradients)}.
 *
 * <p>State (momentum buffers, moments, step count) is allocated on the first step and bound to that
 * {@link Parameters} object; stepping a different collection throws. {@link #copy()} returns an optimizer with the
 * same hyper-parameters and fresh, empty state (e.g. one per model in a comparison).
 */
public interface Optimizer {
    /**
     * One update. parameters: Modified (values). gradients: Not modified; must come from
     * {@code Gradients.zerosLike(parameters)}.
     */
    void step(Parameters parameters, Gradients gradients);

    /**
     * {@link #step(Parameters, Gradients)}, keeping the values it overwrites, and telling whether every value after
     * it is finite: the training loop's divergence check, which restores {@code previous} when the answer is false.
     * The result is that of {@code step} bit for bit. The default copies every block, steps, then scans the values;
     * the optimizers of this package copy, update and check each block chunk by chunk, while the chunk is in cache
     * (one pass over the parameters instead of three; measured on the 784-400-20 VAE's 650,000 parameters).
     *
     * @param previous Modified: {@code previous[b]} receives block b's values before the step (length at least the
     *                 block's size; one array per block)
     * @return whether every parameter value is finite after the step
     */
    default boolean stepKeepingPrevious(Parameters parameters, Gradients gradients, double[][] previous) {
        Parameters.requireBuffersFor("previous", previous, parameters);
        for (int b = 0; b < parameters.size(); b++) {
            double[] values = parameters.get(b).value().data;
            System.arraycopy(values, 0, previous[b], 0, parameters.get(b).size());
        }
        step(parameters, gradients);
        for (int b = 0; b < parameters.size(); b++) {
            if (!Parameters.allFinite(parameters.get(b).value().data, 0, parameters.get(b).size())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@link #stepKeepingPrevious(Parameters, float[][], float[][], float[][])} is implemented: the step on
     * float storage (parameters, gradients and state as float arrays, as in PyTorch's float32 training). False by
     * default.
     */
    default boolean supportsFloatStorage() {
        return false;
    }

    /**
     * The update of {@link #stepKeepingPrevious(Parameters, Gradients, double[][])} on float storage, in float
     * arithmetic with float state (the formulas are in the implementing classes): {@code values[b]} is block b's value
     * and is updated in place, {@code gradients[b]} its gradient, {@code previous[b]} receives the values before the
     * step. {@code parameters} identifies the model (the state's binding, the number and sizes of the blocks); its
     * {@code DMatrixRMaj} values are neither read nor written. The step count is shared with the double step; the
     * float state is separate from the double state, so a run uses one kind of step.
     *
     * <p>The default throws {@link UnsupportedOperationException}: see {@link #supportsFloatStorage()}.
     *
     * @param parameters the model's parameters, Not modified
     * @param values     Modified: one array per block, each at least as long as its block
     * @param gradients  Not modified: one array per block, each at least as long as its block
     * @param previous   Modified: one array per block, each at least as long as its block, not the block's values
     * @return whether every updated value is finite
     */
    default boolean stepKeepingPrevious(Parameters parameters, float[][] values, float[][] gradients,
            float[][] previous) {
        throw new UnsupportedOperationException(getClass().getName() + " has no step on float storage"
                + " (supportsFloatStorage() is false)");
    }

    /** A new optimizer with the same hyper-parameters and fresh state. */
    Optimizer copy();

    /** Number of steps taken so far. */
    long steps();

    /** The learning rate η. */
    double learningRate();
}
