package aelab.nn;

import aelab.check.FiniteDifferences;
import aelab.core.Require;
import aelab.optim.Gradients;
import aelab.optim.ParameterBlock;
import aelab.optim.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Central finite-difference check of analytic gradients:
 * \(\hat g_i = \frac{L(\theta + h e_i) - L(\theta - h e_i)}{2h}\), truncation error \(O(h^2)\), compared
 * entry-wise with the analytic gradient by the error \(|g_i - \hat g_i| / \max(|g_i|, |\hat g_i|, \text{floor})\).
 * Nocedal &amp; Wright, <i>Numerical Optimization</i> (2006), §8.1.
 *
 * <p>The loss supplier must be deterministic (fix the noise of stochastic models, e.g. a fresh generator with the
 * same seed on every call). Each parameter is restored to its exact original value after perturbation, also when
 * the loss throws or the thread is interrupted ({@link aelab.core.InterruptedComputationException}; see
 * {@link FiniteDifferences#centralGradient}).
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /** Worst entry of one block. */
    public record BlockResult(String name, int entries, double maxError, double analytic, double numeric) {
    }

    /** Results of all checked blocks. */
    public record Result(List<BlockResult> blocks) {
        /** The largest error over all blocks. */
        public double maxError() {
            double m = 0;
            for (BlockResult b : blocks) {
                m = Math.max(m, b.maxError());
            }
            return m;
        }

        /** Number of blocks checked. */
        public int blocksChecked() {
            return blocks.size();
        }
    }

    /**
     * Checks every entry of every block.
     *
     * @param parameters Modified temporarily, restored exactly (also when {@code loss} throws).
     * @param analytic   the analytic gradients at the current parameters. Not modified.
     * @param loss       evaluates the loss at the current parameter values
     * @param h          step &gt; 0 (1e-5 suits float64 losses of order 1)
     * @param floor      denominator floor &gt; 0 for entries near zero (the error becomes absolute / floor)
     */
    public static Result check(Parameters parameters, Gradients analytic, DoubleSupplier loss, double h, double floor) {
        Require.notNull("parameters", parameters);
        Require.notNull("analytic", analytic);
        Require.notNull("loss", loss);
        Require.positive("h", h);
        Require.positive("floor", floor);
        if (analytic.parameters() != parameters) {
            throw new IllegalArgumentException("analytic must be gradients of parameters " + parameters.names());
        }
        List<BlockResult> results = new ArrayList<>();
        for (int b = 0; b < parameters.size(); b++) {
            ParameterBlock block = parameters.get(b);
            double[] g = analytic.get(b).data;
            double[] numericGradient = FiniteDifferences.centralGradient(block.value(), loss, h).data;
            double worst = -1;
            double worstA = 0;
            double worstN = 0;
            for (int i = 0; i < block.size(); i++) {
                double numeric = numericGradient[i];
                double err = Math.abs(g[i] - numeric) / Math.max(Math.max(Math.abs(g[i]), Math.abs(numeric)), floor);
                if (!(err <= worst)) {
                    worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                    worstA = g[i];
                    worstN = numeric;
                }
            }
            results.add(new BlockResult(block.name(), block.size(), worst, worstA, worstN));
        }
        return new Result(List.copyOf(results));
    }
}
