/**
 * Analysis of the linear autoencoder \(\hat x = W_dW_ex\) and of optimal linear denoisers.
 *
 * <ul>
 *   <li>{@link aelab.linearae.LinearAutoencoderAnalysis} — loss \(\mathbb E\lVert x - W_dW_ex\rVert^2\) in closed form
 *       from the covariance Σ, its gradients (untied and tied) with finite-difference references, the stationary
 *       points built from eigenvector subsets, the analytic Hessian and the classification of critical points
 *       (Baldi &amp; Hornik 1989: the top-k subspace is the only minimum, all others are saddles), the GL(k)
 *       invariance, and principal angles between subspaces (Björck &amp; Golub 1973). Loss, gradients and Hessian
 *       also accept overcomplete codes (k &gt; d), where the identity \(W_dW_e = I\) gives loss 0.</li>
 *   <li>{@link aelab.linearae.LinearAutoencoderWeights} — an immutable (W_e, W_d) pair.</li>
 *   <li>{@link aelab.linearae.StationaryPointType} — MINIMUM, SADDLE, MAXIMUM, DEGENERATE, NOT_STATIONARY.</li>
 *   <li>{@link aelab.linearae.LinearDenoiser} — Wiener-style optimal W for additive Gaussian and masking noise, and
 *       their expected losses.</li>
 * </ul>
 */
package aelab.linearae;
