/**
 * Trainable autoencoders behind one interface, {@link aelab.model.Autoencoder}: linear (tied/untied), deep (MLP),
 * denoising, sparse, contractive, and the (β-)VAE (optionally with free bits). {@link aelab.model.Disentanglement}
 * scores codes against known generative factors (MIG).
 *
 * <p><b>Construction (all models).</b> {@code Model.builder(inputDim, latentDim)}, named setters for the rest, then
 * {@code build(rng)}, which initialises every layer in a documented order from that one generator (same seed, same
 * bits): e.g. {@code SparseAutoencoder.builder(64, 100).codeActivation(Activation.SIGMOID).klPenalty(0.05, 3)
 * .build(rng)}, {@code LinearAutoencoder.builder(d, k).tiedWeights().withoutBias().build(rng)}. Setters validate at
 * once (IllegalArgumentException naming the argument); a required choice left open (the corruption of a denoising
 * AE, the penalty of a sparse or contractive AE) makes {@code build} throw IllegalStateException naming the setters.
 *
 * <p><b>Loss reduction (all models).</b> {@code lossAndGradients} returns the mean over the batch of a per-sample
 * loss that is summed over features: \(L = \frac1n\sum_{i=1}^n \ell(x_i)\). For the deterministic autoencoders
 * \(\ell(x) = \sum_j (\hat x_j - x_j)^2\) (sum of squared errors, no ½), plus the model's penalty (per-sample
 * penalties are averaged the same way; the sparse KL penalty is a function of the batch-mean activation and is added
 * once per batch; {@code SparseAutoencoder.penalty(x)} and {@code ContractiveAutoencoder.penalty(x)} return exactly
 * that term for a batch). For the VAE \(\ell(x) = -\mathbb{E}_q[\log p(x|z)] + \beta\,\mathrm{KL}(q(z|x)\,\|\,N(0,I))\)
 * estimated with one reparameterized sample per x. PyTorch equivalent: {@code F.mse_loss(xhat, x, reduction='sum')
 * / n}. Gradients are ∂L/∂θ of this L (sign convention in {@link aelab.optim}).
 */
package aelab.model;
