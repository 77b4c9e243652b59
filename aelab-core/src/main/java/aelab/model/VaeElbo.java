package aelab.model;

/**
 * A single-sample Monte Carlo ELBO estimate, each term a mean per sample:
 * {@code elbo = reconstructionLogLikelihood − kl}, with reconstructionLogLikelihood \(\approx
 * \mathbb{E}_{q(z|x)}[\log p(x|z)]\) (one reparameterized z per x) and kl = KL(q(z|x) ‖ N(0, I)) in closed form.
 * The ELBO is unweighted (β is a training weight, not part of the bound). Kingma &amp; Welling (2014),
 * "Auto-Encoding Variational Bayes", eq. 3 and eq. 10 (L = 1).
 */
public record VaeElbo(double elbo, double reconstructionLogLikelihood, double kl) {
}
