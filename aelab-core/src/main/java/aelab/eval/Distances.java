package aelab.eval;

import aelab.core.Require;
import aelab.linalg.Gemm;
import org.ejml.data.DMatrixRMaj;

/**
 * Pairwise distance matrices between the rows of two sample matrices (rows are samples): entry (i, j) compares row i
 * of {@code a} with row j of {@code b}.
 *
 * <ul>
 *   <li>{@link #squaredEuclidean}: \(D_{ij} = \lVert a_i - b_j\rVert^2 = \lVert a_i\rVert^2 + \lVert b_j\rVert^2 -
 *       2\,a_i\cdot b_j\), the cross term by one matrix product ({@link Gemm#multTransB}, bit-identical on any
 *       number of threads); round-off can make the expansion slightly negative, so it is clamped at 0. Its absolute
 *       error is of the order of \(10^{-16}(\lVert a_i\rVert^2 + \lVert b_j\rVert^2)\), so near-equal distances may
 *       be ordered differently from an exact computation.</li>
 *   <li>{@link #hamming}: \(D_{ij} = \#\{t : a_{it} \ne b_{jt}\}\), the number of coordinates that differ (exact
 *       comparison; meant for binary codes, e.g. from {@link Retrieval#signBits}). Hamming (1950), Bell Syst. Tech. J.
 *       29(2).</li>
 * </ul>
 */
public final class Distances {
    private Distances() {
    }

    /**
     * Squared Euclidean distances.
     *
     * @param a   n×d, finite. Not modified.
     * @param b   m×d, finite. Not modified.
     * @param out reshaped to n×m; null ⇒ allocated; must not alias a or b. Modified.
     * @return out
     */
    public static DMatrixRMaj squaredEuclidean(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        checkPair(a, b, out);
        out = Gemm.multTransB(a, b, out);
        double[] na = rowSquaredNorms(a);
        double[] nb = rowSquaredNorms(b);
        int m = b.numRows;
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < m; j++) {
                int idx = i * m + j;
                out.data[idx] = Math.max(0, na[i] + nb[j] - 2 * out.data[idx]);
            }
        }
        return out;
    }

    /**
     * Hamming distances (counts of differing coordinates).
     *
     * @param a   n×d. Not modified.
     * @param b   m×d. Not modified.
     * @param out reshaped to n×m; null ⇒ allocated; must not alias a or b. Modified.
     * @return out
     */
    public static DMatrixRMaj hamming(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        checkPair(a, b, out);
        int n = a.numRows;
        int m = b.numRows;
        int d = a.numCols;
        if (out == null) {
            out = new DMatrixRMaj(n, m);
        } else {
            out.reshape(n, m);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                int count = 0;
                for (int t = 0; t < d; t++) {
                    if (a.data[i * d + t] != b.data[j * d + t]) {
                        count++;
                    }
                }
                out.data[i * m + j] = count;
            }
        }
        return out;
    }

    static double[] rowSquaredNorms(DMatrixRMaj x) {
        int d = x.numCols;
        double[] s = new double[x.numRows];
        for (int i = 0; i < x.numRows; i++) {
            double v = 0;
            for (int t = 0; t < d; t++) {
                double e = x.data[i * d + t];
                v += e * e;
            }
            s[i] = v;
        }
        return s;
    }

    private static void checkPair(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        Require.atLeastRows("a", a, 1);
        Require.atLeastRows("b", b, 1);
        if (a.numCols != b.numCols) {
            throw new IllegalArgumentException("b must have " + a.numCols + " columns (as a), got "
                    + Require.shapeOf(b));
        }
        Require.finite("a", a);
        Require.finite("b", b);
        Require.notAliased("out", out, "a", a);
        Require.notAliased("out", out, "b", b);
    }
}
