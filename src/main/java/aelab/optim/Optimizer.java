package aelab.optim;

/**
 * A first-order optimizer. Call order per training step: the model overwrites {@link Gradients} with
 * \(\partial L/\partial\theta\) of the loss being minimised, then {@link #step(Parameters, Gradients)} moves every
 * parameter against its gradient, in place.
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
