package aelab.loss;

import aelab.core.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * Reconstruction losses of an autoencoder, for a batch X, X̂ of n samples (rows) × D elements (columns), reduced by
 * an explicit {@link Reduction}.
 *
 * <ul>
 *   <li>squared error: \(\ell_{ij} = (x_{ij} - \hat x_{ij})^2\) (Goodfellow et al., Deep Learning, §14.1);</li>
 *   <li>binary cross-entropy: \(\ell_{ij} = -\big[x_{ij}\log\hat x_{ij} + (1-x_{ij})\log(1-\hat x_{ij})\big]\),
 *       the negative Bernoulli log-likelihood (Bishop PRML eq. 4.90; Kingma &amp; Welling 2014 App. C.1).
 *       As in PyTorch's {@code BCELoss}, each logarithm is clamped below at {@value #LOG_CLAMP}, so the loss is
 *       finite at \(\hat x \in \{0, 1\}\): e.g. x = 1, x̂ = 0 gives \(\ell = 100\). \(\log(1-\hat x)\) is
 *       computed as {@code log1p(-x̂)}. Both x and x̂ must lie in [0, 1].</li>
 * </ul>
 *
 * <p>The {@code double[]} overloads treat the vector as one sample (n = 1), so {@link Reduction#SUM} and
 * {@link Reduction#MEAN_PER_SAMPLE} coincide.
 */
public final class ReconstructionLoss {
    /** Lower clamp of each log term in BCE (PyTorch's BCELoss uses the same value). */
    public static final double LOG_CLAMP = -100;

    private ReconstructionLoss() {
    }

    /** Mean squared error of a batch. x, xHat: Not modified, same shape, finite. */
    public static double mse(DMatrixRMaj x, DMatrixRMaj xHat, Reduction reduction) {
        checkBatch(x, xHat, reduction);
        return reduction.reduce(sumSquaredError(x.data, xHat.data, x.getNumElements()), x.numRows, x.numCols);
    }

    /** Squared error of one sample. x, xHat: Not modified, equal lengths ≥ 1, finite. */
    public static double mse(double[] x, double[] xHat, Reduction reduction) {
        checkSample(x, xHat, reduction);
        return reduction.reduce(sumSquaredError(x, xHat, x.length), 1, x.length);
    }

    /** Binary cross-entropy of a batch. x, xHat: Not modified, same shape, entries in [0, 1]. */
    public static double bce(DMatrixRMaj x, DMatrixRMaj xHat, Reduction reduction) {
        checkBatch(x, xHat, reduction);
        checkUnitInterval("x", x.data, x.getNumElements(), x.numCols);
        checkUnitInterval("xHat", xHat.data, xHat.getNumElements(), xHat.numCols);
        return reduction.reduce(sumCrossEntropy(x.data, xHat.data, x.getNumElements()), x.numRows, x.numCols);
    }

    /** Binary cross-entropy of one sample. x, xHat: Not modified, equal lengths ≥ 1, entries in [0, 1]. */
    public static double bce(double[] x, double[] xHat, Reduction reduction) {
        checkSample(x, xHat, reduction);
        checkUnitInterval("x", x, x.length, 0);
        checkUnitInterval("xHat", xHat, xHat.length, 0);
        return reduction.reduce(sumCrossEntropy(x, xHat, x.length), 1, x.length);
    }

    static double sumSquaredError(double[] x, double[] xHat, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double d = x[i] - xHat[i];
            sum += d * d;
        }
        return sum;
    }

    private static double sumCrossEntropy(double[] x, double[] xHat, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double logP = Math.max(Math.log(xHat[i]), LOG_CLAMP);
            double logOneMinusP = Math.max(FdLibm.log1p(-xHat[i]), LOG_CLAMP);
            sum -= x[i] * logP + (1 - x[i]) * logOneMinusP;
        }
        return sum;
    }

    private static void checkBatch(DMatrixRMaj x, DMatrixRMaj xHat, Reduction reduction) {
        Require.notNull("reduction", reduction);
        Require.sameShape("x", x, "xHat", xHat);
        Require.positive("number of elements of x", x.getNumElements());
        Require.finite("x", x);
        Require.finite("xHat", xHat);
    }

    static void checkSample(double[] x, double[] xHat, Reduction reduction) {
        Require.notNull("reduction", reduction);
        Require.sameLength("x", x, "xHat", xHat);
        Require.positive("length of x", x.length);
        Require.finite("x", x);
        Require.finite("xHat", xHat);
    }

    /** Requires entries in [0, 1]; names (row,col) when cols &gt; 0, else the index. */
    static void checkUnitInterval(String name, double[] v, int count, int cols) {
        for (int i = 0; i < count; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                String where = cols > 0 ? " at (" + (i / cols) + "," + (i % cols) + ")" : " at index " + i;
                throw new IllegalArgumentException(name + " must be in [0, 1], got " + v[i] + where);
            }
        }
    }
}
