package aelab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * The independent reference of the GEMM tests: every entry of op(A)·op(B) as the chain of fused multiply-adds
 * {@link Gemm} promises, written here on explicit (i, j, p) indices, and a bit-for-bit comparison.
 */
final class FmaChains {
    private FmaChains() {
    }

    /** A rows×cols matrix of uniforms in [-1, 1). rng: Modified. */
    static DMatrixRMaj random(int rows, int cols, RandomGenerator rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextDouble() * 2 - 1;
        }
        return m;
    }

    /**
     * A rows×cols output left over from earlier use, all NaN: a product that overwrites it must not read it (any entry
     * read into a chain would stay NaN).
     */
    static DMatrixRMaj stale(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        java.util.Arrays.fill(m.data, Double.NaN);
        return m;
    }

    /** Entry (i, p) of op(A): A[i][p], or A[p][i] when transposed. */
    static double op(DMatrixRMaj a, boolean trans, int i, int p) {
        return trans ? a.data[p * a.numCols + i] : a.data[i * a.numCols + p];
    }

    /** s = fma(op(A)[i][p], op(B)[p][j], s) for p = 0..k−1, from 0 or from c0[i][j]: ProductPrecision.FLOAT64. */
    static DMatrixRMaj fmaChain(DMatrixRMaj a, boolean ta, DMatrixRMaj b, boolean tb, DMatrixRMaj c0, int m, int n,
            int k) {
        DMatrixRMaj c = new DMatrixRMaj(m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = c0 == null ? 0.0 : c0.data[i * n + j];
                for (int p = 0; p < k; p++) {
                    s = Math.fma(op(a, ta, i, p), op(b, tb, p, j), s);
                }
                c.data[i * n + j] = s;
            }
        }
        return c;
    }

    /** c0 + (double) [t = fma((float) a, (float) b, t) in float, from 0]: ProductPrecision.FLOAT32. */
    static DMatrixRMaj floatChain(DMatrixRMaj a, boolean ta, DMatrixRMaj b, boolean tb, DMatrixRMaj c0, int m, int n,
            int k) {
        DMatrixRMaj c = new DMatrixRMaj(m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float t = 0f;
                for (int p = 0; p < k; p++) {
                    t = Math.fma((float) op(a, ta, i, p), (float) op(b, tb, p, j), t);
                }
                c.data[i * n + j] = (c0 == null ? 0.0 : c0.data[i * n + j]) + t;
            }
        }
        return c;
    }

    static void assertSameBits(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        assertEquals(expected.getNumElements(), actual.getNumElements(), what);
        for (int i = 0; i < expected.getNumElements(); i++) {
            if (Double.doubleToRawLongBits(expected.data[i]) != Double.doubleToRawLongBits(actual.data[i])) {
                throw new AssertionError(what + ": entry " + i + " is " + actual.data[i] + ", expected "
                        + expected.data[i]);
            }
        }
    }
}
