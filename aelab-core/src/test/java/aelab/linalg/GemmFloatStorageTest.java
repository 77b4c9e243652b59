package aelab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Gemm's float-storage products ({@link FMatrixRMaj} operands and output) on both kernels ({@link VectorGemmFloat}
 * and the auto-vectorised float kernel) and 1 and 2 threads, against the chain the class Javadoc promises, written
 * here on explicit (i, j, p) indices: {@code t = Math.fma(op(A)[i][p], op(B)[p][j], t)} in float, p in order, from 0
 * or from C. Bit for bit, so the two kernels also equal each other.
 */
class GemmFloatStorageTest {
    /**
     * GemmKernelsTest's shapes (tile and block edges of both kernels, k > VectorGemmFloat.KC, n < 8, empties, splits
     * across threads by rows, by columns and of a narrow C), and a few more: m = n = 0, n = 8 exactly with k > KC, a
     * 1×1×1, a column split with partial tiles at both range ends.
     */
    private static final int[][] SHAPES = Stream.concat(Arrays.stream(GemmKernelsTest.SHAPES), Stream.of(
            new int[] {0, 0, 3}, new int[] {16, 8, 1025}, new int[] {1, 1, 1}, new int[] {61, 999, 150}))
            .toArray(int[][]::new);

    private final RandomGenerator rng = Rng.seeded(23);

    @AfterEach
    void restore() {
        Threads.setCount(Runtime.getRuntime().availableProcessors());
        Gemm.selectVector(true);
    }

    /** A rows×cols matrix of float uniforms in [-1, 1). */
    private FMatrixRMaj random(int rows, int cols) {
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextFloat() * 2 - 1;
        }
        return m;
    }

    /** Random operands of an m×n×k product in every transposition: a (m×k), aᵀ's source at (k×m), b, bt. */
    private final class Operands {
        final int m;
        final int n;
        final int k;
        final FMatrixRMaj a;
        final FMatrixRMaj at;
        final FMatrixRMaj b;
        final FMatrixRMaj bt;

        Operands(int[] shape) {
            m = shape[0];
            n = shape[1];
            k = shape[2];
            a = random(m, k);
            at = random(k, m);
            b = random(k, n);
            bt = random(n, k);
        }
    }

    /** An output left over from earlier use, all NaN: an overwriting product must not read it. */
    private static FMatrixRMaj stale(int rows, int cols) {
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        Arrays.fill(m.data, Float.NaN);
        return m;
    }

    private static float op(FMatrixRMaj a, boolean trans, int i, int p) {
        return trans ? a.data[p * a.numCols + i] : a.data[i * a.numCols + p];
    }

    /** t = fma(op(A)[i][p], op(B)[p][j], t) in float for p = 0..k−1, from 0f or from c0[i][j]. */
    private static FMatrixRMaj chain(FMatrixRMaj a, boolean ta, FMatrixRMaj b, boolean tb, FMatrixRMaj c0, int m,
            int n, int k) {
        FMatrixRMaj c = new FMatrixRMaj(m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float t = c0 == null ? 0f : c0.data[i * n + j];
                for (int p = 0; p < k; p++) {
                    t = Math.fma(op(a, ta, i, p), op(b, tb, p, j), t);
                }
                c.data[i * n + j] = t;
            }
        }
        return c;
    }

    private static void assertSameBits(FMatrixRMaj expected, FMatrixRMaj actual, String what) {
        assertEquals(expected.numRows + "x" + expected.numCols, actual.numRows + "x" + actual.numCols, what);
        for (int i = 0; i < expected.getNumElements(); i++) {
            if (Float.floatToRawIntBits(expected.data[i]) != Float.floatToRawIntBits(actual.data[i])) {
                throw new AssertionError(what + ": entry " + i + " (row " + i / expected.numCols + ") is "
                        + actual.data[i] + ", expected " + expected.data[i]);
            }
        }
    }

    @Test
    void everyFormIsTheFloatChainOnBothKernelsAndAnyThreadCount() {
        for (int[] s : SHAPES) {
            Operands o = new Operands(s);
            int m = o.m;
            int n = o.n;
            int k = o.k;
            FMatrixRMaj c0 = random(m, n);
            FMatrixRMaj ab = chain(o.a, false, o.b, false, null, m, n, k);
            FMatrixRMaj atb = chain(o.at, true, o.b, false, null, m, n, k);
            FMatrixRMaj abt = chain(o.a, false, o.bt, true, null, m, n, k);
            FMatrixRMaj abAdd = chain(o.a, false, o.b, false, c0, m, n, k);
            FMatrixRMaj atbAdd = chain(o.at, true, o.b, false, c0, m, n, k);
            FMatrixRMaj abtAdd = chain(o.a, false, o.bt, true, c0, m, n, k);
            for (boolean vector : new boolean[] {true, false}) {
                Gemm.selectVector(vector);
                for (int threads : new int[] {1, 2}) {
                    Threads.setCount(threads);
                    String what = m + "x" + n + "x" + k + " float storage, " + Gemm.kernelName() + " kernel, "
                            + threads + " threads";
                    assertSameBits(ab, Gemm.mult(o.a, o.b, stale(m, n)), "a·b " + what);
                    assertSameBits(atb, Gemm.multTransA(o.at, o.b, stale(m, n)), "aᵀ·b " + what);
                    assertSameBits(abt, Gemm.multTransB(o.a, o.bt, stale(m, n)), "a·bᵀ " + what);
                    FMatrixRMaj c = c0.copy();
                    Gemm.multAdd(o.a, o.b, c);
                    assertSameBits(abAdd, c, "c + a·b " + what);
                    c = c0.copy();
                    Gemm.multAddTransA(o.at, o.b, c);
                    assertSameBits(atbAdd, c, "c + aᵀ·b " + what);
                    c = c0.copy();
                    Gemm.multAddTransB(o.a, o.bt, c);
                    assertSameBits(abtAdd, c, "c + a·bᵀ " + what);
                }
            }
        }
    }

    @Test
    void outputsAreReshapedOrAllocated() {
        FMatrixRMaj a = random(9, 20);
        FMatrixRMaj b = random(20, 11);
        FMatrixRMaj expected = chain(a, false, b, false, null, 9, 11, 20);
        assertSameBits(expected, Gemm.mult(a, b, null), "null output");
        FMatrixRMaj c = new FMatrixRMaj(2, 3);
        assertSame(c, Gemm.mult(a, b, c));
        assertSameBits(expected, c, "reshaped output");
    }

    private static DMatrixRMaj widen(FMatrixRMaj f) {
        DMatrixRMaj d = new DMatrixRMaj(f.numRows, f.numCols);
        for (int i = 0; i < f.data.length; i++) {
            d.data[i] = f.data[i];
        }
        return d;
    }

    /**
     * The double-storage {@link ProductPrecision#FLOAT32} products (an independent implementation: inputs rounded
     * while packed, the float chain from 0 widened into a double C) on float-representable inputs equal the widened
     * float-storage results.
     */
    @Test
    void overwritingFormsEqualTheDoubleStorageFloat32Products() {
        ProductPrecision f32 = ProductPrecision.FLOAT32;
        for (int[] s : SHAPES) {
            Operands o = new Operands(s);
            int m = o.m;
            int n = o.n;
            int k = o.k;
            for (boolean vector : new boolean[] {true, false}) {
                Gemm.selectVector(vector);
                String what = m + "x" + n + "x" + k + ", " + Gemm.kernelName() + " kernel";
                FmaChains.assertSameBits(Gemm.mult(widen(o.a), widen(o.b), null, f32),
                        widen(Gemm.mult(o.a, o.b, null)), "a·b " + what);
                FmaChains.assertSameBits(Gemm.multTransA(widen(o.at), widen(o.b), null, f32),
                        widen(Gemm.multTransA(o.at, o.b, null)), "aᵀ·b " + what);
                FmaChains.assertSameBits(Gemm.multTransB(widen(o.a), widen(o.bt), null, f32),
                        widen(Gemm.multTransB(o.a, o.bt, null)), "a·bᵀ " + what);
            }
        }
    }

    private static void assertRejected(String expectedInMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedInMessage), "message '" + e.getMessage() + "' should contain '"
                + expectedInMessage + "'");
    }

    @Test
    void badShapesNullsAndAliasingAreRejectedNamingTheArgument() {
        FMatrixRMaj a34 = random(3, 4);
        FMatrixRMaj b56 = random(5, 6);
        FMatrixRMaj b46 = random(4, 6);
        FMatrixRMaj sq = random(4, 4);
        assertRejected("inner dimensions of a·b must agree, got a 3x4 and b 5x6", () -> Gemm.mult(a34, b56, null));
        assertRejected("inner dimensions of aᵀ·b must agree, got a 3x4 and b 4x6",
                () -> Gemm.multTransA(a34, b46, null));
        assertRejected("inner dimensions of a·bᵀ must agree, got a 3x4 and b 4x6",
                () -> Gemm.multTransB(a34, b46, null));
        assertRejected("inner dimensions of a·b must agree", () -> Gemm.multAdd(a34, b56, new FMatrixRMaj(3, 6)));
        assertRejected("c must be 3x6, got 3x5", () -> Gemm.multAdd(a34, b46, new FMatrixRMaj(3, 5)));
        assertRejected("c must be 4x6, got 3x6", () -> Gemm.multAddTransA(a34, random(3, 6), new FMatrixRMaj(3, 6)));
        assertRejected("c must be 3x5, got 5x3", () -> Gemm.multAddTransB(a34, random(5, 4), new FMatrixRMaj(5, 3)));
        assertRejected("c must not be null", () -> Gemm.multAdd(a34, b46, null));
        assertRejected("a must not be null", () -> Gemm.mult(null, b46, null));
        assertRejected("b must not be null", () -> Gemm.multTransB(a34, null, null));
        assertRejected("c must not alias an input", () -> Gemm.mult(sq, sq.copy(), sq));
        assertRejected("c must not alias an input", () -> Gemm.multTransA(sq.copy(), sq, sq));
        assertRejected("c must not alias an input",
                () -> Gemm.mult(sq, sq.copy(), FMatrixRMaj.wrap(4, 4, sq.data)));
        assertRejected("c must not alias an input", () -> Gemm.multAdd(sq, sq.copy(), sq));
        assertRejected("c must not alias an input",
                () -> Gemm.multAddTransB(sq.copy(), FMatrixRMaj.wrap(4, 4, sq.data), sq));
    }

    private static long allocatedBytes() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * Once warm, a product on one thread allocates nothing (the auto-vectorised kernel and the narrow path: the
     * vector kernel allocates its vectors until C2 has compiled it, which is VectorWarmUp's business). The bound of 8
     * bytes per round admits one-off JIT/runtime allocations but not one array per round.
     */
    @Test
    void warmProductsAllocateNothing() {
        Gemm.selectVector(false);
        Threads.setCount(1);
        FMatrixRMaj a = random(16, 20);
        FMatrixRMaj at = random(20, 16);
        FMatrixRMaj b = random(20, 9);
        FMatrixRMaj bt = random(9, 20);
        FMatrixRMaj narrowB = random(20, 2);
        FMatrixRMaj c = new FMatrixRMaj(16, 9);
        FMatrixRMaj cNarrow = new FMatrixRMaj(16, 2);
        Runnable round = () -> {
            Gemm.mult(a, b, c);
            Gemm.multAddTransA(at, b, c);
            Gemm.multAddTransB(a, bt, c);
            Gemm.mult(a, narrowB, cNarrow);
            Gemm.multAdd(a, narrowB, cNarrow);
        };
        for (int i = 0; i < 500; i++) {
            round.run();
        }
        long before = allocatedBytes();
        int rounds = 500;
        for (int i = 0; i < rounds; i++) {
            round.run();
        }
        double perRound = (allocatedBytes() - before) / (double) rounds;
        assertTrue(perRound < 8, perRound + " bytes per round");
    }
}
