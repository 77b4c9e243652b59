package aelab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both GEMM kernels ({@link VectorGemm} and the auto-vectorised one) on 1 and 2 threads against one independent
 * reference ({@link FmaChains}): each entry as the chain {@code s = fma(op(A)[i][p], op(B)[p][j], s)} over p = 0..k−1,
 * from 0 (or from C for the accumulating forms). Gemm promises that chain whatever the kernel, so the comparison is
 * bit for bit, on shapes that straddle every tile and block edge of both kernels.
 */
class GemmKernelsTest {
    /**
     * (m, n, k): tile edges of VectorGemm (4 rows, 24 columns with 8 lanes, k blocks of 128) and VectorGemmFloat (48
     * columns, k blocks of 1024: one block writes C directly, more go through the float scratch), odd sizes, empties.
     */
    static final int[][] SHAPES = {
        {1, 8, 1}, {3, 9, 2}, {4, 24, 128}, {5, 25, 129}, {7, 23, 127}, {8, 48, 256}, {9, 49, 257}, {13, 100, 3},
        {128, 400, 784}, {784, 400, 128}, {131, 257, 300}, {64, 128, 64}, {2, 1030, 5}, {33, 8, 1},
        {9, 49, 1029}, {4, 48, 2049}, {0, 9, 4}, {3, 9, 0},
        {64, 2, 128}, {128, 2, 64}, {13, 1, 5}, {17, 7, 131}, {1, 3, 70}, {9, 5, 0}, {5003, 3, 1100},
    };

    private final RandomGenerator rng = Rng.seeded(11);

    @AfterEach
    void restore() {
        Threads.setCount(Runtime.getRuntime().availableProcessors());
        Gemm.selectVector(true);
    }

    @Test
    void theVectorKernelIsAvailableToTheTests() {
        // surefire's argLine adds jdk.incubator.vector, as the kernel's JVM options do: without it this class would
        // compare the auto-vectorised kernel with itself.
        Gemm.selectVector(true);
        assertEquals("vector", Gemm.kernelName());
        assertTrue(VectorGemm.nr() >= 3, "tile width " + VectorGemm.nr());
    }

    @Test
    void bothKernelsGiveTheFmaChainBitForBitOnEveryEdge() {
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            DMatrixRMaj a = FmaChains.random(m, k, rng);
            DMatrixRMaj at = FmaChains.random(k, m, rng);
            DMatrixRMaj b = FmaChains.random(k, n, rng);
            DMatrixRMaj bt = FmaChains.random(n, k, rng);
            DMatrixRMaj c0 = FmaChains.random(m, n, rng);
            DMatrixRMaj ab = FmaChains.fmaChain(a, false, b, false, null, m, n, k);
            DMatrixRMaj atb = FmaChains.fmaChain(at, true, b, false, null, m, n, k);
            DMatrixRMaj abt = FmaChains.fmaChain(a, false, bt, true, null, m, n, k);
            DMatrixRMaj abAdd = FmaChains.fmaChain(a, false, b, false, c0, m, n, k);
            DMatrixRMaj atbAdd = FmaChains.fmaChain(at, true, b, false, c0, m, n, k);
            DMatrixRMaj abtAdd = FmaChains.fmaChain(a, false, bt, true, c0, m, n, k);
            for (boolean vector : new boolean[] {true, false}) {
                Gemm.selectVector(vector);
                for (int threads : new int[] {1, 2}) {
                    Threads.setCount(threads);
                    String what = m + "x" + n + "x" + k + ", " + Gemm.kernelName() + " kernel, " + threads
                            + " threads";
                    FmaChains.assertSameBits(ab, Gemm.mult(a, b, FmaChains.stale(m, n)), "a·b " + what);
                    FmaChains.assertSameBits(atb, Gemm.multTransA(at, b, FmaChains.stale(m, n)), "aᵀ·b " + what);
                    FmaChains.assertSameBits(abt, Gemm.multTransB(a, bt, FmaChains.stale(m, n)), "a·bᵀ " + what);
                    DMatrixRMaj c = c0.copy();
                    Gemm.multAdd(a, b, c);
                    FmaChains.assertSameBits(abAdd, c, "c + a·b " + what);
                    c = c0.copy();
                    Gemm.multAddTransA(at, b, c);
                    FmaChains.assertSameBits(atbAdd, c, "c + aᵀ·b " + what);
                    c = c0.copy();
                    Gemm.multAddTransB(a, bt, c);
                    FmaChains.assertSameBits(abtAdd, c, "c + a·bᵀ " + what);
                }
            }
        }
    }

    @Test
    void float32ProductsAreTheFloatChainOnBothKernelsAndAnyThreadCount() {
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            DMatrixRMaj a = FmaChains.random(m, k, rng);
            DMatrixRMaj at = FmaChains.random(k, m, rng);
            DMatrixRMaj b = FmaChains.random(k, n, rng);
            DMatrixRMaj bt = FmaChains.random(n, k, rng);
            DMatrixRMaj c0 = FmaChains.random(m, n, rng);
            DMatrixRMaj ab = FmaChains.floatChain(a, false, b, false, null, m, n, k);
            DMatrixRMaj atb = FmaChains.floatChain(at, true, b, false, null, m, n, k);
            DMatrixRMaj abt = FmaChains.floatChain(a, false, bt, true, null, m, n, k);
            DMatrixRMaj abAdd = FmaChains.floatChain(a, false, b, false, c0, m, n, k);
            ProductPrecision f32 = ProductPrecision.FLOAT32;
            for (boolean vector : new boolean[] {true, false}) {
                Gemm.selectVector(vector);
                for (int threads : new int[] {1, 2}) {
                    Threads.setCount(threads);
                    String what = m + "x" + n + "x" + k + " in float32, " + Gemm.kernelName() + " kernel, "
                            + threads + " threads";
                    FmaChains.assertSameBits(ab, Gemm.mult(a, b, FmaChains.stale(m, n), f32), "a·b " + what);
                    FmaChains.assertSameBits(atb, Gemm.multTransA(at, b, FmaChains.stale(m, n), f32), "aᵀ·b " + what);
                    FmaChains.assertSameBits(abt, Gemm.multTransB(a, bt, FmaChains.stale(m, n), f32), "a·bᵀ " + what);
                    DMatrixRMaj c = c0.copy();
                    Gemm.multAdd(a, b, c, f32);
                    FmaChains.assertSameBits(abAdd, c, "c + a·b " + what);
                }
            }
        }
    }

    @Test
    void float64IsTheDefaultPrecision() {
        DMatrixRMaj a = FmaChains.random(9, 130, rng);
        DMatrixRMaj b = FmaChains.random(130, 30, rng);
        DMatrixRMaj c = Gemm.mult(a, b, null, ProductPrecision.FLOAT64);
        FmaChains.assertSameBits(Gemm.mult(a, b, null), c, "mult(a, b, c) and mult(a, b, c, FLOAT64)");
        FmaChains.assertSameBits(FmaChains.fmaChain(a, false, b, false, null, 9, 30, 130), c, "FLOAT64");
    }

    /**
     * FLOAT32 against FLOAT64 within the a-priori bound for a dot product of length k in float with fused
     * multiply-adds and rounded inputs (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1):
     * |ĉ − c| ≤ γ_{k+2}·Σ_p |a_ip||b_pj|, γ_n = n·u/(1 − n·u), u = 2⁻²⁴ (the k+2: two input roundings per term).
     * The double result stands in for the exact one (its own error is below 2⁻²⁹ of the bound).
     */
    @Test
    void float32ProductsStayWithinTheFloatErrorBound() {
        int m = 37;
        int n = 53;
        int k = 784;
        DMatrixRMaj a = FmaChains.random(m, k, rng);
        DMatrixRMaj b = FmaChains.random(k, n, rng);
        DMatrixRMaj exact = Gemm.mult(a, b, null);
        DMatrixRMaj single = Gemm.mult(a, b, null, ProductPrecision.FLOAT32);
        double u = Math.ulp(1.0f) / 2;
        double gamma = (k + 2) * u / (1 - (k + 2) * u);
        boolean differs = false;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    abs += Math.abs(a.get(i, p) * b.get(p, j));
                }
                double d = Math.abs(single.get(i, j) - exact.get(i, j));
                assertTrue(d <= gamma * abs, "entry " + i + "," + j + ": |float32 - float64| = " + d + " > bound "
                        + gamma * abs);
                differs |= d > 0;
            }
        }
        assertTrue(differs, "FLOAT32 must not silently compute in double");
    }
}
