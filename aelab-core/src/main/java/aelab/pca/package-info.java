/**
 * Principal component analysis and probabilistic PCA.
 *
 * <ul>
 *   <li>{@link aelab.pca.Pca} — PCA of an n×d data matrix (rows = samples) by SVD of the centred data or by the
 *       symmetric eigendecomposition of the covariance (1/n by default, 1/(n−1) on request); projection,
 *       reconstruction, explained variance (Bishop PRML §12.1).</li>
 *   <li>{@link aelab.pca.ProbabilisticPca} — Tipping &amp; Bishop's (1999) latent Gaussian model
 *       \(x = Wz + \mu + \sigma\varepsilon\): closed-form maximum likelihood, precision via the k×k matrix
 *       \(M = W^\top W + \sigma^2 I\), exact log-likelihood, posterior \(\mathcal N(M^{-1}W^\top(x-\mu), \sigma^2 M^{-1})\),
 *       closed-form ELBO for a Gaussian q, sampling (PRML §12.2).</li>
 *   <li>{@link aelab.pca.SymmetricEigen} — sorted, sign-normalised symmetric eigendecomposition (also used by
 *       {@code aelab.linearae}).</li>
 * </ul>
 */
package aelab.pca;
