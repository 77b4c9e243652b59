package aelab.optim;

import aelab.core.Require;
import aelab.linalg.Threads;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The part every optimizer here shares: the learning rate η, the state bound to one {@link Parameters} collection
 * ({@link OptimizerState}), and the step loop — bind and count the step, let the subclass prepare the step-t
 * constants, then update each block in place, \(\theta_b \leftarrow \theta_b - \eta\,u_{t,b}\) (update rule of the
 * subclass, sign convention in {@link aelab.optim}). Allocates nothing after the first step, except the hand-off of
 * large blocks to other threads ({@link #stepKeepingPrevious}).
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
            final int block = b;
            final double[] theta = parameters.get(b).value().data;
            final double[] g = gradients.get(b).data;
            final double[] copy = previous[b];
            final int n = parameters.get(b).size();
            if (n < 2 * MIN_ENTRIES_PER_THREAD) {
                finite &= chunks(theta, g, copy, 0, n, block);
                continue;
            }
            // Large blocks (a 784×400 weight) are cut into ranges across threads: every entry gets the same update
            // whatever the cut, so the bits do not depend on the thread count.
            final AtomicBoolean allFinite = new AtomicBoolean(true);
            Threads.forEachRange(n, MIN_ENTRIES_PER_THREAD, (from, to) -> {
                if (!chunks(theta, g, copy, from, to, block)) {
                    allFinite.set(false);
                }
            });
            finite &= allFinite.get();
        }
        return finite;
    }

    /** Entries [from, to) of one block, chunk by chunk: copy to {@code previous}, update, check. */
    private boolean chunks(double[] theta, double[] g, double[] previous, int from, int to, int block) {
        boolean finite = true;
        for (int c = from; c < to; c += CHUNK) {
            int end = Math.min(to, c + CHUNK);
            System.arraycopy(theta, c, previous, c, end - c);
            updateBlock(theta, g, c, end, block);
            finite &= Parameters.allFinite(theta, c, end);
        }
        return finite;
    }

    /** Fewest entries of a block worth handing to another thread (about 0.1 ms of Adam). */
    static final int MIN_ENTRIES_PER_THREAD = 65_536;

    /**
     * Entries per chunk of {@link #stepKeepingPrevious}: the chunk of every array it touches (values, copy, gradient,
     * Adam's two moments: 5 × 4 KB) fits in a 32 KB L1 data cache.
     */
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
