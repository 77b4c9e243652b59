package aelab.pca;

import aelab.core.Require;
import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Sorted eigendecomposition of a real symmetric matrix: \(A = U \Lambda U^\top\) with
 * \(\lambda_1 \ge \lambda_2 \ge \dots \ge \lambda_d\) and \(U\) orthogonal (columns \(u_j\) are the eigenvectors).
 *
 * <p>Deterministic sign: every eigenvector is flipped so that its entry of largest absolute value is positive (the
 * first such entry on ties). Equal eigenvalues keep EJML's order (stable sort), so their eigenvectors are only
 * determined up to a rotation of the eigenspace, as always.
 *
 * <p>Computed with EJML's symmetric QR-algorithm ({@code DecompositionFactory_DDRM.eig(d, true, true)}); see Golub &amp;
 * Van Loan, Matrix Computations, 4th ed., §8.3. Immutable: accessors return copies.
 */
public final class SymmetricEigen {
    private final double[] values;
    private final DMatrixRMaj vectors;

    private SymmetricEigen(double[] values, DMatrixRMaj vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes a symmetric matrix.
     *
     * @param name the argument's name for error messages
     * @param symmetric d×d, finite, symmetric (see {@link #requireSymmetric}). Not modified.
     */
    public static SymmetricEigen of(String name, DMatrixRMaj symmetric) {
        requireSymmetric(name, symmetric);
        int d = symmetric.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(symmetric.copy())) {
            throw new IllegalStateException("symmetric eigendecomposition of " + name + " did not converge");
        }
        Integer[] order = new Integer[d];
        double[] raw = new double[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
            raw[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -raw[i]));
        double[] values = new double[d];
        DMatrixRMaj vectors = new DMatrixRMaj(d, d);
        for (int j = 0; j < d; j++) {
            values[j] = raw[order[j]];
            DMatrixRMaj v = eig.getEigenVector(order[j]);
            double norm = CommonOps_DDRM.elementMaxAbs(v) == 0 ? 1 : Math.sqrt(dot(v.data, v.data, d));
            double sign = signOfLargest(v.data, d);
            for (int i = 0; i < d; i++) {
                vectors.set(i, j, sign * v.data[i] / norm);
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** Shorthand for {@code of("matrix", symmetric)}. */
    public static SymmetricEigen of(DMatrixRMaj symmetric) {
        return of("matrix", symmetric);
    }

    /**
     * Requires a square, finite, symmetric matrix up to round-off: {@link Require#symmetric} with relative tolerance
     * 1e-10 (each pair compared with \(\max(|a_{ij}|, |a_{ji}|, \sqrt{|a_{ii}a_{jj}|})\)).
     * The message names the first offending pair, e.g. {@code "Sigma must be symmetric, got Sigma(0,1)=0.5 but
     * Sigma(1,0)=0.2"}.
     *
     * @param m Not modified.
     * @return m
     */
    public static DMatrixRMaj requireSymmetric(String name, DMatrixRMaj m) {
        return Require.symmetric(name, m, 1e-10);
    }

    /** -1 when the largest-|entry| (first on ties) of v[0..length) is negative, else +1. */
    static double signOfLargest(double[] v, int length) {
        int arg = 0;
        for (int i = 1; i < length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[arg])) {
                arg = i;
            }
        }
        return v[arg] < 0 ? -1 : 1;
    }

    private static double dot(double[] a, double[] b, int length) {
        double s = 0;
        for (int i = 0; i < length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Dimension d. */
    public int dimension() {
        return values.length;
    }

    /** All d eigenvalues, decreasing (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** Eigenvalue j (0-based, decreasing order). */
    public double value(int j) {
        return values[Require.inRange("eigenvalue index", j, 0, values.length - 1)];
    }

    /** d×d orthogonal matrix whose column j is the eigenvector of {@link #value(int) value(j)} (a copy). */
    public DMatrixRMaj vectors() {
        return vectors.copy();
    }

    /**
     * d×m matrix of the eigenvectors with the given (0-based, decreasing-order) indices, in the order given.
     *
     * @param indices distinct indices in [0, d-1]. Not modified.
     */
    public DMatrixRMaj columns(int[] indices) {
        Require.notNull("eigenIndices", indices);
        int d = values.length;
        boolean[] seen = new boolean[d];
        DMatrixRMaj out = new DMatrixRMaj(d, indices.length);
        for (int c = 0; c < indices.length; c++) {
            int j = Require.inRange("eigenIndices[" + c + "]", indices[c], 0, d - 1);
            if (seen[j]) {
                throw new IllegalArgumentException("eigenIndices must be distinct, got " + Arrays.toString(indices));
            }
            seen[j] = true;
            for (int i = 0; i < d; i++) {
                out.set(i, c, vectors.get(i, j));
            }
        }
        return out;
    }
}
