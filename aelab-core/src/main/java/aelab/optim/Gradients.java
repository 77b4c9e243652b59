package aelab.optim;

import aelab.core.Require;
import aelab.linalg.Threads;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ejml.data.DMatrixRMaj;

/**
 * One gradient matrix per {@link ParameterBlock} of a {@link Parameters} collection, same order and shapes.
 * Entry {@code i} holds \(\partial L/\partial\theta_i\) of the quantity being minimised (see the package
 * description for the sign convention). Allocated once and reused for every step.
 */
public final class Gradients {
    private final Parameters parameters;
    private final DMatrixRMaj[] values;

    private Gradients(Parameters parameters) {
        this.parameters = parameters;
        this.values = new DMatrixRMaj[parameters.size()];
        for (int i = 0; i < values.length; i++) {
            ParameterBlock b = parameters.get(i);
            values[i] = new DMatrixRMaj(b.rows(), b.cols());
        }
    }

    /** Zero gradients shaped like {@code parameters}. */
    public static Gradients zerosLike(Parameters parameters) {
        return new Gradients(Require.notNull("parameters", parameters));
    }

    /** The parameters these gradients belong to. */
    public Parameters parameters() {
        return parameters;
    }

    /** Number of blocks. */
    public int size() {
        return values.length;
    }

    /** Gradient of block {@code i}. Modified by models, read by optimizers. */
    public DMatrixRMaj get(int i) {
        Require.inRange("block index", i, 0, values.length - 1);
        return values[i];
    }

    /** Gradient of {@code block} (found by identity); throws if the block is not in {@link #parameters()}. */
    public DMatrixRMaj get(ParameterBlock block) {
        int i = parameters.indexOf(block);
        if (i < 0) {
            throw new IllegalArgumentException("block must belong to " + parameters.names() + ", got " + block);
        }
        return values[i];
    }

    /** Sets every entry to zero. */
    public void zero() {
        for (DMatrixRMaj g : values) {
            Arrays.fill(g.data, 0, g.getNumElements(), 0.0);
        }
    }

    /**
     * Name and (row,col) of the first non-finite entry, or null when all entries are finite. The usual answer (all
     * finite, every training step) is checked with large blocks cut across threads ({@link Threads#forEachRange});
     * only a gradient with a non-finite entry is then searched in order.
     */
    public String firstNonFinite() {
        if (allFinite()) {
            return null;
        }
        for (int b = 0; b < values.length; b++) {
            DMatrixRMaj g = values[b];
            double[] d = g.data;
            int n = g.getNumElements();
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(d[i])) {
                    return parameters.get(b).name() + " (" + (i / g.numCols) + "," + (i % g.numCols) + ") = " + d[i];
                }
            }
        }
        return null;
    }

    private boolean allFinite() {
        for (DMatrixRMaj g : values) {
            final double[] d = g.data;
            final int n = g.getNumElements();
            if (n < 2 * BlockwiseOptimizer.MIN_ENTRIES_PER_THREAD || Threads.count() == 1) {
                if (!Parameters.allFinite(d, 0, n)) {
                    return false;
                }
                continue;
            }
            final AtomicBoolean finite = new AtomicBoolean(true);
            Threads.forEachRange(n, BlockwiseOptimizer.MIN_ENTRIES_PER_THREAD, (from, to) -> {
                if (!Parameters.allFinite(d, from, to)) {
                    finite.set(false);
                }
            });
            if (!finite.get()) {
                return false;
            }
        }
        return true;
    }

    /** Requires {@code parameters} to be the collection these gradients were made for. */
    void requireFor(Parameters expected) {
        if (expected != parameters) {
            throw new IllegalArgumentException(
                    "gradients must be made for the same Parameters (Gradients.zerosLike(parameters)), got gradients for "
                            + parameters.names());
        }
    }
}
