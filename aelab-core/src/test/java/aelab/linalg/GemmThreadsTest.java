package aelab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gemm on 1, 2, 3 and 5 threads against one independent reference: each entry as the chain of fused multiply-adds
 * {@code s = fma(op(A)[i][p], op(B)[p][j], s)} over p = 0..k-1, starting from 0 (or from C for the accumulating
 * forms). Gemm promises exactly that sequence of operations for every entry, so the comparison is bit for bit, and
 * every thread count must give the same bits.
 */
class GemmThreadsTest {
    /** Shapes (m, n, k) large enough to be split (2·m·n·k ≥ 2·8e6 and m ≥ 32), odd sizes, block edges. */
    private static final int[][] SHAPES = {{128, 400, 784}, {131, 257, 300}, {784, 400, 128}, {67, 513, 257}};

    private final RandomGenerator rng = Rng.seeded(7);

    @AfterEach
    void restore() {
        Threads.setCount(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void everyThreadCountGivesTheFmaChainBitForBit() {
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            assertTrue(Threads.MIN_FLOPS_PER_PART * 2 <= 2.0 * m * n * k && m >= 2 * Threads.MIN_ROWS_PER_PART,
                    "shape must be large enough to be split");
            DMatrixRMaj a = FmaChains.random(m, k, rng);
            DMatrixRMaj at = FmaChains.random(k, m, rng);
            DMatrixRMaj b = FmaChains.random(k, n, rng);
            DMatrixRMaj bt = FmaChains.random(n, k, rng);
            DMatrixRMaj c0 = FmaChains.random(m, n, rng);
            DMatrixRMaj ab = FmaChains.fmaChain(a, false, b, false, null, m, n, k);
            DMatrixRMaj atb = FmaChains.fmaChain(at, true, b, false, null, m, n, k);
            DMatrixRMaj abt = FmaChains.fmaChain(a, false, bt, true, null, m, n, k);
            DMatrixRMaj abAdd = FmaChains.fmaChain(a, false, b, false, c0, m, n, k);
            for (int threads : new int[] {1, 2, 3, 5}) {
                Threads.setCount(threads);
                String what = m + "x" + n + "x" + k + " on " + threads + " threads";
                FmaChains.assertSameBits(ab, Gemm.mult(a, b, null), "a·b " + what);
                FmaChains.assertSameBits(atb, Gemm.multTransA(at, b, null), "aᵀ·b " + what);
                FmaChains.assertSameBits(abt, Gemm.multTransB(a, bt, null), "a·bᵀ " + what);
                DMatrixRMaj c = c0.copy();
                Gemm.multAdd(a, b, c);
                FmaChains.assertSameBits(abAdd, c, "c + a·b " + what);
            }
        }
    }

    @Test
    void partsFollowTheWorkAndTheRows() {
        Threads.setCount(2);
        assertEquals(2, Threads.partsFor(2.0 * 128 * 400 * 784, 128));
        assertEquals(1, Threads.partsFor(2.0 * 64 * 128 * 64, 64), "digits-sized product stays on one thread");
        assertEquals(1, Threads.partsFor(1e9, 20), "too few rows to split");
        Threads.setCount(1);
        assertEquals(1, Threads.partsFor(1e9, 1000));
    }

    @Test
    void rejectsANonPositiveThreadCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Threads.setCount(0));
        assertTrue(e.getMessage().contains("threads") && e.getMessage().contains("0"), e.getMessage());
    }
}
