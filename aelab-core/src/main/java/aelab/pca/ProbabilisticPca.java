package aelab.pca;

import aelab.core.Require;
import aelab.gaussian.FullGaussian;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Probabilistic PCA (Tipping &amp; Bishop 1999, "Probabilistic Principal Component Analysis", J. R. Stat. Soc. B 61(3);
 * Bishop, PRML §12.2): latent \(z\sim\mathcal N(0, I_k)\), observation \(x\mid z \sim \mathcal N(Wz+\mu, \sigma^2 I_d)\),
 * W d×k, so the marginal is \(x\sim\mathcal N(\mu, C)\) with \(C = WW^\top + \sigma^2 I_d\).
 *
 * <p>With \(M = W^\top W + \sigma^2 I_k\) (k×k):
 * <ul>
 *   <li>precision (Woodbury): \(C^{-1} = \sigma^{-2}\,(I_d - W M^{-1} W^\top)\) (PRML eq. 12.41);</li>
 *   <li>\(\log|C| = (d-k)\log\sigma^2 + \log|M|\) (matrix determinant lemma);</li>
 *   <li>posterior: \(p(z\mid x) = \mathcal N\big(M^{-1}W^\top(x-\mu),\ \sigma^2 M^{-1}\big)\) (PRML eq. 12.42);</li>
 *   <li>log-likelihood: \(\log p(X) = -\frac{Nd}{2}\log 2\pi - \frac N2\log|C| -
 *       \frac12\sum_n (x_n-\mu)^\top C^{-1}(x_n-\mu)\) (PRML eq. 12.43–12.44);</li>
 *   <li>closed-form maximum likelihood (Tipping &amp; Bishop eq. 7–8, PRML eq. 12.45–12.46): \(\mu\) = sample mean,
 *       \(\sigma^2 = \frac1{d-k}\sum_{j>k}\lambda_j\), \(W = U_k(\Lambda_k - \sigma^2 I)^{1/2}\) (rotation R = I), with
 *       \(\lambda_j, U\) the eigen-pairs of the 1/n sample covariance.</li>
 *   <li>ELBO for a Gaussian \(q(z) = \mathcal N(m, S)\):
 *       \(\mathcal L(q) = \mathbb E_q\log p(x\mid z) + \mathbb E_q\log p(z) + H(q)\) with
 *       \(\mathbb E_q\log p(x|z) = -\frac d2\log(2\pi\sigma^2) - \frac1{2\sigma^2}\big(\lVert x-\mu-Wm\rVert^2 +
 *       \mathrm{tr}(W^\top W S)\big)\), \(\mathbb E_q\log p(z) = -\frac k2\log 2\pi - \frac12(\lVert m\rVert^2 +
 *       \mathrm{tr}\,S)\), \(H(q) = \frac k2(1+\log 2\pi) + \frac12\log|S|\); and
 *       \(\log p(x) = \mathcal L(q) + \mathrm{KL}(q\,\Vert\,p(z\mid x))\) exactly ({@link #posterior} gives
 *       \(p(z\mid x)\) as a {@link FullGaussian}).</li>
 * </ul>
 * Beware a common slip (it appears in an old course handout): \(\sigma^{-1}I - \sigma^{-2}WM^{-1}W^\top\) is NOT the
 * precision unless σ = 1, and \(\sigma^{-2}M^{-1}\) is NOT the posterior covariance.
 *
 * <p>Immutable: accessors return copies.
 */
public final class ProbabilisticPca {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] mean;
    private final DMatrixRMaj weights;
    private final double sigma2;
    private final DMatrixRMaj mInverse;
    private final double logDetM;

    private ProbabilisticPca(double[] mean, DMatrixRMaj weights, double sigma2) {
        this.mean = mean;
        this.weights = weights;
        this.sigma2 = sigma2;
        DMatrixRMaj m = computeM(weights, sigma2);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(m.numRows);
        if (!chol.setA(m.copy())) {
            throw new IllegalArgumentException("M = W^T W + sigma2 I must be symmetric positive definite, Cholesky "
                    + "failed for sigma2=" + sigma2);
        }
        this.mInverse = new DMatrixRMaj(m.numRows, m.numRows);
        chol.invert(mInverse);
        CommonOps_DDRM.symmLowerToFull(mInverse);
        this.logDetM = logDetSpd(m);
    }

    /**
     * A model with the given parameters.
     *
     * @param mean μ, length d ≥ 1, finite. Not modified (copied).
     * @param weights W, d×k with k in [1, d], finite. Not modified (copied).
     * @param sigma2 noise variance σ², &gt; 0 and finite
     */
    public static ProbabilisticPca of(double[] mean, DMatrixRMaj weights, double sigma2) {
        Require.notNull("mean", mean);
        if (mean.length < 1) {
            throw new IllegalArgumentException("mean must have length >= 1, got length 0");
        }
        Require.finite("mean", mean);
        Require.rows("W", weights, mean.length);
        Require.inRange("W columns (latent dimension k)", weights.numCols, 1, mean.length);
        Require.finite("W", weights);
        Require.positive("sigma2", sigma2);
        return new ProbabilisticPca(mean.clone(), weights.copy(), sigma2);
    }

    /** Maximum-likelihood fit with the 1/n covariance (Tipping &amp; Bishop's estimator). */
    public static ProbabilisticPca fit(DMatrixRMaj data, int k) {
        return fit(data, k, Pca.CovarianceNormalization.MAXIMUM_LIKELIHOOD);
    }

    /**
     * Closed-form fit: μ = sample mean, σ² = mean of the d−k discarded eigenvalues, \(W = U_k(\Lambda_k -
     * \sigma^2 I)^{1/2}\). With {@code UNBIASED} the eigenvalues use 1/(n−1), which is what scikit-learn's
     * {@code PCA.score_samples} uses; the maximum-likelihood estimate is {@code MAXIMUM_LIKELIHOOD}.
     *
     * @param data n×d, finite. Not modified.
     * @param k latent dimension in [1, d−1]
     * @throws IllegalArgumentException if σ² would be 0 (the data lie in a k-dimensional affine subspace)
     */
    public static ProbabilisticPca fit(DMatrixRMaj data, int k, Pca.CovarianceNormalization normalization) {
        Require.notNull("data", data);
        if (data.numCols < 2) {
            throw new IllegalArgumentException("data must have at least 2 columns for probabilistic PCA, got "
                    + Require.shapeOf(data));
        }
        Require.inRange("k", k, 1, data.numCols - 1);
        Pca pca = Pca.viaCovariance(data, k, normalization);
        double[] lambda = pca.eigenvalues();
        int d = lambda.length;
        double sigma2 = pca.discardedVariance() / (d - k);
        // Rounding floor of the discarded eigenvalues: forming C = (1/n) sum x x^T perturbs it by at most
        // gamma_n tr(C) (each entry by gamma_n sqrt(C_ii C_jj), Higham Thm 3.5 / §3.1), and a backward-stable
        // symmetric eigensolver adds O(d u ||C||_2) <= d u tr(C). Eigenvalues below that are zero to working precision.
        double trace = 0;
        for (double l : lambda) {
            trace += l;
        }
        double u = Math.ulp(1.0) / 2;
        int n = data.numRows;
        double floor = (n * u / (1 - n * u) + d * u) * trace;
        if (!(sigma2 > floor)) {
            throw new IllegalArgumentException("sigma2 (mean of the " + (d - k) + " discarded eigenvalues) must be above "
                    + "the rounding error of the covariance and its eigenvalues, (gamma_n + d*u)*trace = " + floor
                    + ", got " + sigma2 + ": the data lie in a " + k + "-dimensional subspace to working precision, "
                    + "use a smaller k");
        }
        DMatrixRMaj components = pca.components();
        DMatrixRMaj w = new DMatrixRMaj(d, k);
        for (int j = 0; j < k; j++) {
            double scale = Math.sqrt(Math.max(lambda[j] - sigma2, 0));
            for (int i = 0; i < d; i++) {
                w.set(i, j, components.get(j, i) * scale);
            }
        }
        return new ProbabilisticPca(pca.mean(), w, sigma2);
    }

    private static DMatrixRMaj computeM(DMatrixRMaj w, double sigma2) {
        DMatrixRMaj m = new DMatrixRMaj(w.numCols, w.numCols);
        CommonOps_DDRM.multTransA(w, w, m);
        for (int i = 0; i < m.numRows; i++) {
            m.add(i, i, sigma2);
        }
        return m;
    }

    /** log|A| of a symmetric positive definite matrix via Cholesky; throws if A is not SPD. */
    static double logDetSpd(DMatrixRMaj a) {
        DMatrixRMaj l = a.copy();
        if (!DecompositionFactory_DDRM.chol(a.numRows, true).decompose(l)) {
            throw new IllegalArgumentException("matrix must be symmetric positive definite, Cholesky failed");
        }
        double s = 0;
        for (int i = 0; i < a.numRows; i++) {
            s += Math.log(l.get(i, i));
        }
        return 2 * s;
    }

    /** Data dimension d. */
    public int dimension() {
        return mean.length;
    }

    /** Latent dimension k. */
    public int latentDimension() {
        return weights.numCols;
    }

    /** μ (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** W, d×k (a copy). */
    public DMatrixRMaj weights() {
        return weights.copy();
    }

    /** σ². */
    public double sigma2() {
        return sigma2;
    }

    /** \(M = W^\top W + \sigma^2 I_k\) (k×k). */
    public DMatrixRMaj matrixM() {
        return computeM(weights, sigma2);
    }

    /** \(C = WW^\top + \sigma^2 I_d\) (d×d). */
    public DMatrixRMaj covariance() {
        DMatrixRMaj c = new DMatrixRMaj(mean.length, mean.length);
        CommonOps_DDRM.multTransB(weights, weights, c);
        for (int i = 0; i < c.numRows; i++) {
            c.add(i, i, sigma2);
        }
        return c;
    }

    /** \(C^{-1} = \sigma^{-2}(I_d - W M^{-1} W^\top)\) (d×d), through the k×k matrix M only. */
    public DMatrixRMaj precision() {
        DMatrixRMaj wm = new DMatrixRMaj(mean.length, weights.numCols);
        CommonOps_DDRM.mult(weights, mInverse, wm);
        DMatrixRMaj p = new DMatrixRMaj(mean.length, mean.length);
        CommonOps_DDRM.multTransB(-1.0 / sigma2, wm, weights, p);
        for (int i = 0; i < p.numRows; i++) {
            p.add(i, i, 1.0 / sigma2);
        }
        return p;
    }

    /** \(\log|C| = (d-k)\log\sigma^2 + \log|M|\). */
    public double logDeterminantCovariance() {
        return (mean.length - weights.numCols) * Math.log(sigma2) + logDetM;
    }

    /** Posterior mean \(M^{-1}W^\top(x-\mu)\) (length k). x: length d, finite, Not modified. */
    public double[] posteriorMean(double[] x) {
        double[] wtr = wTransposeResidual(x);
        double[] out = new double[weights.numCols];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int j = 0; j < out.length; j++) {
                s += mInverse.get(i, j) * wtr[j];
            }
            out[i] = s;
        }
        return out;
    }

    /** Posterior covariance \(\sigma^2 M^{-1}\) (k×k), the same for every x. */
    public DMatrixRMaj posteriorCovariance() {
        DMatrixRMaj out = mInverse.copy();
        CommonOps_DDRM.scale(sigma2, out);
        return out;
    }

    /**
     * The exact posterior \(p(z\mid x) = \mathcal N\big(M^{-1}W^\top(x-\mu),\ \sigma^2M^{-1}\big)\) (PRML eq. 12.42).
     *
     * @param x length d, finite. Not modified.
     */
    public FullGaussian posterior(double[] x) {
        return FullGaussian.of(posteriorMean(x), posteriorCovariance());
    }

    /** {@link #elbo(double[], double[], DMatrixRMaj)} for q = N(q.mean(), q.covariance()) of dimension k. */
    public double elbo(double[] x, FullGaussian q) {
        Require.notNull("q", q);
        return elbo(x, q.mean(), q.covariance());
    }

    /** \(W^\top(x-\mu)\), after validating x. */
    private double[] wTransposeResidual(double[] x) {
        Require.length("x", x, mean.length);
        Require.finite("x", x);
        int d = mean.length;
        int k = weights.numCols;
        double[] out = new double[k];
        for (int i = 0; i < d; i++) {
            double r = x[i] - mean[i];
            for (int j = 0; j < k; j++) {
                out[j] += weights.get(i, j) * r;
            }
        }
        return out;
    }

    /**
     * \(\log\mathcal N(x\mid\mu, C) = -\frac12\big(d\log 2\pi + \log|C| + (x-\mu)^\top C^{-1}(x-\mu)\big)\), with the
     * quadratic form \(\sigma^{-2}(\lVert r\rVert^2 - (W^\top r)^\top M^{-1} W^\top r)\), r = x − μ.
     *
     * @param x length d, finite. Not modified.
     */
    public double logDensity(double[] x) {
        Require.length("x", x, mean.length);
        Require.finite("x", x);
        // The quadratic form is computed on the residual divided by s, the power of two at or below max(|x_i|, |mu_i|)
        // (exact divisions), and multiplied by s^2 at the end, so that a huge ||x - mu|| (1e300) gives -Infinity
        // instead of Infinity - Infinity = NaN; for ordinary x the result is the same bits.
        double largest = 0;
        for (int i = 0; i < mean.length; i++) {
            largest = Math.max(largest, Math.max(Math.abs(x[i]), Math.abs(mean[i])));
        }
        double scale = largest >= 1 ? Math.scalb(1.0, Math.getExponent(largest)) : 1;
        double rr = 0;
        for (int i = 0; i < mean.length; i++) {
            double r = x[i] / scale - mean[i] / scale;
            rr += r * r;
        }
        int k = weights.numCols;
        double[] wtr = new double[k]; // W^T (x - mu) / s
        for (int i = 0; i < mean.length; i++) {
            double r = x[i] / scale - mean[i] / scale;
            for (int j = 0; j < k; j++) {
                wtr[j] += weights.get(i, j) * r;
            }
        }
        double correction = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                correction += wtr[i] * mInverse.get(i, j) * wtr[j];
            }
        }
        double quad = (rr - correction) / sigma2 * scale * scale;
        return -0.5 * (mean.length * LOG_2PI + logDeterminantCovariance() + quad);
    }

    /**
     * Exact log-likelihood \(\sum_n \log\mathcal N(x_n\mid\mu, C)\) (a SUM over rows).
     *
     * @param data N×d, finite. Not modified.
     */
    public double logLikelihood(DMatrixRMaj data) {
        Require.cols("data", data, mean.length);
        Require.finite("data", data);
        double[] row = new double[mean.length];
        double s = 0;
        for (int n = 0; n < data.numRows; n++) {
            System.arraycopy(data.data, n * mean.length, row, 0, mean.length);
            s += logDensity(row);
        }
        return s;
    }

    /**
     * Closed-form ELBO \(\mathbb E_q\log p(x\mid z) + \mathbb E_q\log p(z) + H(q)\) for \(q(z) = \mathcal N(m, S)\)
     * (see the class comment). Equals {@link #logDensity} exactly when q is the posterior.
     *
     * @param x length d, finite. Not modified.
     * @param qMean m, length k, finite. Not modified.
     * @param qCov S, k×k symmetric positive definite. Not modified.
     */
    public double elbo(double[] x, double[] qMean, DMatrixRMaj qCov) {
        Require.length("x", x, mean.length);
        Require.finite("x", x);
        int d = mean.length;
        int k = weights.numCols;
        Require.length("qMean", qMean, k);
        Require.finite("qMean", qMean);
        Require.shape("qCov", qCov, k, k);
        SymmetricEigen.requireSymmetric("qCov", qCov);
        double logDetS;
        try {
            logDetS = logDetSpd(qCov);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("qCov must be symmetric positive definite, Cholesky failed for "
                    + qCov.numRows + "x" + qCov.numCols + " matrix");
        }
        double residual = 0;
        for (int i = 0; i < d; i++) {
            double r = x[i] - mean[i];
            for (int j = 0; j < k; j++) {
                r -= weights.get(i, j) * qMean[j];
            }
            residual += r * r;
        }
        DMatrixRMaj wtw = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransA(weights, weights, wtw);
        double traceWtwS = 0;
        double traceS = 0;
        double meanSq = 0;
        for (int i = 0; i < k; i++) {
            traceS += qCov.get(i, i);
            meanSq += qMean[i] * qMean[i];
            for (int j = 0; j < k; j++) {
                traceWtwS += wtw.get(i, j) * qCov.get(j, i);
            }
        }
        double expectedLogLikelihood = -0.5 * d * (LOG_2PI + Math.log(sigma2)) - (residual + traceWtwS) / (2 * sigma2);
        double expectedLogPrior = -0.5 * k * LOG_2PI - 0.5 * (meanSq + traceS);
        double entropy = 0.5 * k * (1 + LOG_2PI) + 0.5 * logDetS;
        return expectedLogLikelihood + expectedLogPrior + entropy;
    }

    /**
     * n draws from the generative model: per row, k standard normals z then d standard normals ε, and
     * \(x = Wz + \mu + \sigma\varepsilon\). Same generator state ⇒ bit-identical output.
     *
     * @param n number of samples ≥ 1
     * @param rng Modified (advanced by n(k+d) Gaussian draws).
     * @return n×d
     */
    public DMatrixRMaj sample(int n, RandomGenerator rng) {
        Require.notNull("rng", rng);
        Require.positive("n", n);
        int d = mean.length;
        int k = weights.numCols;
        double sigma = Math.sqrt(sigma2);
        Require.matrixSize("n x d (the sample matrix)", n, d);
        DMatrixRMaj out = new DMatrixRMaj(n, d);
        double[] z = new double[k];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < k; j++) {
                z[j] = rng.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                double v = mean[i] + sigma * rng.nextGaussian();
                for (int j = 0; j < k; j++) {
                    v += weights.get(i, j) * z[j];
                }
                out.set(s, i, v);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ProbabilisticPca[d=" + mean.length + ", k=" + weights.numCols + ", sigma2=" + sigma2 + "]";
    }
}
