package aelab.model;

import aelab.core.Require;
import aelab.optim.Gradients;
import aelab.optim.Parameters;
import org.ejml.data.DMatrixRMaj;

/** Argument checks shared by the models. */
final class ModelChecks {
    private ModelChecks() {
    }

    /** Requires a non-empty, finite n×width matrix. */
    static DMatrixRMaj batch(String name, DMatrixRMaj x, int width) {
        Require.cols(name, x, width);
        Require.atLeastRows(name, x, 1);
        return Require.finite(name, x);
    }

    /**
     * Requires every entry of x in [0, 1] (NaN fails); the message names the argument, the range, the reason, the
     * first bad value and its (row,col): {@code "batch must be in [0, 1] for a Bernoulli decoder (...), got 255.0 at
     * (0,3)"}.
     */
    static DMatrixRMaj unitInterval(String name, DMatrixRMaj x, String reason) {
        double[] v = x.data;
        int size = x.getNumElements();
        for (int i = 0; i < size; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1] " + reason + ", got " + v[i] + " at ("
                        + (i / x.numCols) + "," + (i % x.numCols) + ")");
            }
        }
        return x;
    }

    /** Whether every entry of x lies in [0, 1] (so is finite; NaN is not). x: Not modified. */
    static boolean inUnitInterval(DMatrixRMaj x) {
        double[] v = x.data;
        int size = x.getNumElements();
        for (int i = 0; i < size; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every entry of x is finite. x: Not modified. */
    static boolean isFinite(DMatrixRMaj x) {
        double[] v = x.data;
        int size = x.getNumElements();
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }

    /** Checks the arguments of lossAndGradients. */
    static void training(DMatrixRMaj batch, int width, Object noise, Gradients out, Parameters parameters) {
        batch("batch", batch, width);
        Require.notNull("rng", noise);
        Require.notNull("out", out);
        if (out.parameters() != parameters) {
            throw new IllegalArgumentException("out must be Gradients.zerosLike(model.parameters()), got gradients for "
                    + out.parameters().names());
        }
    }

    /**
     * Squared error summed over features, averaged over rows: returns Σ(xhat − x)²/n and writes
     * grad = 2(xhat − x)/n. xhat, x: Not modified. grad: Modified (reshaped).
     */
    static double squaredErrorMean(DMatrixRMaj xhat, DMatrixRMaj x, DMatrixRMaj grad) {
        int n = x.numRows;
        int size = x.getNumElements();
        grad.reshape(x.numRows, x.numCols);
        double[] p = xhat.data;
        double[] t = x.data;
        double[] g = grad.data;
        double scale = 2.0 / n;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double r = p[i] - t[i];
            sum += r * r;
            g[i] = scale * r;
        }
        return sum / n;
    }
}
