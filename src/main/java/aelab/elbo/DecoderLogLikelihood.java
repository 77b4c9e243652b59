package aelab.elbo;

/**
 * The decoder's log-likelihood \(z \mapsto \log p_\theta(x\mid z)\) for one fixed observation x, e.g.
 * {@code z -> Likelihoods.gaussianLogLikelihood(x, decode(z), sigma2)}. Must return a finite number.
 */
@FunctionalInterface
public interface DecoderLogLikelihood {
    /** \(\log p_\theta(x\mid z)\). z: must not be modified. */
    double logLikelihood(double[] z);
}
