package aelab.loss;

import aelab.core.Require;

/**
 * Decoder log-likelihoods and their link to the reconstruction losses.
 *
 * <ul>
 *   <li>isotropic Gaussian decoder \(p(x\mid z) = \mathcal N(x; \mu, \sigma^2 I_D)\) (Bishop PRML eq. 2.43):
 *       \(\log p = -\tfrac D2\log(2\pi\sigma^2) - \|x-\mu\|^2/(2\sigma^2)\), i.e. \(\log p = -c\,\mathrm{SSE} + d\)
 *       with \(c = 1/(2\sigma^2)\), \(d = -\tfrac D2\log(2\pi\sigma^2)\) and SSE = MSE with
 *       {@link Reduction#SUM} — maximizing it is minimizing MSE only because c &gt; 0 and d do not depend on μ;</li>
 *   <li>Bernoulli decoder: \(\log p(x\mid p) = \sum_j [x_j\log p_j + (1-x_j)\log(1-p_j)]\)
 *       = −{@link ReconstructionLoss#bce(double[], double[], Reduction) BCE} with {@link Reduction#SUM} (same
 *       clamp of each log at −100).</li>
 * </ul>
 */
public final class Likelihoods {
    private Likelihoods() {
    }

    /**
     * The constants of \(\log\mathcal N(x;\mu,\sigma^2 I_D) = -c\,\|x-\mu\|^2 + d\).
     *
     * @param sseCoefficient c = 1/(2σ²)
     * @param offset         d = −(D/2) log(2πσ²)
     */
    public record GaussianSseLink(double sseCoefficient, double offset) {
        /** \(-c\cdot\mathrm{sse} + d\); sse ≥ 0 and finite. */
        public double logLikelihood(double sumSquaredError) {
            Require.nonNegative("sumSquaredError", sumSquaredError);
            return -sseCoefficient * sumSquaredError + offset;
        }
    }

    /** \(c = 1/(2\sigma^2)\), \(d = -\tfrac D2\log(2\pi\sigma^2)\) for dimension D ≥ 1 and σ² &gt; 0. */
    public static GaussianSseLink gaussianSseLink(int dimension, double sigma2) {
        Require.positive("dimension", dimension);
        Require.positive("sigma2", sigma2);
        return new GaussianSseLink(1 / (2 * sigma2), -0.5 * dimension * Math.log(2 * Math.PI * sigma2));
    }

    /** \(\log\mathcal N(x; \mu, \sigma^2 I)\). x, mean: Not modified, equal lengths, finite; σ² &gt; 0. */
    public static double gaussianLogLikelihood(double[] x, double[] mean, double sigma2) {
        Require.sameLength("x", x, "mean", mean);
        Require.finite("x", x);
        Require.finite("mean", mean);
        Require.positive("length of x", x.length);
        Require.positive("sigma2", sigma2);
        return gaussianSseLink(x.length, sigma2)
                .logLikelihood(ReconstructionLoss.sumSquaredError(x, mean, x.length));
    }

    /** \(\sum_j [x_j\log p_j + (1-x_j)\log(1-p_j)]\) (logs clamped at −100). x, p in [0, 1], equal lengths. */
    public static double bernoulliLogLikelihood(double[] x, double[] p) {
        Require.sameLength("x", x, "p", p);
        Require.finite("p", p);
        ReconstructionLoss.checkUnitInterval("p", p, p.length, 0);
        return -ReconstructionLoss.bce(x, p, Reduction.SUM);
    }
}
