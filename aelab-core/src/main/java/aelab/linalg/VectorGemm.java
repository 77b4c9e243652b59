package aelab.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked GEMM kernel of {@link Gemm}, written with the JDK's Vector API (incubator module
 * {@code jdk.incubator.vector}, JEP 414). Loaded only when that module is in the boot layer (the kernel's JVM
 * options add it, see {@code scripts/kernel-jvm.options}); otherwise {@link Gemm} runs its auto-vectorised kernel.
 *
 * <p>Scheme: Goto &amp; van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3), 2008,
 * as laid out by BLIS (Van Zee &amp; van de Geijn, ACM TOMS 41(3), 2015): for each block of {@value #KC} k-steps,
 * op(B) is packed into micro-panels of {@link #nr()} columns (p-major, so a micro-panel is read sequentially), op(A)
 * into micro-panels of {@value #MR} rows; the micro-kernel keeps an {@value #MR}×{@link #nr()} tile of C in
 * {@value #MR}·{@value #NV} vector registers and applies one rank-1 update per k-step: for each row i,
 * {@code c[i][·] = fma(broadcast(a[i][p]), b[p][·], c[i][·])}. The tile is read from C before a k block and written
 * back after it; an overwriting product (C = op(A)·op(B)) starts the tile of its first k block from zero instead,
 * so C's old values are never read and C needs no zeroing pass (the chain starts from +0.0 either way).
 *
 * <p>Every entry of C therefore goes through exactly the chain {@code s = fma(op(A)[i][p], op(B)[p][j], s)} for
 * p = 0..k−1 in order, starting from C's value (or +0.0 when overwriting) — the same chain, operation for operation,
 * as {@link Gemm}'s other kernel: the two kernels give bit-identical results (tested), and so does any split of C's
 * rows across threads.
 * Zero padding of partial tiles only adds lanes that are never written back.
 */
final class VectorGemm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Lanes of one vector. */
    private static final int L = S.length();
    /**
     * Rows of the register tile. 8 rows of {@value #NV} vectors: 16 accumulators, and each loaded vector of B feeds 8
     * fused multiply-adds, against 4 with the 4×3 tile used before (GemmBenchCommand, the VAE's six products: about
     * 10-15 % more GFLOP/s per core in both precisions; bench/results/README.md, 2026-12-07 afternoon).
     */
    static final int MR = 8;
    /** Vectors per tile row. */
    static final int NV = 2;
    /** Columns of the register tile. */
    private static final int NR = NV * L;
    /** Depth of a k block. */
    static final int KC = 128;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private VectorGemm() {
    }

    static int nr() {
        return NR;
    }

    /**
     * C[i][j] += op(A)·op(B) for rows [rowFrom, rowTo) and columns [colFrom, colTo) of C, where entry (i, j) is
     * cd[cBase + (i − rowFrom)·ldc + (j − colFrom)]. Raw arrays: ad is A's data with lda columns, bd is B's with
     * ldb columns. overwrite: C[i][j] = op(A)·op(B) instead (C's old values are not read).
     */
    static void blocked(boolean transA, boolean transB, double[] ad, int lda, double[] bd, int ldb, double[] cd,
            int cBase, int ldc, int k, int rowFrom, int rowTo, int colFrom, int colTo, boolean overwrite) {
        final Workspace ws = WORKSPACE.get();
        final int m = rowTo - rowFrom;
        final int n = colTo - colFrom;
        final int mTiles = (m + MR - 1) / MR;
        final int nTiles = (n + NR - 1) / NR;
        final double[] tile = ws.tile;
        for (int kb = 0; kb < k; kb += KC) {
            final int kc = Math.min(KC, k - kb);
            final boolean load = kb > 0 || !overwrite;
            final double[] bp = ws.packedB(nTiles * NR * kc);
            packB(transB, bd, ldb, kb, kc, colFrom, n, nTiles, bp);
            final double[] ap = ws.packedA(mTiles * MR * kc);
            packA(transA, ad, lda, kb, kc, rowFrom, m, mTiles, ap);
            for (int jt = 0; jt < nTiles; jt++) {
                final int j0 = jt * NR;
                final int nw = Math.min(NR, n - j0);
                final int bOff = jt * NR * kc;
                for (int it = 0; it < mTiles; it++) {
                    final int i0 = it * MR;
                    final int mh = Math.min(MR, m - i0);
                    final int aOff = it * MR * kc;
                    final int c0 = cBase + i0 * ldc + j0;
                    if (mh == MR && nw == NR) {
                        micro(kc, ap, aOff, bp, bOff, cd, c0, ldc, load);
                    } else {
                        for (int i = 0; i < MR; i++) {
                            for (int j = 0; j < NR; j++) {
                                tile[i * NR + j] = load && i < mh && j < nw ? cd[c0 + i * ldc + j] : 0.0;
                            }
                        }
                        micro(kc, ap, aOff, bp, bOff, tile, 0, NR, true);
                        for (int i = 0; i < mh; i++) {
                            System.arraycopy(tile, i * NR, cd, c0 + i * ldc, nw);
                        }
                    }
                }
            }
        }
    }

    /** ap[(it·kc + p)·MR + i] = op(A)[rowFrom + it·MR + i][kb + p]; zero beyond row m. */
    private static void packA(boolean transA, double[] ad, int lda, int kb, int kc, int rowFrom, int m, int mTiles,
            double[] ap) {
        for (int it = 0; it < mTiles; it++) {
            final int base = it * MR * kc;
            final int rows = Math.min(MR, m - it * MR);
            if (rows < MR) {
                java.util.Arrays.fill(ap, base, base + MR * kc, 0.0);
            }
            if (!transA) {
                for (int i = 0; i < rows; i++) {
                    final int src = (rowFrom + it * MR + i) * lda + kb;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + i] = ad[src + p];
                    }
                }
            } else if (rows == MR) {
                // op(A)[row][kb + p] = A[kb + p][row]: the MR rows of a tile are adjacent entries of A's row kb + p.
                // A full tile has a constant trip count, which C2 unrolls (as in VectorGemmFloat.packA)
                for (int p = 0; p < kc; p++) {
                    final int src = (kb + p) * lda + rowFrom + it * MR;
                    final int dst = base + p * MR;
                    for (int i = 0; i < MR; i++) {
                        ap[dst + i] = ad[src + i];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    final int src = (kb + p) * lda + rowFrom + it * MR;
                    final int dst = base + p * MR;
                    for (int i = 0; i < rows; i++) {
                        ap[dst + i] = ad[src + i];
                    }
                }
            }
        }
    }

    /** bp[(jt·kc + p)·NR + j] = op(B)[kb + p][colFrom + jt·NR + j]; zero beyond the range's n columns. */
    private static void packB(boolean transB, double[] bd, int ldb, int kb, int kc, int colFrom, int n, int nTiles,
            double[] bp) {
        for (int jt = 0; jt < nTiles; jt++) {
            final int base = jt * NR * kc;
            final int j0 = jt * NR;
            final int nw = Math.min(NR, n - j0);
            final int col = colFrom + j0;
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    final int dst = base + p * NR;
                    System.arraycopy(bd, (kb + p) * ldb + col, bp, dst, nw);
                    for (int j = nw; j < NR; j++) {
                        bp[dst + j] = 0.0;
                    }
                }
            } else {
                for (int j = 0; j < NR; j++) {
                    if (j < nw) {
                        final int src = (col + j) * ldb + kb; // op(B)[kb + p][col + j] = B[col + j][kb + p]
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * NR + j] = bd[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * NR + j] = 0.0;
                        }
                    }
                }
            }
        }
    }

    /** The MR×NR tile at c[c0 + i·ldc + j] (+)= Σ_p a[p][i]·b[p][j], one fma per k-step and entry, p in
     * order; load: start from c (else from zero). */
    private static void micro(int kc, double[] ap, int aOff, double[] bp, int bOff, double[] c, int c0, int ldc,
            boolean load) {
        final int r1 = c0 + ldc;
        final int r2 = r1 + ldc;
        final int r3 = r2 + ldc;
        final int r4 = r3 + ldc;
        final int r5 = r4 + ldc;
        final int r6 = r5 + ldc;
        final int r7 = r6 + ldc;
        final DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = load ? DoubleVector.fromArray(S, c, c0) : zero;
        DoubleVector c01 = load ? DoubleVector.fromArray(S, c, c0 + L) : zero;
        DoubleVector c10 = load ? DoubleVector.fromArray(S, c, r1) : zero;
        DoubleVector c11 = load ? DoubleVector.fromArray(S, c, r1 + L) : zero;
        DoubleVector c20 = load ? DoubleVector.fromArray(S, c, r2) : zero;
        DoubleVector c21 = load ? DoubleVector.fromArray(S, c, r2 + L) : zero;
        DoubleVector c30 = load ? DoubleVector.fromArray(S, c, r3) : zero;
        DoubleVector c31 = load ? DoubleVector.fromArray(S, c, r3 + L) : zero;
        DoubleVector c40 = load ? DoubleVector.fromArray(S, c, r4) : zero;
        DoubleVector c41 = load ? DoubleVector.fromArray(S, c, r4 + L) : zero;
        DoubleVector c50 = load ? DoubleVector.fromArray(S, c, r5) : zero;
        DoubleVector c51 = load ? DoubleVector.fromArray(S, c, r5 + L) : zero;
        DoubleVector c60 = load ? DoubleVector.fromArray(S, c, r6) : zero;
        DoubleVector c61 = load ? DoubleVector.fromArray(S, c, r6 + L) : zero;
        DoubleVector c70 = load ? DoubleVector.fromArray(S, c, r7) : zero;
        DoubleVector c71 = load ? DoubleVector.fromArray(S, c, r7 + L) : zero;
        int a = aOff;
        int b = bOff;
        for (int p = 0; p < kc; p++, a += MR, b += NR) {
            final DoubleVector b0 = DoubleVector.fromArray(S, bp, b);
            final DoubleVector b1 = DoubleVector.fromArray(S, bp, b + L);
            DoubleVector x = DoubleVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, ap[a + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, ap[a + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, ap[a + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, ap[a + 7]);
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
        private double[] a = new double[0];
        private double[] b = new double[0];
        final double[] tile = new double[MR * NR];

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
