package aelab.core;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Row access for sample matrices (rows are samples, n×d): a single sample as a {@code double[]} and a contiguous
 * batch as a new matrix, so that notebook code never reaches into {@code DMatrixRMaj.data}. Results are copies; the
 * input is Not modified.
 */
public final class Rows {
    private Rows() {
    }

    /** A copy of row {@code i} (0 ≤ i &lt; m.numRows) of {@code m}: the i-th sample. */
    public static double[] row(DMatrixRMaj m, int i) {
        Require.notNull("m", m);
        Require.inRange("i", i, 0, m.numRows - 1);
        return Arrays.copyOfRange(m.data, i * m.numCols, (i + 1) * m.numCols);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), 0 ≤ from &lt; to ≤ m.numRows, as a new (to−from)×d matrix. */
    public static DMatrixRMaj rows(DMatrixRMaj m, int from, int to) {
        Require.notNull("m", m);
        Require.inRange("from", from, 0, m.numRows - 1);
        Require.inRange("to", to, from + 1, m.numRows);
        DMatrixRMaj out = new DMatrixRMaj(to - from, m.numCols);
        System.arraycopy(m.data, from * m.numCols, out.data, 0, (to - from) * m.numCols);
        return out;
    }

    /** The vector {@code v} as a 1×d matrix (one sample). */
    public static DMatrixRMaj asRow(double... v) {
        Require.notNull("v", v);
        return new DMatrixRMaj(1, v.length, true, v);
    }
}
