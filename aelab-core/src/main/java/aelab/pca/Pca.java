package aelab.pca;

import aelab.core.Require;
import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Principal component analysis of an n×d data matrix X (rows are samples).
 *
 * <p>With sample mean \(\mu = \frac1n\sum_i x_i\) and centred data \(X_c = X - 1\mu^\top\), the covariance is
 * \[ S = \tfrac{1}{n} X_c^\top X_c \quad\text{(maximum likelihood, the default)}\qquad\text{or}\qquad
 *    S = \tfrac{1}{n-1} X_c^\top X_c \quad\text{(unbiased, on request)}. \]
 * With \(S = U\Lambda U^\top\), \(\lambda_1\ge\dots\ge\lambda_d\ge 0\), the principal components are the first k
 * eigenvectors \(u_1,\dots,u_k\), stored as the rows of the k×d matrix V (rows orthonormal, sorted by decreasing
 * eigenvalue, sign chosen so that each row's largest-|entry| is positive). Scores \(Z = X_c V^\top\) (n×k),
 * reconstruction \(\hat X = Z V + 1\mu^\top\), and on the training data
 * \[ \textstyle\sum_i \lVert x_i - \hat x_i\rVert^2 = n\sum_{j>k}\lambda_j \quad(1/n\text{ convention}). \]
 * Two routes give the same result: {@link #viaSvd} (SVD \(X_c = P\,\mathrm{diag}(s)\,Q^\top\), \(\lambda_j =
 * s_j^2/n\), \(u_j = q_j\)) and {@link #viaCovariance} (symmetric eigendecomposition of S).
 *
 * <p>Sources: Bishop, Pattern Recognition and Machine Learning (2006), §12.1 (maximum-variance and minimum-error
 * formulations); Jolliffe, Principal Component Analysis (2002), ch. 1–3.
 *
 * <p>Immutable: accessors return copies.
 */
public final class Pca {
    /** Which divisor the covariance uses. */
    public enum CovarianceNormalization {
        /** \(1/n\): the maximum-likelihood estimate (Bishop eq. 12.3; Tipping &amp; Bishop 1999). The default. */
        MAXIMUM_LIKELIHOOD,
        /** \(1/(n-1)\): the unbiased estimate (numpy.cov's default, scikit-learn's explained_variance_). */
        UNBIASED;

        /** The divisor for n samples: n (n ≥ 1) or n-1 (n ≥ 2). */
        public double divisor(int sampleCount) {
            Require.inRange("sampleCount", sampleCount, this == MAXIMUM_LIKELIHOOD ? 1 : 2, Integer.MAX_VALUE);
            return this == MAXIMUM_LIKELIHOOD ? sampleCount : sampleCount - 1;
        }
    }

    private final double[] mean;
    private final DMatrixRMaj components;
    private final double[] eigenvalues;
    private final int sampleCount;
    private final CovarianceNormalization normalization;

    private Pca(double[] mean, DMatrixRMaj components, double[] eigenvalues, int sampleCount,
            CovarianceNormalization normalization) {
        this.mean = mean;
        this.components = components;
        this.eigenvalues = eigenvalues;
        this.sampleCount = sampleCount;
        this.normalization = normalization;
    }

    /** {@link #viaSvd(DMatrixRMaj, int, CovarianceNormalization)} with the 1/n convention. */
    public static Pca viaSvd(DMatrixRMaj data, int k) {
        return viaSvd(data, k, CovarianceNormalization.MAXIMUM_LIKELIHOOD);
    }

    /**
     * PCA from EJML's SVD of the centred data: \(X_c = P\,\mathrm{diag}(s)\,Q^\top\), \(\lambda_j = s_j^2/\text{divisor}\),
     * components = first k columns of Q. Eigenvalues beyond min(n, d) are 0.
     *
     * @param data n×d, finite, n ≥ 1 (n ≥ 2 for UNBIASED). Not modified.
     * @param k number of components in [1, d]
     */
    public static Pca viaSvd(DMatrixRMaj data, int k, CovarianceNormalization normalization) {
        validate(data, k, normalization);
        int n = data.numRows;
        int d = data.numCols;
        double[] mean = columnMeans(data);
        DMatrixRMaj centred = centred(data, mean);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, d, false, true, false);
        if (!svd.decompose(centred)) {
            throw new IllegalStateException("SVD of the centred data did not converge");
        }
        double[] singular = svd.getSingularValues();
        int count = svd.numberOfSingularValues();
        DMatrixRMaj q = svd.getV(null, false); // d×d, columns are right singular vectors
        Integer[] order = new Integer[d];
        double[] squared = new double[d];
        for (int j = 0; j < d; j++) {
            order[j] = j;
            squared[j] = j < count ? singular[j] * singular[j] : 0;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -squared[j]));
        double divisor = normalization.divisor(n);
        double[] eigenvalues = new double[d];
        for (int j = 0; j < d; j++) {
            eigenvalues[j] = squared[order[j]] / divisor;
        }
        DMatrixRMaj components = new DMatrixRMaj(k, d);
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                components.set(c, i, q.get(i, order[c]));
            }
        }
        normaliseRowSigns(components);
        return new Pca(mean, components, eigenvalues, n, normalization);
    }

    /** {@link #viaCovariance(DMatrixRMaj, int, CovarianceNormalization)} with the 1/n convention. */
    public static Pca viaCovariance(DMatrixRMaj data, int k) {
        return viaCovariance(data, k, CovarianceNormalization.MAXIMUM_LIKELIHOOD);
    }

    /**
     * PCA from the symmetric eigendecomposition ({@link SymmetricEigen}) of the covariance {@link #covariance}.
     *
     * @param data n×d, finite, n ≥ 1 (n ≥ 2 for UNBIASED). Not modified.
     * @param k number of components in [1, d]
     */
    public static Pca viaCovariance(DMatrixRMaj data, int k, CovarianceNormalization normalization) {
        validate(data, k, normalization);
        SymmetricEigen eig = SymmetricEigen.of("covariance", covariance(data, normalization));
        double[] eigenvalues = eig.values();
        for (int j = 0; j < eigenvalues.length; j++) {
            eigenvalues[j] = Math.max(eigenvalues[j], 0); // a covariance is PSD; clip round-off negatives
        }
        int[] top = new int[k];
        Arrays.setAll(top, j -> j);
        DMatrixRMaj components = CommonOps_DDRM.transpose(eig.columns(top), null);
        return new Pca(columnMeans(data), components, eigenvalues, data.numRows, normalization);
    }

    /** The 1/n (maximum-likelihood) covariance \(\frac1n X_c^\top X_c\) (d×d). data: Not modified. */
    public static DMatrixRMaj covariance(DMatrixRMaj data) {
        return covariance(data, CovarianceNormalization.MAXIMUM_LIKELIHOOD);
    }

    /**
     * The covariance \(X_c^\top X_c/\text{divisor}\) (d×d), exactly symmetric.
     *
     * @param data n×d, finite, n ≥ 1 (n ≥ 2 for UNBIASED). Not modified.
     */
    public static DMatrixRMaj covariance(DMatrixRMaj data, CovarianceNormalization normalization) {
        validateData(data, normalization);
        DMatrixRMaj centred = centred(data, columnMeans(data));
        DMatrixRMaj cov = new DMatrixRMaj(data.numCols, data.numCols);
        CommonOps_DDRM.multTransA(centred, centred, cov);
        CommonOps_DDRM.scale(1.0 / normalization.divisor(data.numRows), cov);
        CommonOps_DDRM.symmLowerToFull(cov);
        return cov;
    }

    /** Column means of an n×d matrix (length d). data: n ≥ 1, finite. Not modified. */
    public static double[] columnMeans(DMatrixRMaj data) {
        Require.atLeastRows("data", data, 1);
        Require.finite("data", data);
        double[] mean = new double[data.numCols];
        for (int i = 0; i < data.numRows; i++) {
            for (int j = 0; j < data.numCols; j++) {
                mean[j] += data.get(i, j);
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= data.numRows;
        }
        return mean;
    }

    /** data − 1·meanᵀ (a new n×d matrix). */
    static DMatrixRMaj centred(DMatrixRMaj data, double[] mean) {
        DMatrixRMaj out = data.copy();
        for (int i = 0; i < out.numRows; i++) {
            for (int j = 0; j < out.numCols; j++) {
                out.data[i * out.numCols + j] -= mean[j];
            }
        }
        return out;
    }

    /** Flips each row so that its largest-|entry| (first on ties) is positive. */
    static void normaliseRowSigns(DMatrixRMaj rows) {
        double[] row = new double[rows.numCols];
        for (int r = 0; r < rows.numRows; r++) {
            System.arraycopy(rows.data, r * rows.numCols, row, 0, rows.numCols);
            if (SymmetricEigen.signOfLargest(row, row.length) < 0) {
                for (int j = 0; j < rows.numCols; j++) {
                    rows.data[r * rows.numCols + j] = -row[j];
                }
            }
        }
    }

    private static void validateData(DMatrixRMaj data, CovarianceNormalization normalization) {
        Require.notNull("data", data);
        Require.notNull("normalization", normalization);
        int minRows = normalization == CovarianceNormalization.UNBIASED ? 2 : 1;
        if (data.numRows < minRows || data.numCols < 1) {
            throw new IllegalArgumentException("data must have at least " + minRows + " row" + (minRows > 1 ? "s" : "")
                    + " and 1 column" + (minRows > 1 ? " for the unbiased covariance" : "") + ", got "
                    + Require.shapeOf(data));
        }
        Require.finite("data", data);
    }

    private static void validate(DMatrixRMaj data, int k, CovarianceNormalization normalization) {
        validateData(data, normalization);
        Require.inRange("k", k, 1, data.numCols);
    }

    /** Data dimension d. */
    public int dimension() {
        return mean.length;
    }

    /** Number of components k. */
    public int componentCount() {
        return components.numRows;
    }

    /** Number of samples n the PCA was fitted on. */
    public int sampleCount() {
        return sampleCount;
    }

    /** The covariance convention used for the eigenvalues. */
    public CovarianceNormalization normalization() {
        return normalization;
    }

    /** Sample mean μ (length d, a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Components V (k×d, rows orthonormal, decreasing eigenvalue, largest-|entry| of each row positive; a copy). */
    public DMatrixRMaj components() {
        return components.copy();
    }

    /** ALL d eigenvalues of the covariance, decreasing (≥ 0; a copy). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** Explained variance of the top k components: \(\lambda_1..\lambda_k\) (length k). */
    public double[] explainedVariance() {
        return Arrays.copyOf(eigenvalues, components.numRows);
    }

    /** Total variance \(\mathrm{tr}\,S = \sum_{j=1}^d \lambda_j\). */
    public double totalVariance() {
        double s = 0;
        for (double v : eigenvalues) {
            s += v;
        }
        return s;
    }

    /** \(\lambda_j / \sum_i \lambda_i\) for j = 1..k (all zeros if the total variance is 0). */
    public double[] explainedVarianceRatio() {
        double total = totalVariance();
        double[] ratio = explainedVariance();
        for (int j = 0; j < ratio.length; j++) {
            ratio[j] = total > 0 ? ratio[j] / total : 0;
        }
        return ratio;
    }

    /** Sum of the discarded eigenvalues \(\sum_{j>k}\lambda_j\). */
    public double discardedVariance() {
        double s = 0;
        for (int j = components.numRows; j < eigenvalues.length; j++) {
            s += eigenvalues[j];
        }
        return s;
    }

    /**
     * Scores \(Z = (X - 1\mu^\top)V^\top\).
     *
     * @param x m×d, finite. Not modified.
     * @return m×k
     */
    public DMatrixRMaj project(DMatrixRMaj x) {
        Require.cols("x", x, mean.length);
        Require.finite("x", x);
        DMatrixRMaj scores = new DMatrixRMaj(x.numRows, components.numRows);
        CommonOps_DDRM.multTransB(centred(x, mean), components, scores);
        return scores;
    }

    /**
     * Reconstruction \(\hat X = Z V + 1\mu^\top\).
     *
     * @param scores m×k, finite. Not modified.
     * @return m×d
     */
    public DMatrixRMaj reconstruct(DMatrixRMaj scores) {
        Require.cols("scores", scores, components.numRows);
        Require.finite("scores", scores);
        DMatrixRMaj out = new DMatrixRMaj(scores.numRows, mean.length);
        CommonOps_DDRM.mult(scores, components, out);
        for (int i = 0; i < out.numRows; i++) {
            for (int j = 0; j < out.numCols; j++) {
                out.data[i * out.numCols + j] += mean[j];
            }
        }
        return out;
    }

    /**
     * Total squared reconstruction error \(\sum_i \lVert x_i - \hat x_i\rVert^2\) of the rank-k projection (a SUM over
     * rows, not a mean). On the training data it equals \(n\sum_{j>k}\lambda_j\) in the 1/n convention.
     *
     * @param data m×d, finite. Not modified.
     */
    public double reconstructionError(DMatrixRMaj data) {
        DMatrixRMaj recon = reconstruct(project(data));
        double s = 0;
        for (int i = 0; i < recon.getNumElements(); i++) {
            double e = data.data[i] - recon.data[i];
            s += e * e;
        }
        return s;
    }

    @Override
    public String toString() {
        return "Pca[d=" + mean.length + ", k=" + components.numRows + ", n=" + sampleCount + ", eigenvalues="
                + Arrays.toString(explainedVariance()) + " of " + Arrays.toString(eigenvalues) + "]";
    }
}
