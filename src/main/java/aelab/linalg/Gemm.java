package aelab.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * General matrix multiply for the training hot path: {@code C = A·B}, {@code C = Aᵀ·B}, {@code C = A·Bᵀ}.
 * All inputs are row-major {@link DMatrixRMaj}; the output is reshaped to fit. Inputs are not modified; the output
 * must not alias an input.
 */
public final class Gemm {
    private Gemm() {
    }

    /** c = a · b. a: Not modified. b: Not modified. c: Modified (reshaped). */
    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (c == null) {
            c = new DMatrixRMaj(a.numRows, b.numCols);
        }
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    /** c = aᵀ · b. a: Not modified. b: Not modified. c: Modified (reshaped). */
    public static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (c == null) {
            c = new DMatrixRMaj(a.numCols, b.numCols);
        }
        CommonOps_DDRM.multTransA(a, b, c);
        return c;
    }

    /** c = a · bᵀ. a: Not modified. b: Not modified. c: Modified (reshaped). */
    public static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (c == null) {
            c = new DMatrixRMaj(a.numRows, b.numRows);
        }
        CommonOps_DDRM.multTransB(a, b, c);
        return c;
    }
}
