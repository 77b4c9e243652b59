package aelab.gaussian;

import aelab.core.Require;
import org.ejml.data.DMatrixRMaj;

/**
 * The diagonal-covariance Gaussian \(q(z) = \mathcal N(z; \mu, \mathrm{diag}(\sigma^2))\) of a VAE encoder,
 * parameterized by its mean and log-variance \(\log\sigma^2\) as in Kingma &amp; Welling (2014), "Auto-Encoding
 * Variational Bayes", §2.4 and App. B.
 *
 * <ul>
 *   <li>density: \(\log q(z) = -\tfrac12\sum_i \big[\log 2\pi + \log\sigma_i^2 + (z_i-\mu_i)^2/\sigma_i^2\big]\);</li>
 *   <li>entropy: \(H = \tfrac12\sum_i (1 + \log 2\pi + \log\sigma_i^2)\) (Bishop PRML eq. 2.283 per coordinate);</li>
 *   <li>reparameterized sample: \(z = \mu + \sigma\odot\varepsilon\), \(\sigma = \exp(\tfrac12\log\sigma^2)\),
 *       \(\varepsilon\sim\mathcal N(0,I)\) — the standard deviation, not the variance, multiplies ε.</li>
 * </ul>
 *
 * <p>Each \(\log\sigma_i^2\) must be finite and within [{@value #MIN_LOG_VARIANCE}, {@value #MAX_LOG_VARIANCE}]
 * (σ² from about 9e-27 to 1e26), so that σ², 1/σ² and their products stay finite. Immutable.
 */
public final class DiagonalGaussian implements Gaussian {
    /** Smallest accepted log-variance. */
    public static final double MIN_LOG_VARIANCE = -60;
    /** Largest accepted log-variance. */
    public static final double MAX_LOG_VARIANCE = 60;

    static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private final double[] mean;
    private final double[] logVar;
    private final double[] std;

    private DiagonalGaussian(double[] mean, double[] logVar) {
        this.mean = mean;
        this.logVar = logVar;
        this.std = new double[mean.length];
        for (int i = 0; i < std.length; i++) {
            std[i] = Math.exp(0.5 * logVar[i]);
        }
    }

    /**
     * \(\mathcal N(\mu, \mathrm{diag}(e^{\text{logVar}}))\). mean, logVar: Not modified (copied); equal lengths ≥ 1,
     * finite; logVar within [−60, 60].
     */
    public static DiagonalGaussian of(double[] mean, double[] logVar) {
        checkMean(mean);
        Require.length("logVar", logVar, mean.length);
        checkLogVariance(logVar);
        return new DiagonalGaussian(mean.clone(), logVar.clone());
    }

    /**
     * \(\mathcal N(\mu, \mathrm{diag}(\sigma^2))\) from variances (each in [e^−60, e^60], see the class comment).
     * Not modified (copied).
     */
    public static DiagonalGaussian ofVariance(double[] mean, double[] variance) {
        checkMean(mean);
        Require.length("variance", variance, mean.length);
        Require.positive("variance", variance);
        double[] logVar = new double[variance.length];
        for (int i = 0; i < logVar.length; i++) {
            logVar[i] = Math.log(variance[i]);
            if (!(logVar[i] >= MIN_LOG_VARIANCE && logVar[i] <= MAX_LOG_VARIANCE)) {
                throw new IllegalArgumentException("variance must be in [" + Math.exp(MIN_LOG_VARIANCE) + ", "
                        + Math.exp(MAX_LOG_VARIANCE) + "], got " + variance[i] + " at index " + i);
            }
        }
        return new DiagonalGaussian(mean.clone(), logVar);
    }

    /** The standard normal \(\mathcal N(0, I_d)\), d ≥ 1. */
    public static DiagonalGaussian standard(int dimension) {
        Require.positive("dimension", dimension);
        return new DiagonalGaussian(new double[dimension], new double[dimension]);
    }

    static void checkMean(double[] mean) {
        Require.notNull("mean", mean);
        Require.positive("mean length", mean.length);
        Require.finite("mean", mean);
    }

    /** Requires every log-variance to be finite and within [MIN_LOG_VARIANCE, MAX_LOG_VARIANCE]. */
    static double[] checkLogVariance(double[] logVar) {
        Require.finite("logVar", logVar);
        for (int i = 0; i < logVar.length; i++) {
            if (!(logVar[i] >= MIN_LOG_VARIANCE && logVar[i] <= MAX_LOG_VARIANCE)) {
                throw new IllegalArgumentException("logVar must be in [" + MIN_LOG_VARIANCE + ", " + MAX_LOG_VARIANCE
                        + "], got " + logVar[i] + " at index " + i);
            }
        }
        return logVar;
    }

    @Override
    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of \(\log\sigma^2\). */
    public double[] logVar() {
        return logVar.clone();
    }

    /** A copy of \(\sigma^2 = e^{\log\sigma^2}\). */
    public double[] variance() {
        double[] v = new double[logVar.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(logVar[i]);
        }
        return v;
    }

    /** A copy of \(\sigma = e^{\frac12\log\sigma^2}\). */
    public double[] std() {
        return std.clone();
    }

    /** This distribution as a {@link FullGaussian} with covariance diag(σ²). */
    public FullGaussian toFull() {
        DMatrixRMaj cov = new DMatrixRMaj(mean.length, mean.length);
        for (int i = 0; i < mean.length; i++) {
            cov.set(i, i, Math.exp(logVar[i]));
        }
        return FullGaussian.of(mean, cov);
    }

    @Override
    public double logDensity(double[] z) {
        Require.length("z", z, mean.length);
        Require.finite("z", z);
        double sum = 0;
        for (int i = 0; i < mean.length; i++) {
            double u = (z[i] - mean[i]) / std[i];
            sum += LOG_TWO_PI + logVar[i] + u * u;
        }
        return -0.5 * sum;
    }

    @Override
    public double entropy() {
        double sum = 0;
        for (double lv : logVar) {
            sum += 1 + LOG_TWO_PI + lv;
        }
        return 0.5 * sum;
    }

    @Override
    public double[] sampleWith(double[] eps) {
        Require.length("eps", eps, mean.length);
        Require.finite("eps", eps);
        double[] z = new double[mean.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = mean[i] + std[i] * eps[i];
        }
        return z;
    }

    @Override
    public String toString() {
        return "DiagonalGaussian(mean=" + java.util.Arrays.toString(mean) + ", logVar="
                + java.util.Arrays.toString(logVar) + ")";
    }
}
