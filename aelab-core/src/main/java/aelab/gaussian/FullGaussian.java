package aelab.gaussian;

import aelab.core.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * The full-covariance Gaussian \(\mathcal N(z; \mu, \Sigma)\) on \(\mathbb R^k\), evaluated through the cached
 * Cholesky factor \(\Sigma = LL^\top\) (L lower triangular, positive diagonal) — never through an explicit inverse.
 *
 * <ul>
 *   <li>density (Bishop PRML eq. 2.43; Murphy, PML1 §3.2):
 *       \(\log\mathcal N(z;\mu,\Sigma) = -\tfrac12\big[k\log 2\pi + \log\det\Sigma + \|L^{-1}(z-\mu)\|^2\big]\),
 *       \(\log\det\Sigma = 2\sum_i\log L_{ii}\), \(L^{-1}(z-\mu)\) by forward substitution;</li>
 *   <li>entropy: \(H = \tfrac k2(1+\log 2\pi) + \tfrac12\log\det\Sigma\) (PRML eq. 2.283 / B.41);</li>
 *   <li>reparameterized sample: \(z = \mu + L\varepsilon\), \(\varepsilon\sim\mathcal N(0,I)\), so
 *       \(\mathrm{Cov}(z) = LL^\top = \Sigma\).</li>
 * </ul>
 *
 * <p>The factory checks that Σ is square, matches μ, is finite, symmetric up to a relative tolerance
 * ({@value #SYMMETRY_TOLERANCE} times \(\max(|\Sigma_{ij}|, |\Sigma_{ji}|, \sqrt{|\Sigma_{ii}\Sigma_{jj}|})\),
 * {@link Require#symmetric}), and
 * positive definite (every Cholesky pivot &gt; 0). The stored covariance is the symmetrized \((\Sigma+\Sigma^\top)/2\).
 * Immutable.
 */
public final class FullGaussian implements Gaussian {
    /** Relative tolerance of the symmetry check. */
    public static final double SYMMETRY_TOLERANCE = 1e-10;

    private final double[] mean;
    private final DMatrixRMaj covariance;
    private final DMatrixRMaj cholesky;
    private final double logDeterminant;

    private FullGaussian(double[] mean, DMatrixRMaj covariance, DMatrixRMaj cholesky) {
        this.mean = mean;
        this.covariance = covariance;
        this.cholesky = cholesky;
        double sumLogDiag = 0;
        for (int i = 0; i < mean.length; i++) {
            sumLogDiag += Math.log(cholesky.get(i, i));
        }
        this.logDeterminant = 2 * sumLogDiag;
    }

    /**
     * \(\mathcal N(\mu, \Sigma)\). mean: Not modified (copied), length k ≥ 1, finite. covariance: Not modified
     * (copied), k×k, finite, symmetric positive definite.
     */
    public static FullGaussian of(double[] mean, DMatrixRMaj covariance) {
        DiagonalGaussian.checkMean(mean);
        int k = mean.length;
        Require.square("covariance", covariance);
        Require.shape("covariance", covariance, k, k);
        DMatrixRMaj sym = symmetrized(covariance);
        return new FullGaussian(mean.clone(), sym, choleskyOf(sym));
    }

    /** The standard normal \(\mathcal N(0, I_k)\), k ≥ 1. */
    public static FullGaussian standard(int dimension) {
        Require.positive("dimension", dimension);
        DMatrixRMaj identity = new DMatrixRMaj(dimension, dimension);
        for (int i = 0; i < dimension; i++) {
            identity.set(i, i, 1);
        }
        return new FullGaussian(new double[dimension], identity, identity.copy());
    }

    /** (a + aᵀ)/2 after {@link Require#symmetric} with {@link #SYMMETRY_TOLERANCE}. */
    private static DMatrixRMaj symmetrized(DMatrixRMaj a) {
        Require.symmetric("covariance", a, SYMMETRY_TOLERANCE);
        int k = a.numRows;
        DMatrixRMaj s = new DMatrixRMaj(k, k);
        for (int i = 0; i < k; i++) {
            s.set(i, i, a.get(i, i));
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (a.get(i, j) + a.get(j, i));
                s.set(i, j, v);
                s.set(j, i, v);
            }
        }
        return s;
    }

    /**
     * Cholesky–Banachiewicz: the lower-triangular L with LLᵀ = a; rejects a pivot that is not positive, or not
     * distinguishable from zero. The computed factor is exact for a + Δa with
     * \(\|\Delta a\|_2 \le k\,\gamma_{k+1}\|a\|_2\), \(\gamma_m = mu/(1-mu)\), u the unit roundoff (Higham,
     * <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., Thm 10.5). Applied to the scaled matrix
     * \(D^{-1/2}aD^{-1/2}\), D = diag(a) (whose pivots are \(p_j/a_{jj}\) and whose norm is at most its trace k), so
     * that the test does not depend on units: pivot j is rejected when \(p_j \le k^2\gamma_{k+1}a_{jj}\), i.e. when
     * the matrix is within rounding of a singular one (two identical rows give a pivot of 1e-16 instead of 0).
     */
    private static DMatrixRMaj choleskyOf(DMatrixRMaj a) {
        int k = a.numRows;
        double u = Math.ulp(1.0) / 2;
        double relativeThreshold = (double) k * k * ((k + 1) * u / (1 - (k + 1) * u));
        DMatrixRMaj l = new DMatrixRMaj(k, k);
        for (int j = 0; j < k; j++) {
            double pivot = a.get(j, j);
            for (int m = 0; m < j; m++) {
                pivot -= l.get(j, m) * l.get(j, m);
            }
            if (!(pivot > 0)) {
                throw new IllegalArgumentException("covariance must be symmetric positive definite, but Cholesky"
                        + " factorization got the non-positive pivot " + pivot + " at index " + j + " (the leading "
                        + (j + 1) + "x" + (j + 1) + " block is not positive definite; diagonal entry "
                        + a.get(j, j) + ")");
            }
            if (pivot <= relativeThreshold * a.get(j, j)) {
                throw new IllegalArgumentException("covariance must be numerically positive definite, but the Cholesky"
                        + " pivot at index " + j + " is " + pivot + ", within the rounding error of the factorization"
                        + " (k^2*gamma_(k+1)*diagonal = " + relativeThreshold * a.get(j, j) + "): the leading "
                        + (j + 1) + "x" + (j + 1) + " block is singular to working precision (e.g. two identical rows)");
            }
            double ljj = Math.sqrt(pivot);
            l.set(j, j, ljj);
            for (int i = j + 1; i < k; i++) {
                double s = a.get(i, j);
                for (int m = 0; m < j; m++) {
                    s -= l.get(i, m) * l.get(j, m);
                }
                l.set(i, j, s / ljj);
            }
        }
        return l;
    }

    /** Solves L y = b by forward substitution (L lower triangular). l, b: Not modified. */
    static double[] forwardSubstitute(DMatrixRMaj l, double[] b) {
        int k = b.length;
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            double s = b[i];
            for (int m = 0; m < i; m++) {
                s -= l.get(i, m) * y[m];
            }
            y[i] = s / l.get(i, i);
        }
        return y;
    }

    /** \(\|L^{-1}v\|^2 = v^\top\Sigma^{-1}v\). */
    static double mahalanobisSquared(DMatrixRMaj l, double[] v) {
        double[] y = forwardSubstitute(l, v);
        double s = 0;
        for (double yi : y) {
            s += yi * yi;
        }
        return s;
    }

    /** The cached factor (no copy) for package-internal use. */
    DMatrixRMaj choleskyInternal() {
        return cholesky;
    }

    @Override
    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of Σ (symmetrized). */
    public DMatrixRMaj covariance() {
        return covariance.copy();
    }

    /** A copy of the lower-triangular Cholesky factor L (\(LL^\top = \Sigma\)). */
    public DMatrixRMaj cholesky() {
        return cholesky.copy();
    }

    /** \(\log\det\Sigma = 2\sum_i \log L_{ii}\). */
    public double logDeterminant() {
        return logDeterminant;
    }

    @Override
    public double logDensity(double[] z) {
        Require.length("z", z, mean.length);
        Require.finite("z", z);
        double[] diff = new double[mean.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = z[i] - mean[i];
        }
        return -0.5 * (mean.length * DiagonalGaussian.LOG_TWO_PI + logDeterminant
                + mahalanobisSquared(cholesky, diff));
    }

    @Override
    public double entropy() {
        return 0.5 * mean.length * (1 + DiagonalGaussian.LOG_TWO_PI) + 0.5 * logDeterminant;
    }

    @Override
    public double[] sampleWith(double[] eps) {
        Require.length("eps", eps, mean.length);
        Require.finite("eps", eps);
        int k = mean.length;
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            double s = mean[i];
            for (int m = 0; m <= i; m++) {
                s += cholesky.get(i, m) * eps[m];
            }
            z[i] = s;
        }
        return z;
    }

    @Override
    public String toString() {
        return "FullGaussian(mean=" + java.util.Arrays.toString(mean) + ", covariance=" + covariance + ")";
    }
}
