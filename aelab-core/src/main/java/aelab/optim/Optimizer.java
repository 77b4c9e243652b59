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

    /** A new optimizer with the same hyper-parameters and fresh state. */
    Optimizer copy();

    /** Number of steps taken so far. */
    long steps();

    /** The learning rate η. */
    double learningRate();
}
