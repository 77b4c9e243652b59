package aelab.nn;

import aelab.core.Require;
import java.util.Arrays;
import org.ejml.UtilEjml;
import org.ejml.data.FMatrixRMaj;

/**
 * Float twins, on EJML's {@link FMatrixRMaj}, of the element-wise and row-broadcast operations of {@link RowOps} and
 * {@link Activation}, for training on float storage: the bias rows \(Y = \mathbf{1}b\) and the bias gradient
 * \(\mathbf{1}^\top G\) (Goodfellow, Bengio &amp; Courville, <i>Deep Learning</i>, 2016, §6.5), ReLU
 * \(y = \max(a, 0)\) and its backward pass \(\partial L/\partial a = \partial L/\partial y \odot [y &gt; 0]\) (§6.3),
 * and the [0, 1] check of a Bernoulli batch. Every operation gives, on float-representable values, the float
 * rounding of its double twin's result (the ReLU ones exactly the same values; {@code FloatRowOpsTest}).
 */
public final class FloatRowOps {
    private FloatRowOps() {
    }

    /** m[r, :] = row for every r. m: Modified (n×c). row: Not modified (1×c). Float twin of RowOps.fillRows. */
    public static void fillRows(FMatrixRMaj m, FMatrixRMaj row) {
        Require.notNull("m", m);
        requireShape("row", row, 1, m.numCols);
        int cols = m.numCols;
        for (int r = 0; r < m.numRows; r++) {
            System.arraycopy(row.data, 0, m.data, r * cols, cols);
        }
    }

    /**
     * out = 1ᵀ m, the column sums: the rows added in row order, in float, walking m row by row (as
     * {@link RowOps#columnSums}). m: Not modified. out: Modified (reshaped to 1×c; null ⇒ allocated; must not alias m).
     *
     * @return out
     */
    public static FMatrixRMaj columnSums(FMatrixRMaj m, FMatrixRMaj out) {
        Require.notNull("m", m);
        if (out != null && (out == m || out.data == m.data)) {
            throw new IllegalArgumentException("out must not alias m, got "
                    + (out == m ? "the same matrix" : "a matrix sharing its data array"));
        }
        int cols = m.numCols;
        out = UtilEjml.reshapeOrDeclare(out, 1, cols);
        float[] o = out.data;
        float[] d = m.data;
        Arrays.fill(o, 0, cols, 0.0f);
        // Float twin of the loop of RowOps.columnSums.
        for (int r = 0; r < m.numRows; r++) {
            int off = r * cols;
            for (int c = 0; c < cols; c++) {
                o[c] += d[off + c];
            }
        }
        return out;
    }

    /**
     * y = max(y, 0), branch-free as {@code Activation.RELU}: the mask {@code (-bits & ~bits) >> 31} is all ones
     * exactly when the bits of y are a positive int (y &gt; 0, or a NaN with the sign bit clear, which propagates),
     * and keeps y; otherwise the result is +0.0f (also for −0.0f and for a NaN with the sign bit set). y: Modified.
     */
    public static void reluEquals(FMatrixRMaj y) {
        Require.notNull("y", y);
        float[] d = y.data;
        int n = y.getNumElements();
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(d[i]);
            d[i] = Float.intBitsToFloat(bits & ((-bits & ~bits) >> 31));
        }
    }

    /**
     * g = g where y &gt; 0, else +0.0f: the ReLU backward pass from its output y, branch-free with the mask of
     * {@link #reluEquals} taken from y (as {@code Activation.RELU}'s backward). g: Modified. y: Not modified, the
     * ReLU's output, the shape of g.
     */
    public static void reluBackwardEquals(FMatrixRMaj g, FMatrixRMaj y) {
        Require.notNull("g", g);
        requireShape("y", y, g.numRows, g.numCols);
        float[] d = g.data;
        float[] out = y.data;
        int n = g.getNumElements();
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(out[i]);
            int mask = (-bits & ~bits) >> 31;
            d[i] = Float.intBitsToFloat(Float.floatToRawIntBits(d[i]) & mask);
        }
    }

    /** Whether every entry of x lies in [0, 1] (so is finite; NaN is not; −0.0f is). x: Not modified. */
    public static boolean inUnitInterval(FMatrixRMaj x) {
        Require.notNull("x", x);
        float[] v = x.data;
        int n = x.getNumElements();
        // Float twin of the loop of aelab.model.ModelChecks.inUnitInterval.
        for (int i = 0; i < n; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                return false;
            }
        }
        return true;
    }

    /** Requires m to be rows×cols, with the message format of {@link Require#shape}. */
    private static void requireShape(String name, FMatrixRMaj m, int rows, int cols) {
        Require.notNull(name, m);
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(name + " must be " + rows + "x" + cols + ", got " + m.numRows + "x"
                    + m.numCols);
        }
    }
}
