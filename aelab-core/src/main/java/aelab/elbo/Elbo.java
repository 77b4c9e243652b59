package aelab.elbo;

import java.util.random.RandomGenerator;

import aelab.core.Interrupts;
import aelab.core.Require;
import aelab.gaussian.DiagonalGaussian;
import aelab.gaussian.Estimate;
import aelab.gaussian.Gaussian;
import aelab.gaussian.GaussianKl;

/**
 * Estimators of the evidence lower bound for one observation x, with encoder distribution q(z) (a
 * {@link Gaussian}: diagonal, or full covariance e.g. for an exact posterior), decoder log-likelihood
 * \(\log p(x\mid z)\) and prior \(p(z) = \mathcal N(0, I)\); \(z_l = \mu + A\varepsilon_l\) are reparameterized
 * draws from q.
 *
 * <ul>
 *   <li>{@link #analyticKl}: \(\hat{\mathcal L}_A = \frac1L\sum_{l=1}^L\log p(x\mid z_l) - \beta\,\mathrm{KL}(q\,\|\,
 *       \mathcal N(0,I))\) with the KL in closed form — Kingma &amp; Welling (2014), "Auto-Encoding Variational
 *       Bayes", eq. 7 (SGVB estimator B); β-VAE weighting (Higgins et al. 2017).</li>
 *   <li>{@link #monteCarlo}: \(\hat{\mathcal L}_B = \frac1L\sum_l\big[\log p(x\mid z_l) - \beta(\log q(z_l) -
 *       \log p(z_l))\big]\) — Kingma &amp; Welling (2014), eq. 6 (estimator A) for β = 1.</li>
 *   <li>{@link #iwae}: \(\mathcal L_K = \log\frac1K\sum_{k=1}^K \frac{p(x\mid z_k)\,p(z_k)}{q(z_k)}\), computed
 *       with log-sum-exp — Burda, Grosse &amp; Salakhutdinov (2016), "Importance Weighted Autoencoders", eq. 8.
 *       \(\mathbb E[\mathcal L_1] = \mathrm{ELBO} \le \mathbb E[\mathcal L_K] \le \mathbb E[\mathcal L_{K+1}]
 *       \le \log p(x)\), and \(\mathcal L_K \to \log p(x)\) as K → ∞ (their Theorem 1).</li>
 * </ul>
 *
 * <p>For β = 1 all three are bounds on \(\log p(x)\) in expectation: \(\mathrm{ELBO} = \log p(x) -
 * \mathrm{KL}(q(z)\,\|\,p(z\mid x))\). When q is the exact posterior every per-sample term equals log p(x), so the
 * estimators have zero variance. The decoder must return finite values; the generator is advanced by d normal draws
 * per sample.
 *
 * <p>Interruptible: the thread's interrupt status is tested before every sample; an interrupted estimate throws
 * {@link aelab.core.InterruptedComputationException} (samples done of those requested) with the status left set.
 */
public final class Elbo {
    private Elbo() {
    }

    /** {@link #analyticKl(Gaussian, DecoderLogLikelihood, int, double, RandomGenerator)} with β = 1. */
    public static ElboEstimate analyticKl(Gaussian q, DecoderLogLikelihood decoder, int samples, RandomGenerator rng) {
        return analyticKl(q, decoder, samples, 1, rng);
    }

    /**
     * \(\frac1L\sum_l\log p(x\mid z_l) - \beta\,\mathrm{KL}(q\,\|\,\mathcal N(0,I))\), L = {@code samples} ≥ 1,
     * β ≥ 0 finite. The standard error is that of the reconstruction average (the KL is exact).
     */
    public static ElboEstimate analyticKl(Gaussian q, DecoderLogLikelihood decoder, int samples, double beta,
                                          RandomGenerator rng) {
        checkSampled(q, decoder, samples, beta, rng);
        double[] reconstruction = new double[samples];
        for (int l = 0; l < samples; l++) {
            Interrupts.check("ELBO estimate (analytic KL)", l, samples, "samples");
            reconstruction[l] = decode(decoder, q.sample(rng));
        }
        Estimate rec = Estimate.ofSamples(reconstruction);
        double kl = GaussianKl.toStandard(q);
        return new ElboEstimate(rec.mean() - beta * kl, rec.mean(), kl, rec.standardError(), samples);
    }

    /** {@link #monteCarlo(Gaussian, DecoderLogLikelihood, int, double, RandomGenerator)} with β = 1. */
    public static ElboEstimate monteCarlo(Gaussian q, DecoderLogLikelihood decoder, int samples, RandomGenerator rng) {
        return monteCarlo(q, decoder, samples, 1, rng);
    }

    /**
     * \(\frac1L\sum_l[\log p(x\mid z_l) - \beta(\log q(z_l) - \log p(z_l))]\), L = {@code samples} ≥ 1, β ≥ 0 finite.
     * The standard error is that of the per-sample terms.
     */
    public static ElboEstimate monteCarlo(Gaussian q, DecoderLogLikelihood decoder, int samples, double beta,
                                          RandomGenerator rng) {
        checkSampled(q, decoder, samples, beta, rng);
        DiagonalGaussian prior = DiagonalGaussian.standard(q.dimension());
        double[] reconstruction = new double[samples];
        double[] klTerms = new double[samples];
        double[] terms = new double[samples];
        for (int l = 0; l < samples; l++) {
            Interrupts.check("ELBO estimate (Monte Carlo KL)", l, samples, "samples");
            double[] z = q.sample(rng);
            reconstruction[l] = decode(decoder, z);
            klTerms[l] = q.logDensity(z) - prior.logDensity(z);
            terms[l] = reconstruction[l] - beta * klTerms[l];
        }
        Estimate value = Estimate.ofSamples(terms);
        return new ElboEstimate(value.mean(), Estimate.ofSamples(reconstruction).mean(),
                Estimate.ofSamples(klTerms).mean(), value.standardError(), samples);
    }

    /**
     * The importance-weighted bound \(\log\frac1K\sum_k\exp(\log w_k)\), \(\log w_k = \log p(x\mid z_k) + \log p(z_k)
     * - \log q(z_k)\), K ≥ 1. One draw of the K-sample estimator: reconstruction, kl and standardError are NaN.
     */
    public static ElboEstimate iwae(Gaussian q, DecoderLogLikelihood decoder, int k, RandomGenerator rng) {
        checkCommon(q, decoder, rng);
        Require.positive("K (importance samples)", k);
        DiagonalGaussian prior = DiagonalGaussian.standard(q.dimension());
        double[] logWeights = new double[k];
        for (int i = 0; i < k; i++) {
            Interrupts.check("IWAE bound", i, k, "importance samples");
            double[] z = q.sample(rng);
            logWeights[i] = decode(decoder, z) + prior.logDensity(z) - q.logDensity(z);
        }
        return new ElboEstimate(logMeanExp(logWeights), Double.NaN, Double.NaN, Double.NaN, k);
    }

    /**
     * \(\log\frac1n\sum_i e^{a_i} = m + \log\frac1n\sum_i e^{a_i - m}\), \(m = \max_i a_i\) (no overflow or total
     * underflow). values: Not modified, length ≥ 1, finite.
     */
    public static double logMeanExp(double[] values) {
        Require.notNull("values", values);
        Require.positive("number of values", values.length);
        Require.finite("values", values);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum / values.length);
    }

    private static double decode(DecoderLogLikelihood decoder, double[] z) {
        double value = decoder.logLikelihood(z.clone());
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("decoder log-likelihood must be finite, got " + value + " at z = "
                    + java.util.Arrays.toString(z));
        }
        return value;
    }

    private static void checkCommon(Gaussian q, DecoderLogLikelihood decoder, RandomGenerator rng) {
        Require.notNull("q", q);
        Require.notNull("decoder", decoder);
        Require.notNull("rng", rng);
    }

    private static void checkSampled(Gaussian q, DecoderLogLikelihood decoder, int samples, double beta,
                                     RandomGenerator rng) {
        checkCommon(q, decoder, rng);
        Require.positive("L (samples)", samples);
        Require.nonNegative("beta", beta);
    }
}
