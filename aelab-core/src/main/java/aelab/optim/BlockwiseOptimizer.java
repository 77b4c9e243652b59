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
            updateBlock(block.value().data, gradients.get(b).data, 0, block.size(), b);
        }
    }

    /**
     * The same update as {@link #step(Parameters, Gradients)}, entry for entry (the update of an entry depends only
     * on that entry's value, gradient and state), done chunk by chunk of {@value #CHUNK} entries: copy the chunk's
     * values to {@code previous}, update it, check it for NaN/∞, while it is in the L1 cache.
     */
    @Override
    public final boolean stepKeepingPrevious(Parameters parameters, Gradients gradients, double[][] previous) {
        state.bind(parameters, gradients, buffersPerBlock);
        Parameters.requireBuffersFor("previous", previous, parameters);
        beginStep(state.steps());
        boolean finite = true;
        for (int b = 0; b < parameters.size(); b++) {
            ParameterBlock block = parameters.get(b);
            double[] theta = block.value().data;
            double[] g = gradients.get(b).data;
            int n = block.size();
            for (int from = 0; from < n; from += CHUNK) {
                int to = Math.min(n, from + CHUNK);
                System.arraycopy(theta, from, previous[b], from, to - from);
                updateBlock(theta, g, from, to, b);
                finite &= Parameters.allFinite(theta, from, to);
            }
        }
        return finite;
    }

    /** Entries per chunk of {@link #stepKeepingPrevious}: 3 arrays of it (values, copy, gradient) fit in L1. */
    static final int CHUNK = 512;

    /** Prepares the constants of step t (t = 1 on the first step). */
    abstract void beginStep(long t);

    /**
     * Updates entries [from, to) of one block in place.
     *
     * @param theta the block's values, Modified
     * @param g     its gradient, Not modified
     * @param from  first entry
     * @param to    one past the last entry
     * @param block the block index, for {@link #buffer(int, int)}
     */
    abstract void updateBlock(double[] theta, double[] g, int from, int to, int block);

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
