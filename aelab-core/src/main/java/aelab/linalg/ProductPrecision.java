package aelab.linalg;

/**
 * The arithmetic of a matrix product's multiply-adds; inputs, outputs and everything around the product stay
 * {@code double}.
 *
 * <ul>
 *   <li>{@link #FLOAT64} (the default): every entry of C is the chain {@code s = fma(op(A)[i][p], op(B)[p][j], s)}
 *       in double over p = 0..k−1, starting from C's value (0 for a plain product).</li>
 *   <li>{@link #FLOAT32}: the entries of op(A) and op(B) are rounded to float, the chain
 *       {@code t = fma(a, b, t)} runs in float from t = 0 over p = 0..k−1, and C gets {@code (double) t} (added to
 *       its value for the accumulating forms). Twice the vector lanes, half the bytes per entry: about twice the
 *       speed of the products on AVX-512, at float's precision (relative error of order √k·2⁻²⁴ per entry, against
 *       √k·2⁻⁵³). This is what PyTorch, JAX and TensorFlow train in by default ({@code torch.float32}); it is not
 *       precise enough for finite-difference gradient checks, which should use {@link #FLOAT64}.</li>
 * </ul>
 * Either way the result is the same bits on any thread count and with either of {@link Gemm}'s kernels. A
 * {@link aelab.model.Vae} with FLOAT32 products trained by {@link aelab.train.Trainer} goes further and trains in
 * float32 storage ({@link aelab.model.TrainingStep}): its products then run on float operands and outputs
 * ({@code Gemm}'s {@code FMatrixRMaj} forms).
 */
public enum ProductPrecision {
    /** Double-precision multiply-adds (the default). */
    FLOAT64,
    /** Single-precision multiply-adds, accumulated in float and returned as double. */
    FLOAT32
}
