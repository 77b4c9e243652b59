/**
 * Gaussian value types and KL divergences for VAEs.
 *
 * <ul>
 *   <li>{@link aelab.gaussian.DiagonalGaussian} — the encoder distribution N(μ, diag σ²), parameterized by log σ²,
 *       with log density, entropy and reparameterized sampling z = μ + σ ⊙ ε;</li>
 *   <li>{@link aelab.gaussian.FullGaussian} — N(μ, Σ) through its cached Cholesky factor (z = μ + Lε);</li>
 *   <li>{@link aelab.gaussian.GaussianKl} — closed-form KL (diagonal→standard with gradients, diagonal→diagonal,
 *       full→full), cancellation-free;</li>
 *   <li>{@link aelab.gaussian.MonteCarloKl} and {@link aelab.gaussian.Estimate} — Monte Carlo estimates with CLT
 *       standard errors.</li>
 * </ul>
 * Sources: Kingma &amp; Welling (2014) "Auto-Encoding Variational Bayes", App. B; Bishop, PRML §2.3; Murphy, PML1.
 */
package aelab.gaussian;
