/**
 * Shared foundations: argument validation ({@link aelab.core.Require}) with the project's error-message format
 * ("decoder input must be 64x8, got 64x10"), and seeded randomness ({@link aelab.core.Rng}).
 */
package aelab.core;
