package aelab.model;

import aelab.core.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * The mutual information gap (MIG), a disentanglement score (Chen, Li, Grosse &amp; Duvenaud 2018, "Isolating Sources
 * of Disentanglement in Variational Autoencoders", §4), in the discretised form of Locatello et al. 2019
 * ("Challenging Common Assumptions in the Unsupervised Learning of Disentangled Representations", disentanglement_lib):
 * \[ \mathrm{MIG} = \frac1K\sum_{k=1}^K \frac{I(z_{j^{(k)}}; v_k) - \max_{j \ne j^{(k)}} I(z_j; v_k)}{H(v_k)},\qquad
 *    j^{(k)} = \arg\max_j I(z_j; v_k), \]
 * where \(v_k\) is the k-th generative factor (integer levels) and \(z_j\) the j-th latent code (a VAE's posterior
 * mean) discretised into fixed equal-width bins over a given interval (e.g. 20 bins on [−3, 3], ±3 prior standard
 * deviations; Locatello et al. use 20 bins over each code's observed range, which stretches the tiny movements of a
 * collapsed latent over all bins). Mutual information and entropy are the plug-in
 * estimates from the joint histogram, in nats:
 * \(I(a; b) = \sum_{a,b} \hat p(a,b) \log\frac{\hat p(a,b)}{\hat p(a)\hat p(b)}\), \(H(a) = -\sum_a \hat p(a)\log\hat p(a)\)
 * (what scikit-learn's {@code mutual_info_score} computes). MIG is in [0, 1]: 1 when each factor is captured by one
 * latent alone, 0 when its best two latents know equally much about it.
 *
 * <p>Factors are passed as columns: {@code factors[k][i]} is the level of factor k for row i of the codes (rows are
 * samples). Inputs are not modified.
 */
public final class Disentanglement {
    private Disentanglement() {
    }

    /**
     * Fixed equal-width bins: the interval [lo, hi] is cut into {@code bins} bins of width (hi − lo)/bins, and x goes to
     * bin \(\lfloor (x - lo)/(hi - lo)\cdot bins \rfloor\), clamped to [0, bins − 1] (values below lo in the first bin,
     * values at or above hi in the last): numpy's {@code np.digitize(x, np.linspace(lo, hi, bins + 1)[1:-1])}.
     * Fixed bins (rather than bins over each code's observed range) keep a collapsed latent, whose posterior mean
     * barely moves around 0, in one bin, so that it carries no information about any factor.
     *
     * @param values finite, length ≥ 1. Not modified.
     * @param lo     lower end, finite
     * @param hi     upper end, finite, &gt; lo
     * @param bins   ≥ 1
     */
    public static int[] discretize(double[] values, double lo, double hi, int bins) {
        Require.notNull("values", values);
        Require.finite("values", values);
        Require.finite("lo", lo);
        Require.finite("hi", hi);
        if (!(hi > lo)) {
            throw new IllegalArgumentException("hi must be > lo, got lo = " + lo + ", hi = " + hi);
        }
        Require.positive("bins", bins);
        if (values.length == 0) {
            throw new IllegalArgumentException("values must not be empty");
        }
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double b = Math.floor((values[i] - lo) / (hi - lo) * bins);
            out[i] = (int) Math.min(bins - 1, Math.max(0, b));
        }
        return out;
    }

    /**
     * Plug-in mutual information \(I(a; b)\) in nats of two discrete variables observed together (labels ≥ 0).
     *
     * @param a labels ≥ 0. Not modified.
     * @param b labels ≥ 0, same length. Not modified.
     */
    public static double mutualInformation(int[] a, int[] b) {
        Require.notNull("a", a);
        Require.notNull("b", b);
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("a and b must have the same length >= 1, got " + a.length + " and "
                    + b.length);
        }
        int na = levels("a", a);
        int nb = levels("b", b);
        double[] joint = new double[na * nb];
        double[] pa = new double[na];
        double[] pb = new double[nb];
        int n = a.length;
        for (int i = 0; i < n; i++) {
            joint[a[i] * nb + b[i]]++;
            pa[a[i]]++;
            pb[b[i]]++;
        }
        double mi = 0;
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                double c = joint[i * nb + j];
                if (c > 0) {
                    mi += c / n * Math.log(c * n / (pa[i] * pb[j]));
                }
            }
        }
        return Math.max(0.0, mi);
    }

    /** Plug-in entropy \(H(a)\) in nats (labels ≥ 0). a: Not modified. */
    public static double entropy(int[] a) {
        Require.notNull("a", a);
        if (a.length == 0) {
            throw new IllegalArgumentException("a must not be empty");
        }
        double[] p = new double[levels("a", a)];
        for (int v : a) {
            p[v]++;
        }
        double h = 0;
        for (double c : p) {
            if (c > 0) {
                h -= c / a.length * Math.log(c / a.length);
            }
        }
        return h;
    }

    /**
     * The matrix \(I(z_j; v_k)\), {@code [k][j]}: each code column discretised into {@code bins} equal-width bins.
     *
     * @param codes   n×J latent codes (e.g. posterior means), finite. Not modified.
     * @param factors K columns of n levels ≥ 0. Not modified.
     * @param lo      lower end of the bins, finite
     * @param hi      upper end, &gt; lo
     * @param bins    ≥ 1
     */
    public static double[][] mutualInformation(DMatrixRMaj codes, int[][] factors, double lo, double hi, int bins) {
        Require.notNull("codes", codes);
        Require.finite("codes", codes);
        Require.notNull("factors", factors);
        if (factors.length == 0) {
            throw new IllegalArgumentException("factors must hold at least one factor");
        }
        int n = codes.numRows;
        int[][] discrete = new int[codes.numCols][];
        double[] column = new double[n];
        for (int j = 0; j < codes.numCols; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = codes.get(i, j);
            }
            discrete[j] = discretize(column, lo, hi, bins);
        }
        double[][] mi = new double[factors.length][codes.numCols];
        for (int k = 0; k < factors.length; k++) {
            Require.notNull("factors[" + k + "]", factors[k]);
            if (factors[k].length != n) {
                throw new IllegalArgumentException("factors[" + k + "] must have one level per row of codes (" + n
                        + "), got length " + factors[k].length);
            }
            for (int j = 0; j < codes.numCols; j++) {
                mi[k][j] = mutualInformation(factors[k], discrete[j]);
            }
        }
        return mi;
    }

    /**
     * The normalised gap of each factor, \((I(z_{j^{(k)}}; v_k) - \max_{j \ne j^{(k)}} I(z_j; v_k)) / H(v_k)\).
     * Arguments as in {@link #mutualInformation(DMatrixRMaj, int[][], double, double, int)}; codes need ≥ 2 columns and every factor
     * more than one level among the rows (H &gt; 0).
     */
    public static double[] gapPerFactor(DMatrixRMaj codes, int[][] factors, double lo, double hi, int bins) {
        Require.notNull("codes", codes);
        if (codes.numCols < 2) {
            throw new IllegalArgumentException("codes must have >= 2 columns for a gap between two latents, got "
                    + Require.shapeOf(codes));
        }
        double[][] mi = mutualInformation(codes, factors, lo, hi, bins);
        double[] gap = new double[factors.length];
        for (int k = 0; k < factors.length; k++) {
            double h = entropy(factors[k]);
            if (!(h > 0)) {
                throw new IllegalArgumentException("factors[" + k + "] must take more than one level (entropy > 0)");
            }
            double first = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            for (double v : mi[k]) {
                if (v > first) {
                    second = first;
                    first = v;
                } else if (v > second) {
                    second = v;
                }
            }
            gap[k] = (first - second) / h;
        }
        return gap;
    }

    /** MIG: the mean of {@link #gapPerFactor} over the factors. */
    public static double mig(DMatrixRMaj codes, int[][] factors, double lo, double hi, int bins) {
        double sum = 0;
        double[] gap = gapPerFactor(codes, factors, lo, hi, bins);
        for (double g : gap) {
            sum += g;
        }
        return sum / gap.length;
    }

    private static int levels(String name, int[] labels) {
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(name + " must hold labels >= 0, got " + labels[i] + " at " + i);
            }
            max = Math.max(max, labels[i]);
        }
        return max + 1;
    }
}
