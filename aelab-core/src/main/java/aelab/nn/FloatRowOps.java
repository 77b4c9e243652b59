package aelab.nn;

import org.ejml.data.FMatrixRMaj;

/** STUB (replaced at merge). */
public final class FloatRowOps {
    private FloatRowOps() {
    }

    public static void fillRows(FMatrixRMaj m, FMatrixRMaj row) {
        for (int r = 0; r < m.numRows; r++) {
            System.arraycopy(row.data, 0, m.data, r * m.numCols, m.numCols);
        }
    }

    public static FMatrixRMaj columnSums(FMatrixRMaj m, FMatrixRMaj out) {
        if (out == null) out = new FMatrixRMaj(1, m.numCols); else out.reshape(1, m.numCols);
        java.util.Arrays.fill(out.data, 0, m.numCols, 0f);
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                out.data[c] += m.data[r * m.numCols + c];
            }
        }
        return out;
    }

    public static void reluEquals(FMatrixRMaj y) {
        for (int i = 0; i < y.getNumElements(); i++) {
            y.data[i] = y.data[i] > 0 ? y.data[i] : 0f;
        }
    }

    public static void reluBackwardEquals(FMatrixRMaj g, FMatrixRMaj y) {
        for (int i = 0; i < g.getNumElements(); i++) {
            g.data[i] = y.data[i] > 0 ? g.data[i] : 0f;
        }
    }
}
