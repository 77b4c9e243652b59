package aelab.elbo;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

import aelab.core.Interrupts;
import aelab.core.Require;
import aelab.core.Rng;
import aelab.gaussian.DiagonalGaussian;

/**
 * Two unbiased Monte Carlo estimators of \(\nabla_{\mu,\log\sigma^2}\,\mathbb E_{z\sim q}[f(z)]\) for a diagonal
 * Gaussian \(q = \mathcal N(\mu, \mathrm{diag}\,\sigma^2)\), \(z = \mu + \sigma\odot\varepsilon\):
 *
 * <ul>
 *   <li>score function / REINFORCE (Williams 1992; Mohamed et al. 2020, "Monte Carlo Gradient Estimation in Machine
 *       Learning", §4): \(g = f(z)\,\nabla\log q(z)\) with \(\partial_{\mu_i}\log q = (z_i-\mu_i)/\sigma_i^2 =
 *       \varepsilon_i/\sigma_i\) and \(\partial_{\log\sigma_i^2}\log q = \tfrac12(\varepsilon_i^2 - 1)\) — no baseline;</li>
 *   <li>pathwise / reparameterization (Kingma &amp; Welling 2014 §2.4; Mohamed et al. §5): \(g_{\mu_i} =
 *       \partial_i f(z)\), \(g_{\log\sigma_i^2} = \partial_i f(z)\,\varepsilon_i\,\tfrac12\sigma_i\) (chain rule
 *       through \(\sigma_i = e^{\frac12\log\sigma_i^2}\)).</li>
 * </ul>
 * Both return the mean over n draws and the per-coordinate variance of the single-draw gradient; the pathwise
 * estimator typically has far lower variance. The result is \(+\nabla\,\mathbb E_q[f]\), the gradient of the
 * expectation itself; to train with an {@link aelab.optim.Optimizer}, which minimises, pass the gradient of the
 * loss (e.g. of −ELBO) as described in {@link aelab.optim}.
 *
 * <p>Interruptible: the thread's interrupt status is tested before every sample; an interrupted estimate throws
 * {@link aelab.core.InterruptedComputationException} (samples done of those requested) with the status left set.
 */
public final class GradientEstimators {
    private GradientEstimators() {
    }

    /** Score-function estimate with n ≥ 2 draws; f must return finite values. rng: Modified. */
    public static GradientEstimate scoreFunction(DiagonalGaussian q, ToDoubleFunction<double[]> f, int n,
                                                 RandomGenerator rng) {
        Require.notNull("f", f);
        return estimate(q, n, rng, (eps, z, sigma, gMean, gLogVar) -> {
            double value = f.applyAsDouble(z);
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("f must be finite, got " + value + " at z = "
                        + java.util.Arrays.toString(z));
            }
            for (int i = 0; i < eps.length; i++) {
                gMean[i] = value * eps[i] / sigma[i];
                gLogVar[i] = value * 0.5 * (eps[i] * eps[i] - 1);
            }
        });
    }

    /**
     * Pathwise estimate with n ≥ 2 draws; gradF(z) must return ∇f(z), a finite vector of length d. rng: Modified.
     */
    public static GradientEstimate pathwise(DiagonalGaussian q, Function<double[], double[]> gradF, int n,
                                            RandomGenerator rng) {
        Require.notNull("gradF", gradF);
        return estimate(q, n, rng, (eps, z, sigma, gMean, gLogVar) -> {
            double[] grad = gradF.apply(z);
            Require.length("gradF(z)", grad, eps.length);
            Require.finite("gradF(z)", grad);
            for (int i = 0; i < eps.length; i++) {
                gMean[i] = grad[i];
                gLogVar[i] = grad[i] * eps[i] * 0.5 * sigma[i];
            }
        });
    }

    /** One draw's gradient: fills gMean and gLogVar from ε, z = μ + σ ⊙ ε and σ. */
    private interface SingleDrawGradient {
        void compute(double[] eps, double[] z, double[] sigma, double[] gMean, double[] gLogVar);
    }

    private static GradientEstimate estimate(DiagonalGaussian q, int n, RandomGenerator rng,
                                             SingleDrawGradient gradient) {
        Require.notNull("q", q);
        Require.notNull("rng", rng);
        if (n < 2) {
            throw new IllegalArgumentException("n must be >= 2 (for a variance), got " + n);
        }
        int d = q.dimension();
        double[] sigma = q.std();
        Moments mean = new Moments(d);
        Moments logVar = new Moments(d);
        double[] gMean = new double[d];
        double[] gLogVar = new double[d];
        double[] eps = new double[d];
        for (int s = 0; s < n; s++) {
            Interrupts.check("gradient estimate", s, n, "samples");
            Rng.standardNormal(eps, rng);
            gradient.compute(eps, q.sampleWith(eps), sigma, gMean, gLogVar);
            mean.add(gMean);
            logVar.add(gLogVar);
        }
        return new GradientEstimate(mean.mean, logVar.mean, mean.variance(), logVar.variance(), n);
    }

    /** Per-coordinate running mean and variance (Welford). */
    private static final class Moments {
        final double[] mean;
        final double[] m2;
        int count;

        Moments(int d) {
            mean = new double[d];
            m2 = new double[d];
        }

        void add(double[] g) {
            count++;
            for (int i = 0; i < g.length; i++) {
                double delta = g[i] - mean[i];
                mean[i] += delta / count;
                m2[i] += delta * (g[i] - mean[i]);
            }
        }

        double[] variance() {
            double[] v = new double[m2.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = m2[i] / (count - 1);
            }
            return v;
        }
    }
}
