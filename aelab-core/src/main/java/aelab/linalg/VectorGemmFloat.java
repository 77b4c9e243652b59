package aelab.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorGemm}'s scheme for {@link ProductPrecision#FLOAT32}: op(A) and op(B) are rounded to float while they
 * are packed, and the {@value #MR}×{@link #nr()} register tile accumulates {@code t = fma(a[i][p], b[p][j], t)} in
 * float, p = 0..k−1 in order from t = 0. When k fits one block ({@value #KC}: every product of the course's models),
 * the tile stays in registers for the whole chain and is then written to C, {@code C = (double) t} or
 * {@code C += (double) t}; otherwise it is kept between k blocks in a float scratch copy of the rows of C (never
 * rounded through double in between), which {@link Gemm} then adds to C. Same chain, operation for operation, as
 * {@link Gemm}'s float twin of its auto-vectorised kernel: bit-identical results (tested). Float storage (A, B and C
 * float arrays) runs the same tiles, packed by plain copies, with C's own array as the float scratch.
 */
final class VectorGemmFloat {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 8;
    private static final int NR = 2 * L;
    /**
     * Packing converts with vectors of the same shape as the kernel's (other shapes would make the profiles of the
     * Vector API's shared methods polymorphic, and C2 then failed to intrinsify the micro-kernel's stores: measured,
     * a boxed fallback in every step): two double vectors of {@code D} lanes, rounded to float ({@code D2F}, the same
     * rounding as a {@code (float)} cast), into the low and the high half of one float vector. NR is a multiple of
     * 2·D's length.
     */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorMask<Float> HIGH_HALF = S.indexInRange(-D.length(), D.length());

    /**
     * Depth of a k block. One block holds a whole 784-deep chain: measured on the VAE's products (with the 4×48
     * tile), as fast per product as blocks of 128 (the packed micro-panel of B, 150 KB, is read from L2), and C is
     * then written once, with no float scratch copy of it to write, read back and convert (0.77 ms of each mnist
     * step, both threads, with blocks of 128).
     */
    static final int KC = 1024;
    /** k-steps per pass of the transposed packing of op(B). */
    private static final int TRANSPOSE_DEPTH = 64;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private VectorGemmFloat() {
    }

    static int nr() {
        return NR;
    }

    /**
     * C[i][j] += op(A)·op(B) for rows [rowFrom, rowTo) and columns [colFrom, colTo) of C, where entry (i, j) is
     * c[cBase + (i − rowFrom)·ldc + (j − colFrom)] of the double array cd when it is given (then k ≤ {@value #KC}:
     * C += (double) [float chain]), otherwise of the float scratch ct (any k). Raw arrays: ad is A's data with lda
     * columns, bd is B's with ldb columns. overwrite: C[i][j] = op(A)·op(B) instead (C's old values are not read).
     */
    static void blocked(boolean transA, boolean transB, double[] ad, int lda, double[] bd, int ldb, float[] ct,
            double[] cd, int cBase, int ldc, int k, int rowFrom, int rowTo, int colFrom, int colTo,
            boolean overwrite) {
        if (cd != null && k > KC) {
            throw new IllegalArgumentException("k must be <= " + KC + " for a double C, got " + k);
        }
        blocked(transA, transB, ad, null, lda, bd, null, ldb, ct, cd, cBase, ldc, k, rowFrom, rowTo, colFrom, colTo,
                overwrite);
    }

    /**
     * Float storage: C[i][j] (+)= op(A)·op(B) for rows [rowFrom, rowTo) and columns [colFrom, colTo), where A, B and
     * C are float arrays (entry (i, j) of C at c[cBase + (i − rowFrom)·ldc + (j − colFrom)]), any k. Each entry is
     * the float chain t = fma(op(A)[i][p], op(B)[p][j], t), p in order, from C's entry, or from 0 when overwrite (C's
     * old values then unread), stored as float.
     */
    static void blocked(boolean transA, boolean transB, float[] ad, int lda, float[] bd, int ldb, float[] c,
            int cBase, int ldc, int k, int rowFrom, int rowTo, int colFrom, int colTo, boolean overwrite) {
        blocked(transA, transB, null, ad, lda, null, bd, ldb, c, null, cBase, ldc, k, rowFrom, rowTo, colFrom, colTo,
                overwrite);
    }

    /**
     * Both forms above: A's entries from ad (rounded to float while packed), or from af when ad is null; likewise B
     * from bd or bf.
     */
    private static void blocked(boolean transA, boolean transB, double[] ad, float[] af, int lda, double[] bd,
            float[] bf, int ldb, float[] ct, double[] cd, int cBase, int ldc, int k, int rowFrom, int rowTo,
            int colFrom, int colTo, boolean overwrite) {
        final Workspace ws = WORKSPACE.get();
        final int m = rowTo - rowFrom;
        final int n = colTo - colFrom;
        final int mTiles = (m + MR - 1) / MR;
        final int nTiles = (n + NR - 1) / NR;
        final float[] tile = ws.tile;
        for (int kb = 0; kb < k; kb += KC) {
            final int kc = Math.min(KC, k - kb);
            final boolean load = kb > 0 || !overwrite;
            final float[] bp = ws.packedB(nTiles * NR * kc);
            if (bd != null) {
                packB(transB, bd, ldb, kb, kc, colFrom, n, nTiles, bp);
            } else {
                packB(transB, bf, ldb, kb, kc, colFrom, n, nTiles, bp);
            }
            final float[] ap = ws.packedA(mTiles * MR * kc);
            if (ad != null) {
                packA(transA, ad, lda, kb, kc, rowFrom, m, mTiles, ap);
            } else {
                packA(transA, af, lda, kb, kc, rowFrom, m, mTiles, ap);
            }
            for (int jt = 0; jt < nTiles; jt++) {
                final int j0 = jt * NR;
                final int nw = Math.min(NR, n - j0);
                final int bOff = jt * NR * kc;
                for (int it = 0; it < mTiles; it++) {
                    final int i0 = it * MR;
                    final int mh = Math.min(MR, m - i0);
                    final int aOff = it * MR * kc;
                    final int c0 = cBase + i0 * ldc + j0;
                    if (cd != null) {
                        micro(kc, ap, aOff, bp, bOff, tile, 0, NR, false);
                        Gemm.storeRows(tile, 0, NR, cd, c0, ldc, mh, nw, overwrite);
                    } else if (mh == MR && nw == NR) {
                        micro(kc, ap, aOff, bp, bOff, ct, c0, ldc, load);
                    } else {
                        for (int i = 0; i < MR; i++) {
                            for (int j = 0; j < NR; j++) {
                                tile[i * NR + j] = load && i < mh && j < nw ? ct[c0 + i * ldc + j] : 0f;
                            }
                        }
                        micro(kc, ap, aOff, bp, bOff, tile, 0, NR, true);
                        for (int i = 0; i < mh; i++) {
                            System.arraycopy(tile, i * NR, ct, c0 + i * ldc, nw);
                        }
                    }
                }
            }
        }
    }

    /** ap[(it·kc + p)·MR + i] = (float) op(A)[rowFrom + it·MR + i][kb + p]; zero beyond row m. */
    private static void packA(boolean transA, double[] ad, int lda, int kb, int kc, int rowFrom, int m, int mTiles,
            float[] ap) {
        for (int it = 0; it < mTiles; it++) {
            final int base = it * MR * kc;
            final int rows = Math.min(MR, m - it * MR);
            if (rows < MR) {
                java.util.Arrays.fill(ap, base, base + MR * kc, 0f);
            }
            if (!transA) {
                for (int i = 0; i < rows; i++) {
                    final int src = (rowFrom + it * MR + i) * lda + kb;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + i] = (float) ad[src + p];
                    }
                }
            } else if (rows == MR) {
                // op(A)[row][kb + p] = A[kb + p][row]: the tile's MR rows are MR adjacent entries of A's row kb + p.
                // A full tile has a constant trip count, which C2 unrolls (392×128 of a transposed X: 42 → 15 µs)
                for (int p = 0; p < kc; p++) {
                    final int src = (kb + p) * lda + rowFrom + it * MR;
                    final int dst = base + p * MR;
                    for (int i = 0; i < MR; i++) {
                        ap[dst + i] = (float) ad[src + i];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    final int src = (kb + p) * lda + rowFrom + it * MR;
                    final int dst = base + p * MR;
                    for (int i = 0; i < rows; i++) {
                        ap[dst + i] = (float) ad[src + i];
                    }
                }
            }
        }
    }

    /**
     * {@link #packA} from a float A: the float twin (no primitive generics), with plain copies (a full tile's row of a
     * transposed A is MR adjacent floats; no conversion, so no vector code either).
     */
    private static void packA(boolean transA, float[] ad, int lda, int kb, int kc, int rowFrom, int m, int mTiles,
            float[] ap) {
        for (int it = 0; it < mTiles; it++) {
            final int base = it * MR * kc;
            final int row0 = rowFrom + it * MR;
            final int rows = Math.min(MR, m - it * MR);
            if (rows < MR) {
                java.util.Arrays.fill(ap, base, base + MR * kc, 0f);
            }
            for (int i = 0; !transA && i < rows; i++) {
                Gemm.gather(ad, (row0 + i) * lda + kb, 1, ap, base + i, MR, kc);
            }
            for (int p = 0; transA && p < kc; p++) {
                System.arraycopy(ad, (kb + p) * lda + row0, ap, base + p * MR, rows);
            }
        }
    }

    /**
     * {@link #packB} from a float B: the float twin (no primitive generics), with plain copies instead of the vector
     * conversion (a new vector shape here could stop C2 intrinsifying the micro-kernel, see {@link #D}).
     */
    private static void packB(boolean transB, float[] bd, int ldb, int kb, int kc, int colFrom, int n, int nTiles,
            float[] bp) {
        for (int jt = 0; jt < nTiles; jt++) {
            final int base = jt * NR * kc;
            final int col = colFrom + jt * NR;
            final int nw = Math.min(NR, n - jt * NR);
            if (nw < NR) {
                java.util.Arrays.fill(bp, base, base + NR * kc, 0f);
            }
            for (int p = 0; !transB && p < kc; p++) {
                System.arraycopy(bd, (kb + p) * ldb + col, bp, base + p * NR, nw);
            }
            // transposed: B's rows read contiguously, TRANSPOSE_DEPTH k-steps at a time, as in the double form
            for (int pb = 0; transB && pb < kc; pb += TRANSPOSE_DEPTH) {
                for (int j = 0; j < nw; j++) {
                    Gemm.gather(bd, (col + j) * ldb + kb + pb, 1, bp, base + pb * NR + j, NR,
                            Math.min(kc, pb + TRANSPOSE_DEPTH) - pb);
                }
            }
        }
    }

    /** bp[(jt·kc + p)·NR + j] = (float) op(B)[kb + p][colFrom + jt·NR + j]; zero beyond the range's n columns. */
    private static void packB(boolean transB, double[] bd, int ldb, int kb, int kc, int colFrom, int n, int nTiles,
            float[] bp) {
        for (int jt = 0; jt < nTiles; jt++) {
            final int base = jt * NR * kc;
            final int j0 = jt * NR;
            final int nw = Math.min(NR, n - j0);
            final int col = colFrom + j0;
            if (nw < NR) {
                java.util.Arrays.fill(bp, base, base + NR * kc, 0f);
            }
            if (!transB && nw == NR) {
                for (int p = 0; p < kc; p++) {
                    final int src = (kb + p) * ldb + col;
                    final int dst = base + p * NR;
                    for (int j = 0; j < NR; j += 2 * D.length()) {
                        final FloatVector low = (FloatVector) DoubleVector.fromArray(D, bd, src + j)
                                .convertShape(VectorOperators.D2F, S, 0);
                        final FloatVector high = (FloatVector) DoubleVector.fromArray(D, bd, src + j + D.length())
                                .convertShape(VectorOperators.D2F, S, -1);
                        low.blend(high, HIGH_HALF).intoArray(bp, dst + j);
                    }
                }
            } else if (!transB) {
                for (int p = 0; p < kc; p++) {
                    final int src = (kb + p) * ldb + col;
                    final int dst = base + p * NR;
                    for (int j = 0; j < nw; j++) {
                        bp[dst + j] = (float) bd[src + j];
                    }
                }
            } else {
                // op(B)[kb + p][j0 + j] = B[j0 + j][kb + p]: read B's rows contiguously, TRANSPOSE_DEPTH k-steps at
                // a time, so that the panel rows being written stay in L1 (a whole 784-deep panel column at once
                // was about 1.4x slower, measured)
                for (int pb = 0; pb < kc; pb += TRANSPOSE_DEPTH) {
                    final int pe = Math.min(kc, pb + TRANSPOSE_DEPTH);
                    for (int j = 0; j < nw; j++) {
                        final int src = (col + j) * ldb + kb;
                        for (int p = pb; p < pe; p++) {
                            bp[base + p * NR + j] = (float) bd[src + p];
                        }
                    }
                }
            }
        }
    }

    /** The MR×NR float tile at c[c0 + i·ldc + j] (+)= Σ_p a[p][i]·b[p][j], one float fma per k-step and entry;
     * load: start from c (else from zero). */
    private static void micro(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int c0, int ldc,
            boolean load) {
        final int r1 = c0 + ldc;
        final int r2 = r1 + ldc;
        final int r3 = r2 + ldc;
        final int r4 = r3 + ldc;
        final int r5 = r4 + ldc;
        final int r6 = r5 + ldc;
        final int r7 = r6 + ldc;
        final FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = load ? FloatVector.fromArray(S, c, c0) : zero;
        FloatVector c01 = load ? FloatVector.fromArray(S, c, c0 + L) : zero;
        FloatVector c10 = load ? FloatVector.fromArray(S, c, r1) : zero;
        FloatVector c11 = load ? FloatVector.fromArray(S, c, r1 + L) : zero;
        FloatVector c20 = load ? FloatVector.fromArray(S, c, r2) : zero;
        FloatVector c21 = load ? FloatVector.fromArray(S, c, r2 + L) : zero;
        FloatVector c30 = load ? FloatVector.fromArray(S, c, r3) : zero;
        FloatVector c31 = load ? FloatVector.fromArray(S, c, r3 + L) : zero;
        FloatVector c40 = load ? FloatVector.fromArray(S, c, r4) : zero;
        FloatVector c41 = load ? FloatVector.fromArray(S, c, r4 + L) : zero;
        FloatVector c50 = load ? FloatVector.fromArray(S, c, r5) : zero;
        FloatVector c51 = load ? FloatVector.fromArray(S, c, r5 + L) : zero;
        FloatVector c60 = load ? FloatVector.fromArray(S, c, r6) : zero;
        FloatVector c61 = load ? FloatVector.fromArray(S, c, r6 + L) : zero;
        FloatVector c70 = load ? FloatVector.fromArray(S, c, r7) : zero;
        FloatVector c71 = load ? FloatVector.fromArray(S, c, r7 + L) : zero;
        int a = aOff;
        int b = bOff;
        for (int p = 0; p < kc; p++, a += MR, b += NR) {
            final FloatVector b0 = FloatVector.fromArray(S, bp, b);
            final FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        c60.intoArray(c, r6);
        c61.intoArray(c, r6 + L);
        c70.intoArray(c, r7);
        c71.intoArray(c, r7 + L);
    }

    /** Per-thread packing buffers, grown on demand and reused. */
    private static final class Workspace {
        private float[] a = new float[0];
        private float[] b = new float[0];
        final float[] tile = new float[MR * NR];

        float[] packedA(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] packedB(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }
}
