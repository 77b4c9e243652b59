package aelab.nn;

import aelab.core.Require;
import org.ejml.UtilEjml;
import org.ejml.data.DMatrixRMaj;

/**
 * Element-wise activation functions \(y = f(a)\) and their backward pass
 * \(\partial L/\partial a = \partial L/\partial y \odot f'(a)\), with \(f'\) written in terms of the output y
 * (so the backward pass needs only the stored output):
 * <ul>
 *   <li>IDENTITY: \(f(a) = a\), \(f' = 1\)</li>
 *   <li>RELU: \(f(a) = \max(a, 0)\), \(f' = [y &gt; 0]\) (the subgradient 0 is used at a = 0)</li>
 *   <li>SIGMOID: \(f(a) = 1/(1+e^{-a})\), \(f' = y(1-y)\)</li>
 *   <li>TANH: \(f(a) = \tanh a\), \(f' = 1 - y^2\)</li>
 * </ul>
 * Goodfellow, Bengio &amp; Courville, <i>Deep Learning</i> (2016), §6.3.
 */
public enum Activation {
    /** f(a) = a. */
    IDENTITY,
    /** f(a) = max(a, 0). */
    RELU,
    /** f(a) = 1/(1+exp(-a)). */
    SIGMOID,
    /** f(a) = tanh(a). */
    TANH;

    /** The logistic sigmoid 1/(1+e^{-a}); exact 0 or 1 at the extremes, never NaN for finite a. */
    public static double sigmoid(double a) {
        return 1.0 / (1.0 + Math.exp(-a));
    }

    /** f(a). */
    public double apply(double a) {
        switch (this) {
            case RELU:
                return a > 0 ? a : 0.0;
            case SIGMOID:
                return sigmoid(a);
            case TANH:
                return Math.tanh(a);
            default:
                return a;
        }
    }

    /**
     * out = f(pre). pre: Not modified. out: Modified (reshaped; null ⇒ allocated; may be {@code pre}).
     *
     * @return out
     */
    public DMatrixRMaj forward(DMatrixRMaj pre, DMatrixRMaj out) {
        Require.notNull("pre", pre);
        out = UtilEjml.reshapeOrDeclare(out, pre.numRows, pre.numCols);
        apply(pre.data, out.data, 0, pre.getNumElements());
        return out;
    }

    /** m = f(m). m: Modified. */
    public void forwardEquals(DMatrixRMaj m) {
        forward(m, m);
    }

    /**
     * out[i] = f(in[i]) for i in [from, to); in and out may be the same array. Fused loop per activation.
     */
    void apply(double[] in, double[] out, int from, int to) {
        switch (this) {
            case RELU:
                // max(a, 0) without a data-dependent branch (see backward): the mask keeps a when a > 0 (or a is a
                // NaN with the sign bit clear, which then propagates) and gives +0.0 otherwise.
                for (int i = from; i < to; i++) {
                    long bits = Double.doubleToRawLongBits(in[i]);
                    out[i] = Double.longBitsToDouble(bits & ((-bits & ~bits) >> 63));
                }
                break;
            case SIGMOID:
                for (int i = from; i < to; i++) {
                    out[i] = 1.0 / (1.0 + Math.exp(-in[i]));
                }
                break;
            case TANH:
                for (int i = from; i < to; i++) {
                    out[i] = Math.tanh(in[i]);
                }
                break;
            default:
                if (in != out) {
                    System.arraycopy(in, from, out, from, to - from);
                }
        }
    }

    /**
     * gradPre = gradOutput ⊙ f'(a), with f' evaluated from the output y = f(a).
     * output: Not modified. gradOutput: Not modified. gradPre: Modified (reshaped; null ⇒ allocated; may be
     * {@code gradOutput}).
     *
     * @return gradPre
     */
    public DMatrixRMaj backward(DMatrixRMaj output, DMatrixRMaj gradOutput, DMatrixRMaj gradPre) {
        Require.sameShape("output", output, "gradOutput", gradOutput);
        gradPre = UtilEjml.reshapeOrDeclare(gradPre, output.numRows, output.numCols);
        double[] y = output.data;
        double[] g = gradOutput.data;
        double[] d = gradPre.data;
        int n = output.getNumElements();
        switch (this) {
            case RELU:
                // d = y > 0 ? g : 0 without a branch (about half the outputs are 0, so a branch mispredicts often):
                // the sign bit of (-bits & ~bits) is set exactly when the bits of y are a positive long, i.e. when
                // y > 0 (or y is a NaN with the sign bit clear); the mask keeps g or gives +0.0.
                for (int i = 0; i < n; i++) {
                    long bits = Double.doubleToRawLongBits(y[i]);
                    long mask = (-bits & ~bits) >> 63;
                    d[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & mask);
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    double yi = y[i];
                    d[i] = g[i] * yi * (1 - yi);
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    double yi = y[i];
                    d[i] = g[i] * (1 - yi * yi);
                }
                break;
            default:
                if (d != g) {
                    System.arraycopy(g, 0, d, 0, n);
                }
        }
        return gradPre;
    }

    /** grad = grad ⊙ f'(a), f' from the output y. output: Not modified. grad: Modified. */
    public void backwardEquals(DMatrixRMaj output, DMatrixRMaj grad) {
        backward(output, grad, grad);
    }
}
