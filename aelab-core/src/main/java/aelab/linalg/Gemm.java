package aelab.linalg;

import aelab.core.Require;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;

/**
 * General matrix multiply for the training hot path: {@code C = A·B}, {@code C = Aᵀ·B}, {@code C = A·Bᵀ}, and the
 * accumulating forms {@code C = C + op(A)·op(B)}.
 *
 * <p>Entry-wise, {@code C[i][j] = Σ_k op(A)[i][k]·op(B)[k][j]}. All inputs are row-major {@link DMatrixRMaj}; the
 * output is reshaped to fit (or must already fit, for the {@code *Add} forms). Inputs are not modified; the output
 * must not alias an input. A null output is allocated.
 *
 * <p>Two kernels compute every product, with the same bits:
 * <ul>
 *   <li>{@link VectorGemm}, used when the JVM has the Vector API (the incubator module {@code jdk.incubator.vector},
 *       which the notebook kernel's JVM options add): BLIS-style packing and an 8×16 register tile of fused
 *       multiply-adds, about 70-90 GFLOP/s per core on the VAE's products (AMD EPYC, AVX-512, JDK 17), and — its
 *       loops being explicit vector code — not exposed to the auto-vectoriser's JIT-history effects described
 *       below;</li>
 *   <li>otherwise the pure-Java kernel below, written for HotSpot's C2 auto-vectoriser (30-40 GFLOP/s per core).</li>
 * </ul>
 * {@link ProductPrecision#FLOAT32} products use {@link VectorGemmFloat} (or a float loop without the Vector API).
 *
 * <p>The auto-vectorised kernel follows the blocked GEMM scheme of
 * Goto &amp; van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3), 2008: the k and n
 * dimensions are cut into blocks, each block of {@code op(B)} is packed into a contiguous row-major panel that stays
 * in cache, each block of {@code op(A)} is packed once, and the micro-kernel updates two rows of C (copied into one
 * scratch array) with a rank-4 update {@code c[j] = fma(a3, b3[j], fma(a2, b2[j], fma(a1, b1[j], fma(a0, b0[j],
 * c[j]))))}, an inner loop over contiguous j that C2 turns into SIMD fused multiply-adds. Panel rows are separate
 * arrays starting at index 0 (with invariant offsets into one flat array C2 vectorises far less well).
 *
 * <p>Robustness of the compiled kernel (measured on the course's VAE, JDK 17): every shape runs the same code path
 * — k blocks are zero-padded to a multiple of {@value #KU} and an odd last row of C is paired with a zero row of A —
 * because a branch first taken late (e.g. by the smaller last batch of an epoch) made HotSpot recompile the kernel,
 * after which it ran at half speed. The speed also depended on where the scratch rows landed in memory (4K aliasing
 * between the stores to C and the loads of the panel, 10 vs 27 GFLOP/s); the scratch layout ({@link #ROW_STRIDE},
 * {@link #SPACER}) fixes their relative placement. Per-thread packing buffers are reused, so a call allocates nothing
 * once warm (except a null output). Outputs narrower than {@value #NARROW} columns (a 2-unit latent layer's) never
 * reach the kernels: their j-loop is too short to vectorise, so a scalar loop computes eight rows' chains of one
 * column at a time (8 GFLOP/s on the digits VAE's 64×128·128×2 heads, against 3.1 for the transposed product through
 * the blocked kernel that it replaced, whose packing of the transposed operand took most of the time).
 *
 * <p>Every entry of C is the chain {@code s = fma(op(A)[i][p], op(B)[p][j], s)} over p = 0..k-1 in order, from 0, or
 * from C's entry in the accumulating forms (zero padding adds fma(0, 0, s) = s), whatever the shape, the kernel and
 * the thread count: large products are cut into row (or, for the vector kernels when C is wider than tall, column)
 * ranges of C computed in parallel ({@link Threads}), so results are bit-identical on 1 or N threads.
 *
 * <p>Float storage: the overloads on {@link FMatrixRMaj} (row-major float operands and output; the same shapes,
 * checks, aliasing rule and null-output allocation) compute every entry of C as the float chain
 * {@code t = Math.fma(op(A)[i][p], op(B)[p][j], t)} over p = 0..k−1 in order, from t = 0, or from C's entry in the
 * accumulating forms, stored as float — whatever the shape (outputs narrower than {@value #NARROW} columns, k = 0,
 * m or n = 0 included), the kernel ({@link VectorGemmFloat} or the auto-vectorised float kernel, before or after
 * {@link VectorWarmUp} is ready) and the thread count. With no rounding of the inputs and no widening of C, the
 * chain runs in C's own array (for any k: it never leaves float between k blocks). For float-representable inputs,
 * {@code mult}, {@code multTransA} and {@code multTransB} give the same values as the double-storage
 * {@link ProductPrecision#FLOAT32} products; the accumulating forms do not (those add the product, rounded on its
 * own, to a double C).
 *
 * <p>Known limitation of the auto-vectorised kernel (JIT state): in some JVMs the compiled kernel runs the VAE's
 * products at about half speed for the whole run. Measured on JDK 17 (the bench's mnist-synthetic VAE, -Xmx1g):
 * 17.5-18.3 s of training-thread CPU per epoch under G1 against 7.6-8.1 s in other runs, with no GC pause during
 * training (-Xlog:gc) and the same speed under G1 and Serial in a GEMM micro-benchmark (30-40 GFLOP/s), so neither
 * write barriers nor collections cost the time; JFR puts the slow run's samples in {@code blocked} with the kernel
 * inlined and a fast run's in a stand-alone {@code twoRowKernel}, but forcing the kernel out of line (bytecode above
 * FreqInlineSize) made it slower (12 GFLOP/s) in a JVM where the inlined copy ran at 36: the slow state is a
 * compiled-code effect not yet under the library's control. The kernel's JVM options keep the kernel out of line with
 * {@code -XX:CompileCommand=dontinline} instead ({@code scripts/kernel-jvm.options}): the digits VAE, trained on this
 * kernel with pauses between epochs, then ran its epochs in 14–16 ms against 20–25 ms (2026-12-08).
 *
 * <p>Measured single-thread (AMD EPYC, AVX-512, JDK 17, {@code aelab.bench.GemmBenchCommand}): 60-80 GFLOP/s
 * (vector kernel; 90-140 in float32) and 30-40 (auto-vectorised) on the VAE's products, against 6.5 for EJML's
 * {@code CommonOps_DDRM.mult}.
 */
public final class Gemm {
    /** Depth of a k block (rows of a packed B panel). */
    static final int KC = 64;
    /** Rank of the micro-kernel's update: k blocks are zero-padded to a multiple of this. */
    static final int KU = 4;
    /** Width of an n block (columns of a packed B panel). */
    static final int NC = 512;
    /**
     * Offset of the second scratch C row in {@code Workspace.cRows}: 640 doubles = 5120 bytes ≡ 1024 (mod 4096), so the
     * two rows never share their low 12 address bits (4K aliasing makes a load wait for an unrelated store).
     */
    static final int ROW_STRIDE = 640;
    /**
     * Doubles of a spacer allocated between the B panel rows and the C rows, so that (when the allocator places them
     * one after the other) the C rows sit about 2 KB away, modulo 4096, from every panel row.
     */
    static final int SPACER = 126;
    /** Below this many columns of C the j-loop is too short to vectorise: C is computed by {@code narrow} instead. */
    static final int NARROW = 8;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Gemm() {
    }

    /**
     * c = a · b.
     *
     * @param a m×k. Not modified.
     * @param b k×n. Not modified.
     * @param c output, reshaped to m×n; null ⇒ allocated. Modified.
     * @return c
     */
    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        return mult(a, b, c, ProductPrecision.FLOAT64);
    }

    /**
     * c = aᵀ · b.
     *
     * @param a k×m. Not modified.
     * @param b k×n. Not modified.
     * @param c output, reshaped to m×n; null ⇒ allocated. Modified.
     * @return c
     */
    public static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        return multTransA(a, b, c, ProductPrecision.FLOAT64);
    }

    /**
     * c = a · bᵀ.
     *
     * @param a m×k. Not modified.
     * @param b n×k. Not modified.
     * @param c output, reshaped to m×n; null ⇒ allocated. Modified.
     * @return c
     */
    public static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        return multTransB(a, b, c, ProductPrecision.FLOAT64);
    }

    /**
     * c = c + a · b (gradient accumulation without a temporary).
     *
     * @param a m×k. Not modified.
     * @param b k×n. Not modified.
     * @param c m×n. Modified.
     */
    public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        multAdd(a, b, c, ProductPrecision.FLOAT64);
    }

    /**
     * c = c + aᵀ · b.
     *
     * @param a k×m. Not modified.
     * @param b k×n. Not modified.
     * @param c m×n. Modified.
     */
    public static void multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkInner(a, true, b, false);
        checkAccumulator(c, a, b, a.numCols, b.numCols);
        kernel(true, false, a, b, c, true, ProductPrecision.FLOAT64);
    }

    /**
     * c = c + a · bᵀ.
     *
     * @param a m×k. Not modified.
     * @param b n×k. Not modified.
     * @param c m×n. Modified.
     */
    public static void multAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkInner(a, false, b, true);
        checkAccumulator(c, a, b, a.numRows, b.numRows);
        kernel(false, true, a, b, c, true, ProductPrecision.FLOAT64);
    }

    /**
     * c = a · b with the multiply-adds in the given precision.
     *
     * @param a m×k. Not modified.
     * @param b k×n. Not modified.
     * @param c output, reshaped to m×n; null ⇒ allocated. Modified.
     * @return c
     */
    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, ProductPrecision precision) {
        Require.notNull("precision", precision);
        checkInner(a, false, b, false);
        c = output(c, a, b, a.numRows, b.numCols);
        kernel(false, false, a, b, c, false, precision);
        return c;
    }

    /**
     * c = aᵀ · b with the multiply-adds in the given precision.
     *
     * @param a k×m. Not modified.
     * @param b k×n. Not modified.
     * @param c output, reshaped to m×n; null ⇒ allocated. Modified.
     * @return c
     */
    public static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, ProductPrecision precision) {
        Require.notNull("precision", precision);
        checkInner(a, true, b, false);
        c = output(c, a, b, a.numCols, b.numCols);
        kernel(true, false, a, b, c, false, precision);
        return c;
    }

    /**
     * c = a · bᵀ with the multiply-adds in the given precision.
     *
     * @param a m×k. Not modified.
     * @param b n×k. Not modified.
     * @param c output, reshaped to m×n; null ⇒ allocated. Modified.
     * @return c
     */
    public static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, ProductPrecision precision) {
        Require.notNull("precision", precision);
        checkInner(a, false, b, true);
        c = output(c, a, b, a.numRows, b.numRows);
        kernel(false, true, a, b, c, false, precision);
        return c;
    }

    /**
     * c = c + a · b with the multiply-adds in the given precision.
     *
     * @param a m×k. Not modified.
     * @param b k×n. Not modified.
     * @param c m×n. Modified.
     */
    public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, ProductPrecision precision) {
        Require.notNull("precision", precision);
        checkInner(a, false, b, false);
        checkAccumulator(c, a, b, a.numRows, b.numCols);
        kernel(false, false, a, b, c, true, precision);
    }

    /**
     * c = a · b on float storage: every entry the float chain {@code t = Math.fma(a[i][p], b[p][j], t)}, p =
     * 0..k−1 in order from t = 0, stored as float, whatever the shape, kernel and thread count (see the class
     * Javadoc).
     *
     * @param a m×k. Not modified.
     * @param b k×n. Not modified.
     * @param c output, reshaped to m×n; null ⇒ allocated. Must not alias a or b. Modified.
     * @return c
     */
    public static FMatrixRMaj mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        checkInner(a, false, b, false);
        c = output(c, a, b, a.numRows, b.numCols);
        kernel(false, false, a, b, c, false);
        return c;
    }

    /**
     * c = aᵀ · b on float storage: every entry the float chain {@code t = Math.fma(a[p][i], b[p][j], t)}, p in order
     * from t = 0 (see the class Javadoc).
     *
     * @param a k×m. Not modified.
     * @param b k×n. Not modified.
     * @param c output, reshaped to m×n; null ⇒ allocated. Must not alias a or b. Modified.
     * @return c
     */
    public static FMatrixRMaj multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        checkInner(a, true, b, false);
        c = output(c, a, b, a.numCols, b.numCols);
        kernel(true, false, a, b, c, false);
        return c;
    }

    /**
     * c = a · bᵀ on float storage: every entry the float chain {@code t = Math.fma(a[i][p], b[j][p], t)}, p in order
     * from t = 0 (see the class Javadoc).
     *
     * @param a m×k. Not modified.
     * @param b n×k. Not modified.
     * @param c output, reshaped to m×n; null ⇒ allocated. Must not alias a or b. Modified.
     * @return c
     */
    public static FMatrixRMaj multTransB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        checkInner(a, false, b, true);
        c = output(c, a, b, a.numRows, b.numRows);
        kernel(false, true, a, b, c, false);
        return c;
    }

    /**
     * c = c + a · b on float storage: every entry the float chain {@code t = Math.fma(a[i][p], b[p][j], t)}, p in
     * order from t = c[i][j] (one rounding per step; not c + the product rounded on its own).
     *
     * @param a m×k. Not modified.
     * @param b k×n. Not modified.
     * @param c m×n. Must not alias a or b. Modified.
     */
    public static void multAdd(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        checkInner(a, false, b, false);
        checkAccumulator(c, a, b, a.numRows, b.numCols);
        kernel(false, false, a, b, c, true);
    }

    /**
     * c = c + aᵀ · b on float storage: the float chain {@code t = Math.fma(a[p][i], b[p][j], t)} from t = c[i][j].
     *
     * @param a k×m. Not modified.
     * @param b k×n. Not modified.
     * @param c m×n. Must not alias a or b. Modified.
     */
    public static void multAddTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        checkInner(a, true, b, false);
        checkAccumulator(c, a, b, a.numCols, b.numCols);
        kernel(true, false, a, b, c, true);
    }

    /**
     * c = c + a · bᵀ on float storage: the float chain {@code t = Math.fma(a[i][p], b[j][p], t)} from t = c[i][j].
     *
     * @param a m×k. Not modified.
     * @param b n×k. Not modified.
     * @param c m×n. Must not alias a or b. Modified.
     */
    public static void multAddTransB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        checkInner(a, false, b, true);
        checkAccumulator(c, a, b, a.numRows, b.numRows);
        kernel(false, true, a, b, c, true);
    }

    /** Both storages (double and float): a and b not null, their inner dimensions equal. */
    private static void checkInner(Matrix a, boolean transA, Matrix b, boolean transB) {
        Require.notNull("a", a);
        Require.notNull("b", b);
        int innerA = transA ? a.getNumRows() : a.getNumCols();
        int innerB = transB ? b.getNumCols() : b.getNumRows();
        if (innerA != innerB) {
            String product = (transA ? "aᵀ" : "a") + "·" + (transB ? "bᵀ" : "b");
            throw new IllegalArgumentException("inner dimensions of " + product + " must agree, got a " + shapeOf(a)
                    + " and b " + shapeOf(b));
        }
    }

    private static String shapeOf(Matrix m) {
        return m.getNumRows() + "x" + m.getNumCols();
    }

    /** Both storages: c is not a nor b, and its data array (cd) is not theirs (ad, bd). */
    private static void checkNotAliased(Matrix c, Matrix a, Matrix b, Object cd, Object ad, Object bd) {
        if (c == a || c == b || cd == ad || cd == bd) {
            throw new IllegalArgumentException("c must not alias an input (a or b), got the same matrix or array");
        }
    }

    private static DMatrixRMaj output(DMatrixRMaj c, DMatrixRMaj a, DMatrixRMaj b, int rows, int cols) {
        if (c == null) {
            return new DMatrixRMaj(rows, cols);
        }
        checkNotAliased(c, a, b, c.data, a.data, b.data);
        c.reshape(rows, cols);
        return c;
    }

    /** {@link #output(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, int, int)} for float storage. */
    private static FMatrixRMaj output(FMatrixRMaj c, FMatrixRMaj a, FMatrixRMaj b, int rows, int cols) {
        if (c == null) {
            return new FMatrixRMaj(rows, cols);
        }
        checkNotAliased(c, a, b, c.data, a.data, b.data);
        c.reshape(rows, cols);
        return c;
    }

    /** Both storages: c is rows×cols (cd its data array) and does not alias a or b. */
    private static void checkAccumulator(Matrix c, Matrix a, Matrix b, int rows, int cols, Object cd, Object ad,
            Object bd) {
        Require.notNull("c", c);
        if (c.getNumRows() != rows || c.getNumCols() != cols) {
            throw new IllegalArgumentException("c must be " + rows + "x" + cols + ", got " + shapeOf(c));
        }
        checkNotAliased(c, a, b, cd, ad, bd);
    }

    private static void checkAccumulator(DMatrixRMaj c, DMatrixRMaj a, DMatrixRMaj b, int rows, int cols) {
        checkAccumulator(c, a, b, rows, cols, c == null ? null : c.data, a.data, b.data);
    }

    private static void checkAccumulator(FMatrixRMaj c, FMatrixRMaj a, FMatrixRMaj b, int rows, int cols) {
        checkAccumulator(c, a, b, rows, cols, c == null ? null : c.data, a.data, b.data);
    }

    /**
     * C's rows [r0, r1) × columns [c0, c1) (+)= (double) [their product in float]: directly when the vector kernel
     * holds the whole chain in registers (k ≤ its block), otherwise through a float scratch block.
     */
    private static void partFloat(boolean vector, boolean overwrite, boolean transA, boolean transB, DMatrixRMaj a,
            DMatrixRMaj b, double[] cd, int n, int k, int r0, int r1, int c0, int c1, Workspace ws) {
        if (vector && k <= VectorGemmFloat.KC) {
            VectorGemmFloat.blocked(transA, transB, a.data, a.numCols, b.data, b.numCols, null, cd, r0 * n + c0, n, k,
                    r0, r1, c0, c1, overwrite);
            return;
        }
        final int w = c1 - c0;
        final int size = (r1 - r0) * w;
        final float[] ct = ws.floatC(size);
        if (vector) {
            VectorGemmFloat.blocked(transA, transB, a.data, a.numCols, b.data, b.numCols, ct, null, 0, w, k, r0, r1,
                    c0, c1, true);
        } else {
            Arrays.fill(ct, 0, size, 0f);
            blockedFloat(transA, transB, a.data, null, a.numCols, b.data, null, b.numCols, ct, 0, n, k, r0, r1, ws);
        }
        storeRows(ct, 0, w, cd, r0 * n + c0, n, r1 - r0, w, overwrite);
    }

    /**
     * The rows×cols block of C at cd[c0 + i·ldc + j] (+)= (double) the float block at t[t0 + i·ldt + j]: written when
     * overwriting (the bits of adding it to a zeroed C: a float chain from +0f never ends at −0.0), else added.
     */
    static void storeRows(float[] t, int t0, int ldt, double[] cd, int c0, int ldc, int rows, int cols,
            boolean overwrite) {
        for (int i = 0; i < rows; i++) {
            final int row = c0 + i * ldc;
            final int src = t0 + i * ldt;
            if (overwrite) {
                for (int j = 0; j < cols; j++) {
                    cd[row + j] = t[src + j];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    cd[row + j] += t[src + j];
                }
            }
        }
    }

    /**
     * ct += op(A)·op(B) for C's rows [from, to) (row from + i at ct[ct0 + i·n], n columns each), in float: the float
     * twin of {@link #blocked}, same blocks, panels, padding and scratch layout, each t = fma(a[i][p], b[p][j], t) with
     * p in order (zero padding adds fma(0, 0, t) = t). The float chain must stay in float between k blocks, so ct, not
     * a double C, is what the scratch rows are copied from and back to: a float scratch block of the rows for
     * {@link ProductPrecision#FLOAT32}, or C's own data for float storage. A's entries come from ad (lda columns,
     * rounded to float while packed), or from af when ad is null; likewise B's from bd or bf.
     */
    private static void blockedFloat(boolean transA, boolean transB, double[] ad, float[] af, int lda, double[] bd,
            float[] bf, int ldb, float[] ct, int ct0, int n, int k, int from, int to, Workspace ws) {
        final int rows0 = to - from;
        final float[] ap = ws.floatA((rows0 + 1) * padded(Math.min(k, KC)));
        final float[][] bp = ws.floatBRows;
        final float[] rows = ws.floatCRows;
        for (int kb = 0; kb < k; kb += KC) {
            final int kc = Math.min(KC, k - kb);
            final int kp = padded(kc);
            Arrays.fill(ap, 0, (rows0 + 1) * kp, 0f);
            // op(A)[from + i][kb + p] = A[from + i][kb + p], or A[kb + p][from + i] when transposed
            final int aRow = transA ? 1 : lda;
            final int aCol = transA ? lda : 1;
            for (int i = 0; i < rows0; i++) {
                final int src = (from + i) * aRow + kb * aCol;
                if (ad != null) {
                    gather(ad, src, aCol, ap, i * kp, 1, kc);
                } else {
                    gather(af, src, aCol, ap, i * kp, 1, kc);
                }
            }
            for (int jb = 0; jb < n; jb += NC) {
                final int nc = Math.min(NC, n - jb);
                // op(B)[kb + p][jb + j] = B[kb + p][jb + j], or B[jb + j][kb + p] when transposed
                final int bRow = transB ? 1 : ldb;
                final int bCol = transB ? ldb : 1;
                for (int p = 0; p < kc; p++) {
                    final int src = (kb + p) * bRow + jb * bCol;
                    if (bd != null) {
                        gather(bd, src, bCol, bp[p], 0, 1, nc);
                    } else {
                        gather(bf, src, bCol, bp[p], 0, 1, nc);
                    }
                }
                for (int p = kc; p < kc + KU; p++) {
                    Arrays.fill(bp[p], 0, nc, 0f);
                }
                for (int i = 0; i < rows0; i += 2) {
                    final int second = Math.min(rows0 - i, 2) - 1;
                    final int c0 = ct0 + i * n + jb;
                    final int c1 = c0 + second * n;
                    System.arraycopy(ct, c0, rows, 0, nc);
                    System.arraycopy(ct, c1, rows, ROW_STRIDE, second * nc);
                    twoRowKernelFloat(ap, i * kp, bp, kp, nc, rows);
                    System.arraycopy(rows, 0, ct, c0, nc);
                    System.arraycopy(rows, ROW_STRIDE, ct, c1, second * nc);
                }
            }
        }
    }

    /** dst[d0 + x·ds] = (float) src[s0 + x·ss] for x in [0, len): a strided copy rounded to float (packing). */
    static void gather(double[] src, int s0, int ss, float[] dst, int d0, int ds, int len) {
        for (int x = 0; x < len; x++) {
            dst[d0 + x * ds] = (float) src[s0 + x * ss];
        }
    }

    /** {@link #gather(double[], int, int, float[], int, int, int)} from float: its twin (no primitive generics). */
    static void gather(float[] src, int s0, int ss, float[] dst, int d0, int ds, int len) {
        for (int x = 0; x < len; x++) {
            dst[d0 + x * ds] = src[s0 + x * ss];
        }
    }

    /**
     * C (+)= op(A)·op(B) on raw row-major arrays in the given precision; shapes already validated. In
     * {@link ProductPrecision#FLOAT32} each part of C accumulates in a float scratch block from 0, then is added to C
     * (or written to it).
     */
    private static void kernel(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c,
            boolean accumulate, ProductPrecision precision) {
        final boolean single = precision == ProductPrecision.FLOAT32;
        final int m = c.numRows;
        final int n = c.numCols;
        final int k = transA ? a.numRows : a.numCols;
        final double[] cd = c.data;
        if (m == 0 || n == 0 || k == 0) {
            if (!accumulate) {
                Arrays.fill(cd, 0, m * n, 0.0);
            }
            return;
        }
        if (n < NARROW) {
            narrowParts(single, transA, transB, a, b, cd, m, n, k, accumulate);
            return;
        }
        final Workspace ws = WORKSPACE.get();
        final boolean vector = vectorReady(2.0 * m * n * k);
        // The float path and the vector kernel overwrite C themselves (C's old values unread, no zeroing pass); the
        // other paths add to a zeroed C.
        final boolean overwrite = !accumulate && (single || vector);
        if (!accumulate && !overwrite) {
            Arrays.fill(cd, 0, m * n, 0.0);
        }
        // C cut into contiguous row ranges, one per thread — or, for the vector kernel when C is wider than tall,
        // column ranges, so that each thread packs only its share of op(B) (the larger operand there). Every element
        // is still computed by the same sequence of fused multiply-adds (k blocks in order, p in order within a
        // block), whoever computes it. Range ends are multiples of the kernel's tile (its rows, or its width).
        final boolean columns = vector && n > m;
        final int parts = Threads.partsFor(2.0 * m * n * k, columns ? n : m);
        if (parts <= 1) {
            part(single, vector, overwrite, transA, transB, a, b, cd, m, n, k, 0, m, 0, n, ws);
            return;
        }
        final int unit = unit(columns, vector, single);
        Threads.run(parts, part -> {
            Workspace w = WORKSPACE.get();
            int from = rangeStart(part, parts, columns ? n : m, unit);
            int to = rangeStart(part + 1, parts, columns ? n : m, unit);
            if (columns) {
                part(single, vector, overwrite, transA, transB, a, b, cd, m, n, k, 0, m, from, to, w);
            } else {
                part(single, vector, overwrite, transA, transB, a, b, cd, m, n, k, from, to, 0, n, w);
            }
        });
    }

    /** Range ends of a split are multiples of this: the kernel's tile width (column ranges) or height (rows). */
    private static int unit(boolean columns, boolean vector, boolean single) {
        return columns ? (single ? VectorGemmFloat.nr() : VectorGemm.nr())
                : vector ? (single ? VectorGemmFloat.MR : VectorGemm.MR) : 4;
    }

    /**
     * Float storage: C (+)= op(A)·op(B), shapes already validated; each entry the float chain from 0 (or from C when
     * accumulating), computed in place in C's data. Split across threads like the double form's {@link #kernel}.
     */
    private static void kernel(boolean transA, boolean transB, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c,
            boolean accumulate) {
        final int m = c.numRows;
        final int n = c.numCols;
        final int k = transA ? a.numRows : a.numCols;
        final float[] cd = c.data;
        if (m == 0 || n == 0 || k == 0) {
            if (!accumulate) {
                Arrays.fill(cd, 0, m * n, 0f);
            }
            return;
        }
        if (n < NARROW) {
            narrowParts(transA, transB, a, b, cd, m, n, k, accumulate);
            return;
        }
        final Workspace ws = WORKSPACE.get();
        final boolean vector = vectorFloatStorageReady(2.0 * m * n * k);
        final boolean columns = vector && n > m;
        final int parts = Threads.partsFor(2.0 * m * n * k, columns ? n : m);
        if (parts <= 1) {
            part(vector, accumulate, transA, transB, a, b, cd, n, k, 0, m, 0, n, ws);
            return;
        }
        final int unit = unit(columns, vector, true);
        Threads.run(parts, part -> {
            final int from = rangeStart(part, parts, columns ? n : m, unit);
            final int to = rangeStart(part + 1, parts, columns ? n : m, unit);
            part(vector, accumulate, transA, transB, a, b, cd, n, k, columns ? 0 : from, columns ? m : to,
                    columns ? from : 0, columns ? to : n, WORKSPACE.get());
        });
    }

    /**
     * Float storage: C's rows [r0, r1) × columns [c0, c1) (+)= op(A)·op(B) in C's data (n columns), k ≥ 1. The
     * auto-vectorised kernel takes whole rows only (c0 = 0, c1 = n).
     */
    private static void part(boolean vector, boolean accumulate, boolean transA, boolean transB, FMatrixRMaj a,
            FMatrixRMaj b, float[] cd, int n, int k, int r0, int r1, int c0, int c1, Workspace ws) {
        if (vector) {
            VectorGemmFloat.blocked(transA, transB, a.data, a.numCols, b.data, b.numCols, cd, r0 * n + c0, n, k, r0,
                    r1, c0, c1, !accumulate);
            return;
        }
        if (!accumulate) {
            Arrays.fill(cd, r0 * n, r1 * n, 0f); // chains from +0f, as the vector kernel's
        }
        blockedFloat(transA, transB, null, a.data, a.numCols, null, b.data, b.numCols, cd, r0 * n, n, k, r0, r1, ws);
    }

    /**
     * C (+)= op(A)·op(B) for C narrower than {@value #NARROW} columns (a VAE's 2-unit latent heads), where a loop over
     * j is too short to vectorise: each entry's chain directly, eight rows of one column at a time, so that eight
     * independent chains keep the FMA units busy (a single chain would wait out each FMA's latency). Large ones are
     * cut into row ranges (multiples of 8) across threads; each entry is the same chain whoever computes it.
     */
    private static void narrowParts(boolean single, boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b,
            double[] cd, int m, int n, int k, boolean accumulate) {
        final int parts = Threads.partsFor(2.0 * m * n * k, m);
        if (parts <= 1) {
            narrow(single, transA, transB, a.data, a.numCols, b.data, b.numCols, cd, n, k, 0, m, accumulate);
            return;
        }
        Threads.run(parts, part -> narrow(single, transA, transB, a.data, a.numCols, b.data, b.numCols, cd, n, k,
                rangeStart(part, parts, m, 8), rangeStart(part + 1, parts, m, 8), accumulate));
    }

    /** {@link #narrowParts} on float storage: its float twin (no primitive generics). */
    private static void narrowParts(boolean transA, boolean transB, FMatrixRMaj a, FMatrixRMaj b, float[] cd, int m,
            int n, int k, boolean accumulate) {
        final int parts = Threads.partsFor(2.0 * m * n * k, m);
        if (parts <= 1) {
            narrow(transA, transB, a.data, a.numCols, b.data, b.numCols, cd, n, k, 0, m, accumulate);
            return;
        }
        Threads.run(parts, part -> narrow(transA, transB, a.data, a.numCols, b.data, b.numCols, cd, n, k,
                rangeStart(part, parts, m, 8), rangeStart(part + 1, parts, m, 8), accumulate));
    }

    /**
     * Rows [from, to) of a narrow C on float storage (n columns): t = fma(op(A)[i][p], op(B)[p][j], t) in float for p
     * in order, from 0f or, when accumulating, from C[i][j]. The float twin of {@link #narrow}'s float64 form.
     */
    private static void narrow(boolean transA, boolean transB, float[] ad, int lda, float[] bd, int ldb, float[] cd,
            int n, int k, int from, int to, boolean accumulate) {
        // op(A)[i][p] = ad[i * ai + p * ap], op(B)[p][j] = bd[p * bp + j * bj]
        final int ai = transA ? 1 : lda;
        final int ap = transA ? lda : 1;
        final int bp = transB ? 1 : ldb;
        final int bj = transB ? ldb : 1;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            for (int j = 0; j < n; j++) {
                narrowEight(ad, i * ai, ai, ap, bd, j * bj, bp, k, cd, i * n + j, n, accumulate);
            }
        }
        for (; i < to; i++) {
            for (int j = 0; j < n; j++) {
                final int c = i * n + j;
                float t = accumulate ? cd[c] : 0f;
                for (int p = 0; p < k; p++) {
                    t = Math.fma(ad[i * ai + p * ap], bd[p * bp + j * bj], t);
                }
                cd[c] = t;
            }
        }
    }

    /**
     * Rows [from, to) of a narrow C (n columns): s = fma(op(A)[i][p], op(B)[p][j], s) for p in order, from 0 or, when
     * accumulating, from C[i][j] (float64); or, in float32, C[i][j] = (accumulating ? C[i][j] : 0) + (double) t with
     * t = fma((float) op(A)[i][p], (float) op(B)[p][j], t) from 0f.
     */
    private static void narrow(boolean single, boolean transA, boolean transB, double[] ad, int lda, double[] bd,
            int ldb, double[] cd, int n, int k, int from, int to, boolean accumulate) {
        // op(A)[i][p] = ad[i * ai + p * ap], op(B)[p][j] = bd[p * bp + j * bj]
        final int ai = transA ? 1 : lda;
        final int ap = transA ? lda : 1;
        final int bp = transB ? 1 : ldb;
        final int bj = transB ? ldb : 1;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            for (int j = 0; j < n; j++) {
                if (single) {
                    narrowEightFloat(ad, i * ai, ai, ap, bd, j * bj, bp, k, cd, i * n + j, n, accumulate);
                } else {
                    narrowEight(ad, i * ai, ai, ap, bd, j * bj, bp, k, cd, i * n + j, n, accumulate);
                }
            }
        }
        for (; i < to; i++) {
            for (int j = 0; j < n; j++) {
                final int c = i * n + j;
                if (single) {
                    float t = 0f;
                    for (int p = 0; p < k; p++) {
                        t = Math.fma((float) ad[i * ai + p * ap], (float) bd[p * bp + j * bj], t);
                    }
                    cd[c] = accumulate ? cd[c] + t : t;
                } else {
                    double s = accumulate ? cd[c] : 0.0;
                    for (int p = 0; p < k; p++) {
                        s = Math.fma(ad[i * ai + p * ap], bd[p * bp + j * bj], s);
                    }
                    cd[c] = s;
                }
            }
        }
    }

    /** Eight rows (A from a0, rows ai apart, p steps ap) of one column (B from b0, p steps bp) of a narrow C. */
    private static void narrowEight(double[] ad, int a0, int ai, int ap, double[] bd, int b0, int bp, int k,
            double[] cd, int c0, int n, boolean accumulate) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        if (accumulate) {
            s0 = cd[c0];
            s1 = cd[c0 + n];
            s2 = cd[c0 + 2 * n];
            s3 = cd[c0 + 3 * n];
            s4 = cd[c0 + 4 * n];
            s5 = cd[c0 + 5 * n];
            s6 = cd[c0 + 6 * n];
            s7 = cd[c0 + 7 * n];
        }
        for (int p = 0; p < k; p++) {
            final double v = bd[b0 + p * bp];
            final int a = a0 + p * ap;
            s0 = Math.fma(ad[a], v, s0);
            s1 = Math.fma(ad[a + ai], v, s1);
            s2 = Math.fma(ad[a + 2 * ai], v, s2);
            s3 = Math.fma(ad[a + 3 * ai], v, s3);
            s4 = Math.fma(ad[a + 4 * ai], v, s4);
            s5 = Math.fma(ad[a + 5 * ai], v, s5);
            s6 = Math.fma(ad[a + 6 * ai], v, s6);
            s7 = Math.fma(ad[a + 7 * ai], v, s7);
        }
        cd[c0] = s0;
        cd[c0 + n] = s1;
        cd[c0 + 2 * n] = s2;
        cd[c0 + 3 * n] = s3;
        cd[c0 + 4 * n] = s4;
        cd[c0 + 5 * n] = s5;
        cd[c0 + 6 * n] = s6;
        cd[c0 + 7 * n] = s7;
    }

    /** {@link #narrowEight} on float storage: its float twin (no primitive generics), chains from 0f or from C. */
    private static void narrowEight(float[] ad, int a0, int ai, int ap, float[] bd, int b0, int bp, int k,
            float[] cd, int c0, int n, boolean accumulate) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        if (accumulate) {
            s0 = cd[c0];
            s1 = cd[c0 + n];
            s2 = cd[c0 + 2 * n];
            s3 = cd[c0 + 3 * n];
            s4 = cd[c0 + 4 * n];
            s5 = cd[c0 + 5 * n];
            s6 = cd[c0 + 6 * n];
            s7 = cd[c0 + 7 * n];
        }
        for (int p = 0; p < k; p++) {
            final float v = bd[b0 + p * bp];
            final int a = a0 + p * ap;
            s0 = Math.fma(ad[a], v, s0);
            s1 = Math.fma(ad[a + ai], v, s1);
            s2 = Math.fma(ad[a + 2 * ai], v, s2);
            s3 = Math.fma(ad[a + 3 * ai], v, s3);
            s4 = Math.fma(ad[a + 4 * ai], v, s4);
            s5 = Math.fma(ad[a + 5 * ai], v, s5);
            s6 = Math.fma(ad[a + 6 * ai], v, s6);
            s7 = Math.fma(ad[a + 7 * ai], v, s7);
        }
        cd[c0] = s0;
        cd[c0 + n] = s1;
        cd[c0 + 2 * n] = s2;
        cd[c0 + 3 * n] = s3;
        cd[c0 + 4 * n] = s4;
        cd[c0 + 5 * n] = s5;
        cd[c0 + 6 * n] = s6;
        cd[c0 + 7 * n] = s7;
    }

    /** {@link #narrowEight} in float: the float chains from 0f, then written to C or added to it. */
    private static void narrowEightFloat(double[] ad, int a0, int ai, int ap, double[] bd, int b0, int bp, int k,
            double[] cd, int c0, int n, boolean accumulate) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        for (int p = 0; p < k; p++) {
            final float v = (float) bd[b0 + p * bp];
            final int a = a0 + p * ap;
            s0 = Math.fma((float) ad[a], v, s0);
            s1 = Math.fma((float) ad[a + ai], v, s1);
            s2 = Math.fma((float) ad[a + 2 * ai], v, s2);
            s3 = Math.fma((float) ad[a + 3 * ai], v, s3);
            s4 = Math.fma((float) ad[a + 4 * ai], v, s4);
            s5 = Math.fma((float) ad[a + 5 * ai], v, s5);
            s6 = Math.fma((float) ad[a + 6 * ai], v, s6);
            s7 = Math.fma((float) ad[a + 7 * ai], v, s7);
        }
        cd[c0] = (accumulate ? cd[c0] : 0.0) + s0;
        cd[c0 + n] = (accumulate ? cd[c0 + n] : 0.0) + s1;
        cd[c0 + 2 * n] = (accumulate ? cd[c0 + 2 * n] : 0.0) + s2;
        cd[c0 + 3 * n] = (accumulate ? cd[c0 + 3 * n] : 0.0) + s3;
        cd[c0 + 4 * n] = (accumulate ? cd[c0 + 4 * n] : 0.0) + s4;
        cd[c0 + 5 * n] = (accumulate ? cd[c0 + 5 * n] : 0.0) + s5;
        cd[c0 + 6 * n] = (accumulate ? cd[c0 + 6 * n] : 0.0) + s6;
        cd[c0 + 7 * n] = (accumulate ? cd[c0 + 7 * n] : 0.0) + s7;
    }

    /** Start of range {@code part} of [0, extent) cut into {@code parts}, rounded down to a multiple of unit. */
    private static int rangeStart(int part, int parts, int extent, int unit) {
        return part == 0 ? 0 : part == parts ? extent : (int) ((long) extent * part / parts) / unit * unit;
    }

    /**
     * C's rows [r0, r1) × columns [c0, c1) (+)= op(A)·op(B) (= when overwrite), in float when {@code single} (the
     * auto-vectorised kernels: all columns).
     */
    private static void part(boolean single, boolean vector, boolean overwrite, boolean transA, boolean transB,
            DMatrixRMaj a, DMatrixRMaj b, double[] cd, int m, int n, int k, int r0, int r1, int c0, int c1,
            Workspace ws) {
        if (single) {
            partFloat(vector, overwrite, transA, transB, a, b, cd, n, k, r0, r1, c0, c1, ws);
        } else if (vector) {
            VectorGemm.blocked(transA, transB, a.data, a.numCols, b.data, b.numCols, cd, r0 * n + c0, n, k, r0, r1,
                    c0, c1, overwrite);
        } else {
            blocked(transA, transB, a, b, cd, m, n, k, r0, r1, ws);
        }
    }

    /**
     * Whether the products run on {@link VectorGemm} (the module {@code jdk.incubator.vector} is in the boot layer
     * and the system property {@code aelab.vector} is not {@code false}) or on the auto-vectorised kernel below.
     * Both give the same bits. The products of a JVM use the auto-vectorised kernel until its first large product
     * ({@link #WARM_UP_FLOPS}) has started {@link VectorWarmUp} and that has compiled the vector one.
     */
    private static volatile boolean useVector = vectorAvailable()
            && !"false".equalsIgnoreCase(System.getProperty("aelab.vector"));

    private static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * The kernel products use: {@code "vector"} or {@code "auto-vectorised"} (the vector kernel once it is compiled,
     * see {@link VectorWarmUp}).
     */
    public static String kernelName() {
        return useVector ? "vector" : "auto-vectorised";
    }

    /**
     * Products of at least this many operations (2·m·n·k; those worth two threads) start {@link VectorWarmUp}: about
     * 1–2 s of a core compiling the vector kernels, which a model whose products are all smaller (the digits VAE's,
     * 1 MFLOP) would not earn back — its whole 20-epoch run is 0.3 s — and which a fresh JVM's own JIT needs then.
     */
    static final double WARM_UP_FLOPS = Threads.MIN_FLOPS_PER_PART;

    /**
     * True when the Vector API kernels are in use and compiled ({@link VectorWarmUp}): the products run on them. A
     * product of {@code flops} ≥ {@link #WARM_UP_FLOPS} starts the warm-up when it has not started.
     */
    static boolean vectorReady(double flops) {
        if (!useVector) {
            return false;
        }
        if (VectorWarmUp.ready()) {
            return true;
        }
        if (flops >= WARM_UP_FLOPS) {
            VectorWarmUp.start(false);
        }
        return false;
    }

    /** {@link #vectorReady} for the float-storage products, whose warm-up comes first when they start it. */
    static boolean vectorFloatStorageReady(double flops) {
        if (!useVector) {
            return false;
        }
        if (VectorWarmUp.floatStorageReady()) {
            return true;
        }
        if (flops >= WARM_UP_FLOPS) {
            VectorWarmUp.start(true);
        }
        return false;
    }

    /**
     * True when the Vector API is in use and {@link VectorLog1p} is compiled: {@link ArrayMath#log1p} runs on it
     * (boxed, far slower, before C2 compiles it).
     */
    static boolean vectorLog1pReady() {
        return useVector && VectorWarmUp.log1pReady();
    }

    /**
     * True when the Vector API is in use and {@link VectorFloatMath} is compiled: {@link FloatMath}'s array forms run
     * on it (boxed, far slower, before C2 compiles it).
     */
    static boolean vectorFloatMathReady() {
        return useVector && VectorWarmUp.floatMathReady();
    }

    /** Test hook: selects the kernel (the vector one only when available); returns the previous choice. */
    static boolean selectVector(boolean vector) {
        boolean previous = useVector;
        useVector = vector && vectorAvailable();
        if (useVector) {
            VectorWarmUp.skip();
        }
        return previous;
    }

    /**
     * cd (m×n, row-major) += op(A)·op(B) by blocks. Every shape runs the same code path: a k block of depth kc is
     * packed zero-padded to a multiple of KU and op(A) gets a zero row when m is odd, so the micro-kernel's loops
     * never see a shape-dependent branch (a rarely taken branch makes HotSpot recompile the kernel, which was
     * measured to halve its speed).
     */
    private static void blocked(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, double[] cd, int m,
            int n, int k, int rowFrom, int rowTo, Workspace ws) {
        final int rows0 = rowTo - rowFrom;
        final double[] ap = ws.packedA((rows0 + 1) * padded(Math.min(k, KC)));
        final double[][] bp = ws.bRows;
        final double[] rows = ws.cRows;
        for (int kb = 0; kb < k; kb += KC) {
            final int kc = Math.min(KC, k - kb);
            final int kp = padded(kc);
            packA(transA, a, kb, kc, kp, rowFrom, rows0, ap);
            for (int jb = 0; jb < n; jb += NC) {
                final int nc = Math.min(NC, n - jb);
                packB(transB, b, kb, kc, kp, jb, nc, bp);
                for (int i = 0; i < rows0; i += 2) {
                    final int second = Math.min(rows0 - i, 2) - 1; // 1 when row i + 1 exists, else 0
                    final int c0 = (rowFrom + i) * n + jb;
                    final int c1 = c0 + second * n;
                    System.arraycopy(cd, c0, rows, 0, nc);
                    System.arraycopy(cd, c1, rows, ROW_STRIDE, second * nc);
                    twoRowKernel(ap, i * kp, bp, kp, nc, rows);
                    System.arraycopy(rows, 0, cd, c0, nc);
                    System.arraycopy(rows, ROW_STRIDE, cd, c1, second * nc);
                }
            }
        }
    }

    /** kc rounded up to a multiple of {@value #KU}. */
    private static int padded(int kc) {
        return (kc + KU - 1) & -KU;
    }

    /**
     * ap[i*kp + p] = op(A)[i0 + i][kb + p] for i in [0,m), p in [0,kc); zero for p in [kc,kp) and for the whole row m.
     */
    private static void packA(boolean transA, DMatrixRMaj a, int kb, int kc, int kp, int i0, int m, double[] ap) {
        final double[] ad = a.data;
        final int lda = a.numCols;
        Arrays.fill(ap, 0, (m + 1) * kp, 0.0);
        if (!transA) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(ad, (i0 + i) * lda + kb, ap, i * kp, kc);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                final int row = (kb + p) * lda + i0; // op(A)[i0 + i][p] = A[kb + p][i0 + i]
                for (int i = 0; i < m; i++) {
                    ap[i * kp + p] = ad[row + i];
                }
            }
        }
    }

    /**
     * bp[p][j] = op(B)[kb + p][jb + j] for p in [0,kc), j in [0,nc); zero for p in [kc,kp). Each panel row is its
     * own array starting at index 0, so the micro-kernel's loads share one alignment and C2 vectorises the loop.
     */
    private static void packB(boolean transB, DMatrixRMaj b, int kb, int kc, int kp, int jb, int nc,
            double[][] bp) {
        final double[] bd = b.data;
        final int ldb = b.numCols;
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(bd, (kb + p) * ldb + jb, bp[p], 0, nc);
            }
        } else {
            // op(B)[p][j] = B[jb + j][kb + p]: one panel row at a time (its array hoisted, written in order); the
            // column of B it reads spans nc lines that the next 7 rows read again from L1
            for (int p = 0; p < kc; p++) {
                final double[] row = bp[p];
                final int col = jb * ldb + kb + p;
                for (int j = 0; j < nc; j++) {
                    row[j] = bd[col + j * ldb];
                }
            }
        }
        for (int p = kc; p < kc + KU; p++) { // always KU rows (not kp - kc, which is mostly 0): see blocked()
            Arrays.fill(bp[p], 0, nc, 0.0);
        }
    }

    /**
     * Two rows of C at once (A rows at a0 and a0 + kp), sharing each load of the B panel: a 2×4 rank-4 update per
     * vector of j, 8 fused multiply-adds ({@link Math#fma}, one rounding each) per 4 panel loads. kp is a multiple
     * of 4. The two C rows are r[0, nc) and r[ROW_STRIDE, ROW_STRIDE + nc): one array, a constant distance apart.
     */
    private static void twoRowKernel(double[] ap, int a0, double[][] bp, int kp, int nc, double[] r) {
        final int a1 = a0 + kp;
        for (int p = 0; p < kp; p += 4) {
            final double x0 = ap[a0 + p];
            final double x1 = ap[a0 + p + 1];
            final double x2 = ap[a0 + p + 2];
            final double x3 = ap[a0 + p + 3];
            final double y0 = ap[a1 + p];
            final double y1 = ap[a1 + p + 1];
            final double y2 = ap[a1 + p + 2];
            final double y3 = ap[a1 + p + 3];
            final double[] b0 = bp[p];
            final double[] b1 = bp[p + 1];
            final double[] b2 = bp[p + 2];
            final double[] b3 = bp[p + 3];
            for (int j = 0; j < nc; j++) {
                final double v0 = b0[j];
                final double v1 = b1[j];
                final double v2 = b2[j];
                final double v3 = b3[j];
                r[j] = Math.fma(x3, v3, Math.fma(x2, v2, Math.fma(x1, v1, Math.fma(x0, v0, r[j]))));
                final int j1 = ROW_STRIDE + j;
                r[j1] = Math.fma(y3, v3, Math.fma(y2, v2, Math.fma(y1, v1, Math.fma(y0, v0, r[j1]))));
            }
        }
    }

    /** {@link #twoRowKernel} in float: the same rank-4 update, operation for operation. */
    private static void twoRowKernelFloat(float[] ap, int a0, float[][] bp, int kp, int nc, float[] r) {
        final int a1 = a0 + kp;
        for (int p = 0; p < kp; p += 4) {
            final float x0 = ap[a0 + p];
            final float x1 = ap[a0 + p + 1];
            final float x2 = ap[a0 + p + 2];
            final float x3 = ap[a0 + p + 3];
            final float y0 = ap[a1 + p];
            final float y1 = ap[a1 + p + 1];
            final float y2 = ap[a1 + p + 2];
            final float y3 = ap[a1 + p + 3];
            final float[] b0 = bp[p];
            final float[] b1 = bp[p + 1];
            final float[] b2 = bp[p + 2];
            final float[] b3 = bp[p + 3];
            for (int j = 0; j < nc; j++) {
                final float v0 = b0[j];
                final float v1 = b1[j];
                final float v2 = b2[j];
                final float v3 = b3[j];
                r[j] = Math.fma(x3, v3, Math.fma(x2, v2, Math.fma(x1, v1, Math.fma(x0, v0, r[j]))));
                final int j1 = ROW_STRIDE + j;
                r[j1] = Math.fma(y3, v3, Math.fma(y2, v2, Math.fma(y1, v1, Math.fma(y0, v0, r[j1]))));
            }
        }
    }

    /** Per-thread packing buffers, grown on demand and reused. */
    private static final class Workspace {
        private double[] a = new double[0];
        final double[][] bRows = new double[KC + KU][NC];
        final double[] spacer = new double[SPACER];
        final double[] cRows = new double[ROW_STRIDE + NC];

        double[] packedA(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        private float[] fc = new float[0];
        private float[] fa = new float[0];
        final float[][] floatBRows = new float[KC + KU][NC];
        final float[] floatSpacer = new float[2 * SPACER];
        final float[] floatCRows = new float[ROW_STRIDE + NC];

        float[] floatC(int size) {
            if (fc.length < size) {
                fc = new float[size];
            }
            return fc;
        }

        float[] floatA(int size) {
            if (fa.length < size) {
                fa = new float[size];
            }
            return fa;
        }
    }
}
