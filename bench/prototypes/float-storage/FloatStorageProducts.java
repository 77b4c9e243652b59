package aelab.linalg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * What float storage would save in the float32 mnist step (784-400-20 VAE, batch 128): the step's fourteen products
 * and one Adam update over its 652,824 parameters, timed in ONE JVM, the storage variants taking turns step by step
 * (rounds of 62 steps, an epoch of the bench's mnist config), both threads as in the library:
 * <ol>
 *   <li>{@code library}: {@link Gemm} with {@link ProductPrecision#FLOAT32} on the double matrices (today);</li>
 *   <li>{@code weights-float}: op(B) from a float copy of the weight where B is a weight (9 of the 14), else the
 *       library's packing; C double;</li>
 *   <li>{@code inputs-float}: both operands float (weights, activations, the loss gradient), C double;</li>
 *   <li>{@code all-float}: operands and C float (PyTorch's float32 storage).</li>
 * </ol>
 * Every variant's products are checked bit for bit against the library's first. Adam: the library's loop (copy of
 * the values, update, finiteness check, in chunks of 512; two threads) on double arrays, and the same on float
 * arrays. Run by run.sh in this directory; not part of the build.
 */
public final class FloatStorageProducts {
    static final int N = 128, D = 784, H = 400, Z = 20;
    /** transA, transB, m, n, k, whether B is a weight: forward, then backward, in the order Vae runs them. */
    static final int[][] P = {
        {0, 0, N, H, D, 1}, {0, 0, N, Z, H, 1}, {0, 0, N, Z, H, 1}, {0, 0, N, H, Z, 1}, {0, 0, N, D, H, 1},
        {1, 0, H, D, N, 0}, {0, 1, N, H, D, 1}, {1, 0, Z, H, N, 0}, {0, 1, N, Z, H, 1}, {1, 0, H, Z, N, 0},
        {1, 0, H, Z, N, 0}, {0, 1, N, H, Z, 1}, {0, 1, N, H, Z, 1}, {1, 0, D, H, N, 0}};
    static final String[] MODES = {"library", "weights-float", "inputs-float", "all-float"};
    static final DMatrixRMaj[] da = new DMatrixRMaj[P.length], db = new DMatrixRMaj[P.length],
            dc = new DMatrixRMaj[P.length];
    static final float[][] fa = new float[P.length][], fb = new float[P.length][], fc = new float[P.length][];

    interface Part {
        void run(int rowFrom, int rowTo, int colFrom, int colTo, int cBase);
    }

    /** The library's cut of C between threads (Gemm.kernel): column ranges when C is wider than tall. */
    static void split(int m, int n, int k, Part part) {
        boolean columns = n > m;
        int parts = Threads.partsFor(2.0 * m * n * k, columns ? n : m);
        int unit = columns ? VectorGemmFloat.nr() : VectorGemmFloat.MR;
        int ext = columns ? n : m;
        Threads.run(parts, p -> {
            int from = p == 0 ? 0 : (int) ((long) ext * p / parts) / unit * unit;
            int to = p + 1 == parts ? ext : (int) ((long) ext * (p + 1) / parts) / unit * unit;
            if (columns) {
                part.run(0, m, from, to, from);
            } else {
                part.run(from, to, 0, n, from * n);
            }
        });
    }

    static void product(int mode, int i) {
        int[] p = P[i];
        boolean tA = p[0] == 1, tB = p[1] == 1;
        int m = p[2], n = p[3], k = p[4], lda = tA ? m : k, ldb = tB ? k : n;
        switch (mode) {
            case 0 -> {
                if (tA) {
                    Gemm.multTransA(da[i], db[i], dc[i], ProductPrecision.FLOAT32);
                } else if (tB) {
                    Gemm.multTransB(da[i], db[i], dc[i], ProductPrecision.FLOAT32);
                } else {
                    Gemm.mult(da[i], db[i], dc[i], ProductPrecision.FLOAT32);
                }
            }
            case 1 -> {
                if (p[5] == 0) {
                    product(0, i);
                } else {
                    split(m, n, k, (r0, r1, c0, c1, base) -> GemmWeightsFloat.blocked(tA, tB, da[i].data, lda, fb[i],
                            ldb, null, dc[i].data, base, n, k, r0, r1, c0, c1, true));
                }
            }
            case 2 -> split(m, n, k, (r0, r1, c0, c1, base) -> GemmInputsFloat.blocked(tA, tB, fa[i], lda, fb[i], ldb,
                    null, dc[i].data, base, n, k, r0, r1, c0, c1, true));
            default -> split(m, n, k, (r0, r1, c0, c1, base) -> GemmAllFloat.blocked(tA, tB, fa[i], lda, fb[i], ldb,
                    fc[i], null, base, n, k, r0, r1, c0, c1, true));
        }
    }

    static final int PN = D * H + H + 2 * (H * Z + Z) + Z * H + H + H * D + D;
    static final double[] th = new double[PN], g = new double[PN], m1 = new double[PN], v1 = new double[PN],
            prev = new double[PN];
    static final float[] fth = new float[PN], fg = new float[PN], fm = new float[PN], fv = new float[PN],
            fprev = new float[PN];

    static void adamDouble() {
        Threads.forEachRange(PN, 65_536, (from, to) -> {
            for (int c = from; c < to; c += 512) {
                int e = Math.min(to, c + 512);
                System.arraycopy(th, c, prev, c, e - c);
                for (int i = c; i < e; i++) {
                    double gi = g[i];
                    double mi = 0.9 * m1[i] + 0.1 * gi;
                    double vi = 0.999 * v1[i] + 0.001 * gi * gi;
                    m1[i] = mi;
                    v1[i] = vi;
                    th[i] -= 1e-3 * (mi / (Math.sqrt(vi) / 0.3 + 1e-8));
                }
                for (int i = c; i < e; i++) {
                    if (!Double.isFinite(th[i])) {
                        throw new IllegalStateException();
                    }
                }
            }
        });
    }

    static void adamFloat() {
        Threads.forEachRange(PN, 65_536, (from, to) -> {
            for (int c = from; c < to; c += 512) {
                int e = Math.min(to, c + 512);
                System.arraycopy(fth, c, fprev, c, e - c);
                for (int i = c; i < e; i++) {
                    float gi = fg[i];
                    float mi = 0.9f * fm[i] + 0.1f * gi;
                    float vi = 0.999f * fv[i] + 0.001f * gi * gi;
                    fm[i] = mi;
                    fv[i] = vi;
                    fth[i] -= 1e-3f * (mi / ((float) Math.sqrt(vi) / 0.3f + 1e-8f));
                }
                for (int i = c; i < e; i++) {
                    if (!Float.isFinite(fth[i])) {
                        throw new IllegalStateException();
                    }
                }
            }
        });
    }

    static double median(List<Double> x) {
        List<Double> s = new ArrayList<>(x);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int steps = 62;
        int warm = 8;
        Random r = new Random(1);
        for (int i = 0; i < P.length; i++) {
            int[] p = P[i];
            int m = p[2], n = p[3], k = p[4];
            da[i] = p[0] == 1 ? new DMatrixRMaj(k, m) : new DMatrixRMaj(m, k);
            db[i] = p[1] == 1 ? new DMatrixRMaj(n, k) : new DMatrixRMaj(k, n);
            dc[i] = new DMatrixRMaj(m, n);
            fa[i] = new float[da[i].data.length];
            fb[i] = new float[db[i].data.length];
            fc[i] = new float[m * n];
            for (int j = 0; j < fa[i].length; j++) {
                da[i].data[j] = r.nextGaussian();
                fa[i][j] = (float) da[i].data[j];
            }
            for (int j = 0; j < fb[i].length; j++) {
                db[i].data[j] = r.nextGaussian();
                fb[i][j] = (float) db[i].data[j];
            }
        }
        for (int j = 0; j < PN; j++) {
            th[j] = r.nextGaussian();
            g[j] = 0.01 * r.nextGaussian();
            fth[j] = (float) th[j];
            fg[j] = (float) g[j];
        }
        for (int w = 0; w < 5000 && !VectorWarmUp.ready(); w++) {
            product(0, 0);
            Thread.sleep(1);
        }
        System.out.println("kernel: " + Gemm.kernelName() + ", threads: " + Threads.count());
        for (int i = 0; i < P.length; i++) {
            product(0, i);
            double[] ref = dc[i].data.clone();
            for (int mode = 1; mode < MODES.length; mode++) {
                product(mode, i);
                boolean same = true;
                for (int j = 0; j < ref.length; j++) {
                    double got = mode == 3 ? fc[i][j] : dc[i].data[j];
                    same &= Double.doubleToLongBits(got) == Double.doubleToLongBits(ref[j]);
                }
                if (!same) {
                    throw new AssertionError(MODES[mode] + ": product " + i + " differs from the library's");
                }
            }
        }
        System.out.println("every variant's products: the library's bits");
        List<List<Double>> perStep = new ArrayList<>();
        for (int mode = 0; mode < MODES.length; mode++) {
            perStep.add(new ArrayList<>());
        }
        List<Double> adamD = new ArrayList<>(), adamF = new ArrayList<>();
        double[][] perProduct = new double[MODES.length][P.length];
        for (int round = 0; round < rounds; round++) {
            int mode = round % MODES.length;
            long total = 0;
            long adam = 0;
            for (int s = 0; s < steps; s++) {
                for (int i = 0; i < P.length; i++) {
                    long t0 = System.nanoTime();
                    product(mode, i);
                    long dt = System.nanoTime() - t0;
                    total += dt;
                    if (round >= warm) {
                        perProduct[mode][i] += dt;
                    }
                }
                long t0 = System.nanoTime();
                if (mode % 2 == 0) {
                    adamDouble();
                } else {
                    adamFloat();
                }
                adam += System.nanoTime() - t0;
            }
            if (round >= warm) {
                perStep.get(mode).add(total / 1e6 / steps);
                (mode % 2 == 0 ? adamD : adamF).add(adam / 1e6 / steps);
            }
        }
        double count = (double) (rounds - warm) / MODES.length * steps;
        System.out.println("ms per step, median of " + perStep.get(0).size() + " rounds of " + steps + " steps:");
        for (int mode = 0; mode < MODES.length; mode++) {
            System.out.printf("  products, %-14s %.3f  (%.2f of the library's)%n", MODES[mode],
                    median(perStep.get(mode)), median(perStep.get(mode)) / median(perStep.get(0)));
        }
        System.out.printf("  Adam, double arrays     %.3f%n  Adam, float arrays      %.3f  (%.2f)%n", median(adamD),
                median(adamF), median(adamF) / median(adamD));
        System.out.println("us per product (mean):  " + String.join("  ", MODES));
        for (int i = 0; i < P.length; i++) {
            StringBuilder b = new StringBuilder(String.format("  %2d %s%s %3dx%3dx%3d%s", i, P[i][0] == 1 ? "T" : "N",
                    P[i][1] == 1 ? "T" : "N", P[i][2], P[i][3], P[i][4], P[i][5] == 1 ? " W" : "  "));
            for (int mode = 0; mode < MODES.length; mode++) {
                b.append(String.format(" %8.1f", perProduct[mode][i] / count / 1e3));
            }
            System.out.println(b);
        }
    }
}
