package aelab.linalg;

import aelab.core.Require;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * General matrix multiply for the training hot path: {@code C = A·B}, {@code C = Aᵀ·B}, {@code C = A·Bᵀ}, and the
 * accumulating forms {@code C = C + op(A)·op(B)}.
 *
 * <p>Entry-wise, {@code C[i][j] = Σ_k op(A)[i][k]·op(B)[k][j]}. All inputs are row-major {@link DMatrixRMaj}; the
 * output is reshaped to fit (or must already fit, for the {@code *Add} forms). Inputs are not modified; the output
 * must not alias an input. A null output is allocated.
 *
 * <p>The kernel is pure Java written for HotSpot's C2 auto-vectoriser, after the blocked GEMM scheme of
 * Goto &amp; van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3), 2008: the k and n
 * dimensions are cut into blocks, each block of {@code op(B)} is packed into a contiguous row-major panel that stays
 * in cache, each block of {@code op(A)} is packed once, and the micro-kernel updates two rows of C (copied into
 * scratch rows) with a rank-4 update {@code c[j] += a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j]}, an inner loop over
 * contiguous j that C2 turns into SIMD multiplies and adds. Every array in that loop starts at index 0 (panel rows
 * are separate arrays): with invariant offsets into one flat array C2 vectorises far less well (measured 5 vs 11
 * GFLOP/s on an axpy). A four-row variant measured 2.5× slower, at scalar speed: its larger loop body apparently
 * defeats C2's unrolling and vectorisation. Outputs narrower than {@value #NARROW} columns (too short a j-loop to
 * vectorise) use dot products instead. Per-thread packing buffers are reused, so a call allocates nothing once warm
 * (except a null output).
 *
 * <p>Measured single-thread (AMD EPYC, AVX-512, JDK 17): 23-28 GFLOP/s on the VAE's 128×784·784×400-type products
 * against 6.5 for EJML's {@code CommonOps_DDRM.mult} and 2.6 for its {@code multTransB}. Known limitation: the speed
 * depends on the profile HotSpot compiled the micro-kernel from; after a JVM has run very different shapes first,
 * some later products were measured at 11-14 GFLOP/s (near scalar speed) until the JVM restarts.
 */
public final class Gemm {
    /** Depth of a k block (rows of a packed B panel). */
    static final int KC = 64;
    /** Width of an n block (columns of a packed B panel). */
    static final int NC = 512;
    /** Below this many columns of C the j-loop is too short to vectorise: dot products instead. */
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
        checkInner(a, false, b, false);
        c = output(c, a, b, a.numRows, b.numCols);
        kernel(false, false, a, b, c, false);
        return c;
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
        checkInner(a, true, b, false);
        c = output(c, a, b, a.numCols, b.numCols);
        kernel(true, false, a, b, c, false);
        return c;
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
        checkInner(a, false, b, true);
        c = output(c, a, b, a.numRows, b.numRows);
        kernel(false, true, a, b, c, false);
        return c;
    }

    /**
     * c = c + a · b (gradient accumulation without a temporary).
     *
     * @param a m×k. Not modified.
     * @param b k×n. Not modified.
     * @param c m×n. Modified.
     */
    public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        checkInner(a, false, b, false);
        checkAccumulator(c, a, b, a.numRows, b.numCols);
        kernel(false, false, a, b, c, true);
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
        kernel(true, false, a, b, c, true);
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
        kernel(false, true, a, b, c, true);
    }

    /**
     * Adds a row vector to every row: {@code c[i][j] += bias[j]} (the bias term of a dense layer).
     *
     * @param bias length n. Not modified.
     * @param c m×n. Modified.
     */
    public static void addRowVectorEquals(double[] bias, DMatrixRMaj c) {
        Require.notNull("c", c);
        Require.length("bias", bias, c.numCols);
        int n = c.numCols;
        double[] cd = c.data;
        for (int i = 0, off = 0; i < c.numRows; i++, off += n) {
            for (int j = 0; j < n; j++) {
                cd[off + j] += bias[j];
            }
        }
    }

    /**
     * Column sums accumulated into a vector: {@code out[j] += Σ_i a[i][j]} (the bias gradient of a dense layer).
     *
     * @param a m×n. Not modified.
     * @param out length n. Modified.
     */
    public static void addColumnSums(DMatrixRMaj a, double[] out) {
        Require.notNull("a", a);
        Require.length("out", out, a.numCols);
        int n = a.numCols;
        double[] ad = a.data;
        for (int i = 0, off = 0; i < a.numRows; i++, off += n) {
            for (int j = 0; j < n; j++) {
                out[j] += ad[off + j];
            }
        }
    }

    private static void checkInner(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB) {
        Require.notNull("a", a);
        Require.notNull("b", b);
        int innerA = transA ? a.numRows : a.numCols;
        int innerB = transB ? b.numCols : b.numRows;
        if (innerA != innerB) {
            String product = (transA ? "aᵀ" : "a") + "·" + (transB ? "bᵀ" : "b");
            throw new IllegalArgumentException("inner dimensions of " + product + " must agree, got a "
                    + Require.shapeOf(a) + " and b " + Require.shapeOf(b));
        }
    }

    private static void checkNotAliased(DMatrixRMaj c, DMatrixRMaj a, DMatrixRMaj b) {
        if (c == a || c == b || c.data == a.data || c.data == b.data) {
            throw new IllegalArgumentException("c must not alias an input (a or b), got the same matrix or array");
        }
    }

    private static DMatrixRMaj output(DMatrixRMaj c, DMatrixRMaj a, DMatrixRMaj b, int rows, int cols) {
        if (c == null) {
            return new DMatrixRMaj(rows, cols);
        }
        checkNotAliased(c, a, b);
        c.reshape(rows, cols);
        return c;
    }

    private static void checkAccumulator(DMatrixRMaj c, DMatrixRMaj a, DMatrixRMaj b, int rows, int cols) {
        Require.shape("c", c, rows, cols);
        checkNotAliased(c, a, b);
    }

    /** C (+)= op(A)·op(B) on raw row-major arrays; shapes already validated. */
    private static void kernel(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c,
            boolean accumulate) {
        final int m = c.numRows;
        final int n = c.numCols;
        final int k = transA ? a.numRows : a.numCols;
        final double[] cd = c.data;
        if (!accumulate) {
            Arrays.fill(cd, 0, m * n, 0.0);
        }
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        final Workspace ws = WORKSPACE.get();
        if (n < NARROW) {
            narrowKernel(transA, transB, a, b, cd, m, n, k, ws);
            return;
        }
        final double[] ap = ws.packedA(m * Math.min(k, KC));
        final double[][] bp = ws.bRows;
        final double[] row0 = ws.cRow0;
        final double[] row1 = ws.cRow1;
        for (int kb = 0; kb < k; kb += KC) {
            final int kc = Math.min(KC, k - kb);
            packA(transA, a, kb, kc, m, ap);
            for (int jb = 0; jb < n; jb += NC) {
                final int nc = Math.min(NC, n - jb);
                packB(transB, b, kb, kc, jb, nc, bp);
                if (kc < 4) {
                    shallowUpdate(ap, bp, kc, nc, cd, m, n, jb);
                    continue;
                }
                int i = 0;
                for (; i + 2 <= m; i += 2) {
                    final int c0 = i * n + jb;
                    final int c1 = c0 + n;
                    System.arraycopy(cd, c0, row0, 0, nc);
                    System.arraycopy(cd, c1, row1, 0, nc);
                    twoRowKernel(ap, i * kc, bp, kc, nc, row0, row1);
                    System.arraycopy(row0, 0, cd, c0, nc);
                    System.arraycopy(row1, 0, cd, c1, nc);
                }
                if (i < m) {
                    final int c0 = i * n + jb;
                    System.arraycopy(cd, c0, row0, 0, nc);
                    oneRowKernel(ap, i * kc, bp, kc, nc, row0);
                    System.arraycopy(row0, 0, cd, c0, nc);
                }
            }
        }
    }

    /**
     * C += op(A)·op(B) for fewer than {@link #NARROW} columns (e.g. the VAE's μ and log σ² heads with a 2-d latent):
     * a j-loop that short cannot be vectorised, so each entry is a dot product of a row of op(A) with a column of
     * op(B), both contiguous, with four partial sums.
     */
    private static void narrowKernel(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, double[] cd,
            int m, int n, int k, Workspace ws) {
        final double[] bt = ws.packedB(n * k); // bt[j*k + p] = op(B)[p][j]
        final double[] bd = b.data;
        if (transB) {
            System.arraycopy(bd, 0, bt, 0, n * k);
        } else {
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    bt[j * k + p] = bd[p * n + j];
                }
            }
        }
        final double[] ad = a.data;
        final double[] row = transA ? ws.packedA(k) : ad;
        for (int i = 0; i < m; i++) {
            int a0 = i * k;
            if (transA) {
                for (int p = 0; p < k; p++) {
                    row[p] = ad[p * m + i];
                }
                a0 = 0;
            }
            for (int j = 0; j < n; j++) {
                cd[i * n + j] += dot(row, a0, bt, j * k, k);
            }
        }
    }

    /** Σ_p x[x0 + p]·y[y0 + p] with four partial sums. */
    private static double dot(double[] x, int x0, double[] y, int y0, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int p = 0;
        for (; p + 4 <= len; p += 4) {
            s0 += x[x0 + p] * y[y0 + p];
            s1 += x[x0 + p + 1] * y[y0 + p + 1];
            s2 += x[x0 + p + 2] * y[y0 + p + 2];
            s3 += x[x0 + p + 3] * y[y0 + p + 3];
        }
        for (; p < len; p++) {
            s0 += x[x0 + p] * y[y0 + p];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** ap[i*kc + p] = op(A)[i][kb + p] for i in [0,m), p in [0,kc). */
    private static void packA(boolean transA, DMatrixRMaj a, int kb, int kc, int m, double[] ap) {
        final double[] ad = a.data;
        final int lda = a.numCols;
        if (!transA) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(ad, i * lda + kb, ap, i * kc, kc);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                final int row = (kb + p) * lda; // op(A)[i][p] = A[kb + p][i]
                for (int i = 0; i < m; i++) {
                    ap[i * kc + p] = ad[row + i];
                }
            }
        }
    }

    /**
     * bp[p][j] = op(B)[kb + p][jb + j] for p in [0,kc), j in [0,nc). Each panel row is its own array starting at
     * index 0, so the micro-kernel's loads share one alignment and C2 vectorises the loop.
     */
    private static void packB(boolean transB, DMatrixRMaj b, int kb, int kc, int jb, int nc, double[][] bp) {
        final double[] bd = b.data;
        final int ldb = b.numCols;
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(bd, (kb + p) * ldb + jb, bp[p], 0, nc);
            }
        } else {
            for (int j = 0; j < nc; j++) {
                final int row = (jb + j) * ldb + kb; // op(B)[p][j] = B[jb + j][kb + p]
                for (int p = 0; p < kc; p++) {
                    bp[p][j] = bd[row + p];
                }
            }
        }
    }

    /**
     * C[i][jb + j] += Σ_p ap[i*kc + p]·bp[p][j] for all rows, for a block of depth kc &lt; 4 (e.g. the VAE's 2-d
     * latent). Kept out of the micro-kernels on purpose: when they also served such calls, C2 compiled them from a
     * profile in which their rank-4 loop never ran and later large products ran at scalar speed (measured 11 instead
     * of 28 GFLOP/s).
     */
    private static void shallowUpdate(double[] ap, double[][] bp, int kc, int nc, double[] cd, int m, int n, int jb) {
        for (int i = 0; i < m; i++) {
            final int c0 = i * n + jb;
            for (int p = 0; p < kc; p++) {
                final double x = ap[i * kc + p];
                final double[] b0 = bp[p];
                for (int j = 0; j < nc; j++) {
                    cd[c0 + j] += x * b0[j];
                }
            }
        }
    }

    /** r0[j] += Σ_p ap[a0 + p]·bp[p][j], j in [0,nc): one row of C. */
    private static void oneRowKernel(double[] ap, int a0, double[][] bp, int kc, int nc, double[] r0) {
        int p = 0;
        for (; p + 4 <= kc; p += 4) {
            final double x0 = ap[a0 + p];
            final double x1 = ap[a0 + p + 1];
            final double x2 = ap[a0 + p + 2];
            final double x3 = ap[a0 + p + 3];
            final double[] b0 = bp[p];
            final double[] b1 = bp[p + 1];
            final double[] b2 = bp[p + 2];
            final double[] b3 = bp[p + 3];
            for (int j = 0; j < nc; j++) {
                r0[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
            }
        }
        for (; p < kc; p++) {
            final double x0 = ap[a0 + p];
            final double[] b0 = bp[p];
            for (int j = 0; j < nc; j++) {
                r0[j] += x0 * b0[j];
            }
        }
    }

    /**
     * Two rows of C at once (A rows at a0 and a0 + kc), sharing each load of the B panel: a 2×4 rank-4 update per
     * vector of j, 8 multiply-adds per 4 panel loads.
     */
    private static void twoRowKernel(double[] ap, int a0, double[][] bp, int kc, int nc, double[] r0, double[] r1) {
        final int a1 = a0 + kc;
        int p = 0;
        for (; p + 4 <= kc; p += 4) {
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
                r0[j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
                r1[j] += y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
            }
        }
        for (; p < kc; p++) {
            final double x0 = ap[a0 + p];
            final double y0 = ap[a1 + p];
            final double[] b0 = bp[p];
            for (int j = 0; j < nc; j++) {
                final double v0 = b0[j];
                r0[j] += x0 * v0;
                r1[j] += y0 * v0;
            }
        }
    }

    /** Per-thread packing buffers, grown on demand and reused. */
    private static final class Workspace {
        private double[] a = new double[0];
        private double[] b = new double[0];
        final double[][] bRows = new double[KC][NC];
        final double[] cRow0 = new double[NC];
        final double[] cRow1 = new double[NC];

        double[] packedA(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] packedB(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }
    }
}
