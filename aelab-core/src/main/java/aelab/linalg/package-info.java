/**
 * Dense linear-algebra kernels on the training hot path. {@link aelab.linalg.Gemm} is the single entry point for
 * the three matrix products backpropagation needs ({@code A·B}, {@code Aᵀ·B}, {@code A·Bᵀ}), so that the kernel
 * behind them can be tuned in one place.
 */
package aelab.linalg;
