package aelab.gaussian;

import aelab.core.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * Closed-form Kullback–Leibler divergences between Gaussians, in nats.
 *
 * <ul>
 *   <li>VAE regularizer (Kingma &amp; Welling 2014, "Auto-Encoding Variational Bayes", App. B):
 *       \(\mathrm{KL}(\mathcal N(\mu,\mathrm{diag}\,\sigma^2)\,\|\,\mathcal N(0,I))
 *       = \tfrac12\sum_i(\mu_i^2 + \sigma_i^2 - 1 - \log\sigma_i^2)\);</li>
 *   <li>diagonal to diagonal:
 *       \(\tfrac12\sum_i\big[\sigma_{q,i}^2/\sigma_{p,i}^2 + (\mu_{p,i}-\mu_{q,i})^2/\sigma_{p,i}^2 - 1
 *       + \log\sigma_{p,i}^2 - \log\sigma_{q,i}^2\big]\);</li>
 *   <li>full covariance (Murphy, PML1 §6.2.3; Bishop PRML Ex. 2.13 / Duchi's notes), with q = N(μ₀,Σ₀),
 *       p = N(μ₁,Σ₁) in k dimensions:
 *       \(\tfrac12\big[\mathrm{tr}(\Sigma_1^{-1}\Sigma_0) + (\mu_1-\mu_0)^\top\Sigma_1^{-1}(\mu_1-\mu_0) - k
 *       + \log\det\Sigma_1 - \log\det\Sigma_0\big]\).</li>
 * </ul>
 *
 * <p>Numerics. The term \(g(t) = e^t - 1 - t\) (with \(t = \log\sigma^2\), or \(t = \log\sigma_q^2-\log\sigma_p^2\))
 * is computed as {@code expm1(t) − t} for \(|t| \ge 1/2\) and by its Taylor series
 * \(\sum_{n\ge2} t^n/n!\) for \(|t| &lt; 1/2\), so it has full relative accuracy for every t in [−60, 60] — the naive
 * {@code exp(t) - 1 - t} loses all digits as t → 0 and returns 0 or negative values. The full-covariance form uses the
 * Cholesky factors: \(\mathrm{tr}(\Sigma_1^{-1}\Sigma_0) = \|L_1^{-1}L_0\|_F^2\),
 * \((\mu_1-\mu_0)^\top\Sigma_1^{-1}(\mu_1-\mu_0) = \|L_1^{-1}(\mu_1-\mu_0)\|^2\) (triangular solves),
 * \(\log\det\Sigma = 2\sum_i\log L_{ii}\); no explicit inverse is formed.
 */
public final class GaussianKl {
    private static final double SERIES_THRESHOLD = 0.5;

    private GaussianKl() {
    }

    /**
     * \(g(t) = e^t - 1 - t \ge 0\), accurate to a few ulps for all finite t up to ~709.
     */
    public static double expMinusOneMinusX(double t) {
        if (Math.abs(t) >= SERIES_THRESHOLD) {
            return Math.expm1(t) - t;
        }
        // Taylor series t^2/2! + t^3/3! + ...; |t| < 1/2 so 25 terms reach far below 1 ulp.
        double term = t * t / 2;
        double sum = term;
        for (int n = 3; n < 30; n++) {
            term *= t / n;
            double next = sum + term;
            if (next == sum) {
                break;
            }
            sum = next;
        }
        return sum;
    }

    /**
     * Per-dimension \(\mathrm{KL}_i = \tfrac12(\mu_i^2 + \sigma_i^2 - 1 - \log\sigma_i^2)\).
     * mu, logVar: Not modified; equal lengths, finite, logVar in [−60, 60].
     */
    public static double[] diagonalToStandardPerDimension(double[] mu, double[] logVar) {
        checkMeanAndLogVar(mu, logVar);
        double[] kl = new double[mu.length];
        for (int i = 0; i < kl.length; i++) {
            kl[i] = 0.5 * (mu[i] * mu[i] + expMinusOneMinusX(logVar[i]));
        }
        return kl;
    }

    /** \(\mathrm{KL}(\mathcal N(\mu,\mathrm{diag}\,e^{\text{logVar}})\,\|\,\mathcal N(0,I))\). Inputs Not modified. */
    public static double diagonalToStandard(double[] mu, double[] logVar) {
        double sum = 0;
        for (double v : diagonalToStandardPerDimension(mu, logVar)) {
            sum += v;
        }
        return sum;
    }

    /** KL(q ‖ N(0, I)) for a diagonal q. */
    public static double diagonalToStandard(DiagonalGaussian q) {
        Require.notNull("q", q);
        return diagonalToStandard(q.mean(), q.logVar());
    }

    /** KL(q ‖ N(0, I)) for any {@link Gaussian} q (diagonal or full). */
    public static double toStandard(Gaussian q) {
        Require.notNull("q", q);
        if (q instanceof DiagonalGaussian) {
            return diagonalToStandard((DiagonalGaussian) q);
        }
        return full((FullGaussian) q, FullGaussian.standard(q.dimension()));
    }

    /** \(\partial\,\mathrm{KL}/\partial\mu_i = \mu_i\) (a copy of mu). Inputs Not modified. */
    public static double[] diagonalToStandardGradMean(double[] mu, double[] logVar) {
        checkMeanAndLogVar(mu, logVar);
        return mu.clone();
    }

    /**
     * \(\partial\,\mathrm{KL}/\partial\log\sigma_i^2 = \tfrac12(\sigma_i^2 - 1)\), computed as ½·expm1(logVar) so it is
     * accurate near σ² = 1. Inputs Not modified.
     */
    public static double[] diagonalToStandardGradLogVar(double[] mu, double[] logVar) {
        checkMeanAndLogVar(mu, logVar);
        double[] g = new double[logVar.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = 0.5 * Math.expm1(logVar[i]);
        }
        return g;
    }

    /** KL(q ‖ p) for two diagonal Gaussians of the same dimension. */
    public static double diagonalToDiagonal(DiagonalGaussian q, DiagonalGaussian p) {
        Require.notNull("q", q);
        Require.notNull("p", p);
        requireSameDimension(q, p);
        double[] mq = q.mean();
        double[] mp = p.mean();
        double[] lq = q.logVar();
        double[] lp = p.logVar();
        double sum = 0;
        for (int i = 0; i < mq.length; i++) {
            double d = mp[i] - mq[i];
            sum += expMinusOneMinusX(lq[i] - lp[i]) + d * d * Math.exp(-lp[i]);
        }
        return 0.5 * sum;
    }

    /** KL(q ‖ p) = KL(N(μ₀,Σ₀) ‖ N(μ₁,Σ₁)) through the Cholesky factors (see class doc). */
    public static double full(FullGaussian q, FullGaussian p) {
        Require.notNull("q", q);
        Require.notNull("p", p);
        requireSameDimension(q, p);
        int k = q.dimension();
        DMatrixRMaj l0 = q.choleskyInternal();
        DMatrixRMaj l1 = p.choleskyInternal();
        // tr(Σ1⁻¹Σ0) = ||L1⁻¹ L0||_F², one forward substitution per column of L0.
        double trace = 0;
        double[] column = new double[k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < k; i++) {
                column[i] = l0.get(i, j);
            }
            trace += FullGaussian.mahalanobisSquared(l1, column);
        }
        double[] m0 = q.mean();
        double[] m1 = p.mean();
        double[] diff = new double[k];
        for (int i = 0; i < k; i++) {
            diff[i] = m1[i] - m0[i];
        }
        double mahalanobis = FullGaussian.mahalanobisSquared(l1, diff);
        return 0.5 * (trace + mahalanobis - k + p.logDeterminant() - q.logDeterminant());
    }

    static void requireSameDimension(Gaussian q, Gaussian p) {
        if (q.dimension() != p.dimension()) {
            throw new IllegalArgumentException("q and p must have the same dimension, got " + q.dimension()
                    + " and " + p.dimension());
        }
    }

    private static void checkMeanAndLogVar(double[] mu, double[] logVar) {
        Require.notNull("mu", mu);
        Require.finite("mu", mu);
        Require.length("logVar", logVar, mu.length);
        DiagonalGaussian.checkLogVariance(logVar);
    }
}
