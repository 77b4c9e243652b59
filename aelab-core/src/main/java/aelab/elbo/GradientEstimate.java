package aelab.elbo;

import aelab.core.Require;

/**
 * A Monte Carlo gradient of \(\mathbb E_{q}[f(z)]\) with respect to the parameters (μ, log σ²) of a diagonal
 * Gaussian q, with the per-coordinate empirical variance of the single-sample gradient (unbiased, n − 1
 * denominator); the standard error of coordinate i is \(\sqrt{\text{variance}_i / n}\). Arrays are copied in and out.
 * This is the gradient of the expectation itself (not of a loss to minimise; for the optimizers' sign convention see
 * {@link aelab.optim}). Estimators: {@link GradientEstimators} (Mohamed et al. 2020, "Monte Carlo Gradient Estimation
 * in Machine Learning", JMLR 21, §4–5).
 *
 * @param gradMean       \(\frac1n\sum_s g^{(s)}_{\mu}\)
 * @param gradLogVar     \(\frac1n\sum_s g^{(s)}_{\log\sigma^2}\)
 * @param varianceMean   per-coordinate sample variance of \(g^{(s)}_{\mu}\)
 * @param varianceLogVar per-coordinate sample variance of \(g^{(s)}_{\log\sigma^2}\)
 * @param samples        n
 */
public record GradientEstimate(double[] gradMean, double[] gradLogVar, double[] varianceMean,
                               double[] varianceLogVar, int samples) {
    /** Copies the arrays; all four must have the same length, samples ≥ 2. */
    public GradientEstimate {
        Require.notNull("gradMean", gradMean);
        Require.length("gradLogVar", gradLogVar, gradMean.length);
        Require.length("varianceMean", varianceMean, gradMean.length);
        Require.length("varianceLogVar", varianceLogVar, gradMean.length);
        Require.inRange("samples", samples, 2, Integer.MAX_VALUE);
        gradMean = gradMean.clone();
        gradLogVar = gradLogVar.clone();
        varianceMean = varianceMean.clone();
        varianceLogVar = varianceLogVar.clone();
    }

    @Override
    public double[] gradMean() {
        return gradMean.clone();
    }

    @Override
    public double[] gradLogVar() {
        return gradLogVar.clone();
    }

    @Override
    public double[] varianceMean() {
        return varianceMean.clone();
    }

    @Override
    public double[] varianceLogVar() {
        return varianceLogVar.clone();
    }
}
