package aelab.optim;

import aelab.core.Require;
import aelab.linalg.Threads;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The part every optimizer here shares: the learning rate η, the state bound to one {@link Parameters} collection
 * ({@link OptimizerState}), and the step loop — bind and count the step, let the subclass prepare the step-t
 * constants, then update each block in place, \(\theta_b \leftarrow \theta_b - \eta\,u_{t,b}\) (update rule of the
 * subclass, sign convention in {@link aelab.optim}). Allocates nothing after the first step, except the hand-off of
 * large blocks to other threads ({@link #stepKeepingPrevious}). The same loop runs on float storage
 * ({@link #stepKeepingPrevious(Parameters, float[][], float[][], float[][])}), with float state and each subclass's
 * float update.
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
            // Large blocks (a 784×400 weight) are cut into ranges across threads (the lambda is made only for them).
            finite &= n < 2 * MIN_ENTRIES_PER_THREAD ? chunks(theta, g, copy, 0, n, block)
                    : onThreads(n, (from, to) -> chunks(theta, g, copy, from, to, block));
        }
        return finite;
    }

    /** Chunks of one range of a block; whether every updated value is finite. */
    @FunctionalInterface
    private interface RangeUpdate {
        boolean run(int from, int to);
    }

    /**
     * Runs {@code update} over [0, n) cut into ranges across threads ({@link Threads#forEachRange}): every entry gets
     * the same update whatever the cut, so the bits do not depend on the thread count. Whether every range was finite.
     */
    private static boolean onThreads(int n, RangeUpdate update) {
        AtomicBoolean allFinite = new AtomicBoolean(true);
        Threads.forEachRange(n, MIN_ENTRIES_PER_THREAD, (from, to) -> {
            if (!update.run(from, to)) {
                allFinite.set(false);
            }
        });
        return allFinite.get();
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

    /** True when the hyper-parameters round to positive, finite floats ({@link #floatHyperParametersProblem()}). */
    @Override
    public final boolean supportsFloatStorage() {
        return floatHyperParametersProblem() == null;
    }

    /**
     * The float twin of {@link #stepKeepingPrevious(Parameters, Gradients, double[][])}: the same structure (chunk by
     * chunk of {@value #CHUNK} entries: copy to {@code previous}, update, check for NaN/∞; blocks of at least
     * 2·{@value #MIN_ENTRIES_PER_THREAD} entries cut into ranges across threads), with the subclass's float update
     * and float state. Every entry's update is independent of the others, so the bits do not depend on the thread
     * count. Arguments are checked before the step is counted.
     *
     * @throws IllegalArgumentException for a null or wrongly sized argument, or {@code previous[b]} being
     *                                  {@code values[b]}, or another model's parameters
     * @throws UnsupportedOperationException when {@link #supportsFloatStorage()} is false
     */
    @Override
    public final boolean stepKeepingPrevious(Parameters parameters, float[][] values, float[][] gradients,
            float[][] previous) {
        Require.notNull("parameters", parameters);
        Parameters.requireBuffersFor("values", values, parameters);
        Parameters.requireBuffersFor("gradients", gradients, parameters);
        Parameters.requireBuffersFor("previous", previous, parameters);
        for (int b = 0; b < previous.length; b++) {
            if (previous[b] == values[b]) {
                throw new IllegalArgumentException("previous[" + b + "] must not be values[" + b
                        + "], got the same array");
            }
        }
        String problem = floatHyperParametersProblem();
        if (problem != null) {
            throw new UnsupportedOperationException(this + " cannot step on float storage: " + problem);
        }
        state.bindFloat(parameters, buffersPerBlock);
        beginStep(state.steps());
        boolean finite = true;
        for (int b = 0; b < parameters.size(); b++) {
            final int block = b;
            final float[] theta = values[b];
            final float[] g = gradients[b];
            final float[] copy = previous[b];
            final int n = parameters.get(b).size();
            finite &= n < 2 * MIN_ENTRIES_PER_THREAD ? chunks(theta, g, copy, 0, n, block)
                    : onThreads(n, (from, to) -> chunks(theta, g, copy, from, to, block));
        }
        return finite;
    }

    /** Float twin of {@link #chunks(double[], double[], double[], int, int, int)}. */
    private boolean chunks(float[] theta, float[] g, float[] previous, int from, int to, int block) {
        boolean finite = true;
        for (int c = from; c < to; c += CHUNK) {
            int end = Math.min(to, c + CHUNK);
            System.arraycopy(theta, c, previous, c, end - c);
            updateBlock(theta, g, c, end, block);
            finite &= Parameters.allFinite(theta, c, end);
        }
        return finite;
    }

    /**
     * Null when every hyper-parameter rounds to a positive, finite float (the float step uses the rounded values),
     * else which one does not. This class checks η; subclasses add theirs.
     */
    String floatHyperParametersProblem() {
        return positiveFloatProblem("learningRate", learningRate);
    }

    /** Null when (float) x is positive and finite, else a message naming x. */
    static String positiveFloatProblem(String name, double x) {
        float f = (float) x;
        return f > 0 && f < Float.POSITIVE_INFINITY ? null
                : name + " " + x + " rounds to " + f + " in float, not a positive finite float";
    }

    /** Fewest entries of a block worth handing to another thread (about 0.1 ms of Adam). */
    static final int MIN_ENTRIES_PER_THREAD = 65_536;

    /**
     * Entries per chunk of {@link #stepKeepingPrevious}: the chunk of every array it touches (values, copy, gradient,
     * Adam's two moments: 5 × 4 KB) fits in a 32 KB L1 data cache.
     */
    static final int CHUNK = 512;

    /** Prepares the constants of step t (t = 1 on the first step), for the double and the float update. */
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

    /** The float twin of {@link #updateBlock(double[], double[], int, int, int)}: float arithmetic, float state. */
    abstract void updateBlock(float[] theta, float[] g, int from, int to, int block);

    /** Float state array {@code kind} of block {@code block} (float storage). */
    final float[] floatBuffer(int kind, int block) {
        return state.floatBuffer(kind, block);
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
