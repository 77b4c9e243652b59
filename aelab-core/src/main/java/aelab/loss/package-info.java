/**
 * Reconstruction losses and decoder likelihoods: {@link aelab.loss.ReconstructionLoss} (MSE, BCE with PyTorch-style
 * log clamping), the explicit {@link aelab.loss.Reduction} (SUM, MEAN_PER_SAMPLE, MEAN_PER_ELEMENT),
 * {@link aelab.loss.Likelihoods} (Gaussian and Bernoulli log-likelihoods, and the exact constants linking the
 * Gaussian log-likelihood to the sum of squared errors), and {@link aelab.loss.FdLibm#log1p(double)} (the Bernoulli
 * losses' log1p, bit for bit {@code StrictMath.log1p} without its native call). Sources: Bishop PRML §2.3, §4.3;
 * Kingma &amp; Welling (2014) App. C; fdlibm 5.3 ({@code s_log1p.c}).
 */
package aelab.loss;
