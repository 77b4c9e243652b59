/**
 * Shared foundations: argument validation ({@link aelab.core.Require}) with the project's error-message format
 * ("decoder input must be 64x8, got 64x10"), seeded randomness ({@link aelab.core.Rng}), and cooperative
 * interruption of long-running calls ({@link aelab.core.Interrupts}, {@link aelab.core.InterruptedComputationException}:
 * training, Monte Carlo estimates and gradient checks stop when their thread is interrupted, e.g. by a notebook's
 * Stop button).
 */
package aelab.core;
