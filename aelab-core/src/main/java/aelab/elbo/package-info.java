/**
 * Evidence lower bound (ELBO) estimators for a Gaussian encoder and a standard normal prior:
 * {@link aelab.elbo.Elbo} (closed-form-KL and fully Monte Carlo SGVB estimators of Kingma &amp; Welling 2014, with β
 * weighting, and the importance-weighted bound of Burda et al. 2016), returning {@link aelab.elbo.ElboEstimate};
 * {@link aelab.elbo.GradientEstimators} (score-function vs pathwise gradients of E_q[f(z)], returning
 * {@link aelab.elbo.GradientEstimate}). The decoder enters as a {@link aelab.elbo.DecoderLogLikelihood} lambda.
 */
package aelab.elbo;
