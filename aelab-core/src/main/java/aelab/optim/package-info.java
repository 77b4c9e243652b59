/**
 * Parameters, gradients and optimizers, kept as separate objects.
 *
 * <p><b>Gradient sign convention (stated once, here, for the whole library).</b> A {@link aelab.optim.Gradients}
 * entry holds \(\partial L/\partial\theta\), the derivative of the quantity being <em>minimised</em>: the mean
 * per-sample loss of an autoencoder, and for a VAE the negative ELBO (\(-\mathrm{ELBO}\), with the KL term weighted
 * by β). Optimizers step <em>against</em> the gradient (\(\theta \leftarrow \theta - \eta\,\cdot\)).
 *
 * <p>Call order for one training step: the model overwrites every gradient block
 * ({@code model.lossAndGradients(batch, rng, gradients)}), then {@code optimizer.step(parameters, gradients)} updates
 * the parameter values in place. An optimizer's state (momentum, Adam moments, step count) is bound to the first
 * {@link aelab.optim.Parameters} it steps; {@link aelab.optim.Optimizer#copy()} gives a fresh optimizer with the same
 * hyper-parameters and empty state.
 */
package aelab.optim;
