package aelab.elbo;

/**
 * The decoder's log-likelihood \(z \mapsto \log p_\theta(x\mid z)\) for one fixed observation x, e.g.
 * {@code z -> Likelihoods.gaussianLogLikelihood(x, decode(z), sigma2)}. Must return a finite number. It is the
 * reconstruction term inside the ELBO \(\mathbb E_q[\log p_\theta(x\mid z)] - \mathrm{KL}(q\,\|\,p(z))\)
 * (Kingma &amp; Welling 2014, "Auto-Encoding Variational Bayes", eq. 3).
 */
@FunctionalInterface
public interface DecoderLogLikelihood {
    /** \(\log p_\theta(x\mid z)\). z: must not be modified. */
    double logLikelihood(double[] z);
}
