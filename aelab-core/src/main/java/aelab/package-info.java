/**
 * aelab: a companion library for a course on autoencoders (AE) and variational autoencoders (VAE).
 *
 * <p>Package map (find the room for a change from this list):
 * <ul>
 *   <li>{@link aelab.core} — argument validation and small shared helpers used everywhere.</li>
 *   <li>{@link aelab.check} — executable checks that notebooks and handouts rely on.</li>
 *   <li>{@code aelab.gaussian} — Gaussian value types, reparameterized sampling, closed-form and Monte Carlo KL.</li>
 *   <li>{@code aelab.loss} — reconstruction losses (MSE, BCE) with explicit reductions, likelihoods.</li>
 *   <li>{@code aelab.elbo} — ELBO estimators, IWAE, score-function and pathwise gradient estimators.</li>
 *   <li>{@code aelab.pca} — PCA (SVD and eigen) and probabilistic PCA.</li>
 *   <li>{@code aelab.linearae} — analysis of the linear autoencoder: loss, gradients, stationary points.</li>
 *   <li>{@code aelab.nn}, {@code aelab.optim}, {@code aelab.model}, {@code aelab.train} — trainable networks.</li>
 *   <li>{@code aelab.data}, {@code aelab.plot} — datasets and headless plots.</li>
 * </ul>
 *
 * <p>Beside this library (module {@code aelab-core}, the only one on the notebook kernel's and the grader sandbox's
 * classpath) stand the instructor's tools: {@code aelab-grader} ({@code aelab.grade}), {@code aelab-kernel}
 * ({@code aelab.kernel}), {@code aelab-bench} ({@code aelab.bench}) and {@code aelab-json} ({@code aelab.json}).
 *
 * <p>Conventions: all randomness is injected (a seed or a {@link java.util.random.RandomGenerator}, or an explicit ε);
 * the random source is the last argument, except an EJML-style output argument, which stays at the very end
 * ({@code lossAndGradients(batch, rng, out)}, {@code bernoulliPixels(n, d, p, rng, out)}); models are built one way,
 * {@code Model.builder(inputDim, latentDim)…build(rng)} (named setters, no positional booleans or activation
 * triples); the library prints nothing; bad input throws {@link IllegalArgumentException} naming the argument, the
 * expected shape or range, and the value received.
 */
package aelab;
