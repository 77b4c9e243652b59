/**
 * Dense linear-algebra kernels on the training hot path. {@link aelab.linalg.Gemm} is the single entry point for
 * the three matrix products backpropagation needs ({@code A·B}, {@code Aᵀ·B}, {@code A·Bᵀ}), so that the kernel
 * behind them can be tuned in one place; {@link aelab.linalg.ArrayMath} holds the element-wise functions of that path
 * (bit for bit their {@code StrictMath} counterparts), {@link aelab.linalg.FloatMath} float exp and log1p (the same bits
 * on the Vector API and off it), and {@link aelab.linalg.Threads} the threads both use.
 */
package aelab.linalg;
