package aelab.optim;

import aelab.core.Require;

/**
 * The part every optimizer here shares: the learning rate η, the state bound to one {@link Parameters} collection
 * ({@link OptimizerState}), and the step loop — bind and count the step, let the subclass prepare the step-t
 * constants, then update each block in place, \(\theta_b \leftarrow \theta_b - \eta\,u_{t,b}\) (update rule of the
 * subclass, sign convention in {@link aelab.optim}). Allocates nothing after the first step.
 */
abstract class BlockwiseOptimizer implements Optimizer {
    private final double learningRate;
    private final int buffersPerBlock;
    private final OptimizerState state = new OptimizerState();

    /**
     * @param learningRate    η &gt; 0, finite
     * @param buffersPerBlock state arrays per block (0 for plain SGD, 1 for momentum, 2 for Adam's moments)
     */
    BlockwiseOptimizer(double learningRate, int buffersPerBlock) {
        this.learningRate = Require.positive("learningRate", learningRate);
        this.buffersPerBlock = buffersPerBlock;
    }

    @Override
    public final void step(Parameters parameters, Gradients gradients) {
        state.bind(parameters, gradients, buffersPerBlock);
        beginStep(state.steps());
        for (int b = 0; b < parameters.size(); b++) {
            ParameterBlock block = parameters.get(b);
            updateBlock(block.value().data, gradients.get(b).data, block.size(), b);
        }
    }

    /** Prepares the constants of step t (t = 1 on the first step). */
    abstract void beginStep(long t);

    /**
     * Updates one block in place.
     *
     * @param theta the block's values, Modified
     * @param g     its gradient, Not modified
     * @param n     number of entries
     * @param block the block index, for {@link #buffer(int, int)}
     */
    abstract void updateBlock(double[] theta, double[] g, int n, int block);

    /** State array {@code kind} (0 ≤ kind &lt; buffersPerBlock) of block {@code block}. */
    final double[] buffer(int kind, int block) {
        return state.buffer(kind, block);
    }

    @Override
    public final long steps() {
        return state.steps();
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }
}
