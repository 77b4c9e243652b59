package aelab.gaussian;

import java.util.random.RandomGenerator;

import aelab.core.Interrupts;
import aelab.core.Require;

/**
 * Monte Carlo estimate of \(\mathrm{KL}(q\,\|\,p) = \mathbb E_{z\sim q}[\log q(z) - \log p(z)]
 * \approx \frac1n\sum_{i=1}^n [\log q(z_i) - \log p(z_i)]\), \(z_i \sim q\) i.i.d., with its CLT standard error —
 * the estimator a VAE uses when no closed form exists (Kingma &amp; Welling 2014, eq. 6 vs eq. 7).
 *
 * <p>Interruptible: the thread's interrupt status is tested before every sample; an interrupted estimate throws
 * {@link aelab.core.InterruptedComputationException} (samples done of n) with the status left set.
 */
public final class MonteCarloKl {
    private MonteCarloKl() {
    }

    /**
     * The n-sample estimate of KL(q ‖ p). q, p: same dimension. n ≥ 2 for a standard error (n = 1 gives SE = NaN).
     * rng: Modified (advanced by n·d normal draws).
     */
    public static Estimate estimate(Gaussian q, Gaussian p, int n, RandomGenerator rng) {
        Require.notNull("q", q);
        Require.notNull("p", p);
        Require.notNull("rng", rng);
        Require.positive("n", n);
        GaussianKl.requireSameDimension(q, p);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            Interrupts.check("Monte Carlo KL estimate", i, n, "samples");
            double[] z = q.sample(rng);
            values[i] = q.logDensity(z) - p.logDensity(z);
        }
        return Estimate.ofSamples(values);
    }
}
