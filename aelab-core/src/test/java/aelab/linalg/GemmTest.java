package aelab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Gemm against an independent naive triple loop written here on explicit (i, j, p) indices. */
class GemmTest {
    /** Shapes (m, n, k) including 1×n, n×1, odd sizes, sizes straddling the block edges, and empty dimensions. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 7, 3}, {7, 1, 3}, {3, 5, 1}, {5, 3, 2}, {2, 2, 2}, {3, 3, 3}, {17, 13, 11},
        {1, 600, 70}, {600, 1, 70}, {64, 2, 128}, {128, 7, 64}, {9, 8, 5}, {3, 2, 0},
        {65, 513, 129}, {128, 20, 400}, {129, 511, 63}, {4, 1030, 5},
        {0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {0, 0, 0},
    };

    private final RandomGenerator rng = Rng.seeded(42);

    private DMatrixRMaj random(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextDouble() * 2 - 1;
        }
        return m;
    }

    /** Entry (i, p) of op(A): A[i][p], or A[p][i] when transposed. */
    private static double op(DMatrixRMaj a, boolean trans, int i, int p) {
        return trans ? a.data[p * a.numCols + i] : a.data[i * a.numCols + p];
    }

    private static DMatrixRMaj naive(DMatrixRMaj a, boolean ta, DMatrixRMaj b, boolean tb, int m, int n, int k) {
        DMatrixRMaj c = new DMatrixRMaj(m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += op(a, ta, i, p) * op(b, tb, p, j);
                }
                c.data[i * n + j] = s;
            }
        }
        return c;
    }

    /** |c - expected| ≤ 1e-13·(k+1)·max|entry| per entry, with the entries in [-1, 1]. */
    private static void assertClose(DMatrixRMaj expected, DMatrixRMaj c, int k, String what) {
        assertEquals(expected.numRows, c.numRows, what + " rows");
        assertEquals(expected.numCols, c.numCols, what + " cols");
        double tol = 1e-13 * (k + 1);
        for (int i = 0; i < expected.getNumElements(); i++) {
            double d = Math.abs(expected.data[i] - c.data[i]);
            assertTrue(d <= tol, what + ": entry " + i + " differs by " + d + " (tolerance " + tol + ")");
        }
    }

    /** Runs one product form on every shape and compares it with the naive loop. */
    private void matchesNaiveOnAllShapes(boolean ta, boolean tb) {
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            DMatrixRMaj a = ta ? random(k, m) : random(m, k);
            DMatrixRMaj b = tb ? random(n, k) : random(k, n);
            DMatrixRMaj c = ta ? Gemm.multTransA(a, b, null) : tb ? Gemm.multTransB(a, b, null) : Gemm.mult(a, b, null);
            assertClose(naive(a, ta, b, tb, m, n, k), c, k, "transA=" + ta + " transB=" + tb + " " + m + "," + n + ","
                    + k);
        }
    }

    @Test
    void multMatchesNaiveOnAllShapes() {
        matchesNaiveOnAllShapes(false, false);
    }

    @Test
    void multTransAMatchesNaiveOnAllShapes() {
        matchesNaiveOnAllShapes(true, false);
    }

    @Test
    void multTransBMatchesNaiveOnAllShapes() {
        matchesNaiveOnAllShapes(false, true);
    }

    @Test
    void accumulatingFormsAddToTheOutput() {
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            DMatrixRMaj c0 = random(m, n);
            DMatrixRMaj a = random(m, k), b = random(k, n), at = random(k, m), bt = random(n, k);
            DMatrixRMaj c = c0.copy();
            Gemm.multAdd(a, b, c);
            DMatrixRMaj expected = naive(a, false, b, false, m, n, k);
            addInto(expected, c0);
            assertClose(expected, c, k, "multAdd");
            c = c0.copy();
            Gemm.multAddTransA(at, b, c);
            expected = naive(at, true, b, false, m, n, k);
            addInto(expected, c0);
            assertClose(expected, c, k, "multAddTransA");
            c = c0.copy();
            Gemm.multAddTransB(a, bt, c);
            expected = naive(a, false, bt, true, m, n, k);
            addInto(expected, c0);
            assertClose(expected, c, k, "multAddTransB");
        }
    }

    private static void addInto(DMatrixRMaj target, DMatrixRMaj add) {
        for (int i = 0; i < target.data.length; i++) {
            target.data[i] += add.data[i];
        }
    }

    @Test
    void outputIsReusedAndReshapedAndStaleContentIgnored() {
        DMatrixRMaj out = random(50, 50); // bigger than needed, full of garbage
        DMatrixRMaj a = random(7, 9), b = random(9, 5);
        DMatrixRMaj r = Gemm.mult(a, b, out);
        assertSame(out, r);
        assertClose(naive(a, false, b, false, 7, 5, 9), out, 9, "reused output");
        DMatrixRMaj small = new DMatrixRMaj(1, 1); // too small: must grow
        Gemm.multTransB(random(30, 8), random(40, 8), small);
        assertEquals(30, small.numRows);
        assertEquals(40, small.numCols);
    }

    @Test
    void sameInputsGiveBitIdenticalResults() {
        DMatrixRMaj a = random(129, 300), b = random(300, 77);
        assertArrayEquals(Gemm.mult(a, b, null).data, Gemm.mult(a, b, null).data);
    }

    @Test
    void aliasedOutputIsRejected() {
        DMatrixRMaj a = random(4, 4), b = random(4, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> Gemm.mult(a, b, a));
        assertEquals("c must not alias an input (a or b), got the same matrix or array", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gemm.multTransA(a, b, b));
        assertThrows(IllegalArgumentException.class, () -> Gemm.multTransB(a, b, a));
        assertThrows(IllegalArgumentException.class, () -> Gemm.multAdd(a, b, b));
        DMatrixRMaj sharesData = DMatrixRMaj.wrap(4, 4, a.data);
        assertThrows(IllegalArgumentException.class, () -> Gemm.mult(a, b, sharesData));
    }

    @Test
    void mismatchedInnerDimensionsAreRejectedWithShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.mult(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 5), null));
        assertEquals("inner dimensions of a·b must agree, got a 2x3 and b 4x5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multTransA(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 5), null));
        assertEquals("inner dimensions of aᵀ·b must agree, got a 2x3 and b 4x5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multTransB(new DMatrixRMaj(2, 3), new DMatrixRMaj(4, 5), null));
        assertEquals("inner dimensions of a·bᵀ must agree, got a 2x3 and b 4x5", e.getMessage());
    }

    @Test
    void accumulatorOfWrongShapeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multAdd(new DMatrixRMaj(2, 3), new DMatrixRMaj(3, 5), new DMatrixRMaj(2, 4)));
        assertEquals("c must be 2x5, got 2x4", e.getMessage());
    }

    @Test
    void nullInputsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Gemm.mult(null, new DMatrixRMaj(1, 1), null));
        assertEquals("a must not be null", e.getMessage());
    }
}
