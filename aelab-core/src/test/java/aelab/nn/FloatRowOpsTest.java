package aelab.nn;

import static aelab.testing.Rejects.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatRowOps} against its double twins ({@link RowOps}, {@link Activation#RELU}) run on the same
 * float-representable values, the double result rounded to float: the same bits for the bias rows and ReLU; the
 * column sums within the float summation bound (the same bits where every partial sum is exact); edge values
 * (−0.0f, NaN, ±∞, subnormals) and bad shapes.
 */
class FloatRowOpsTest {
    private static final double U = 0x1p-24;
    /** −0.0f, quiet NaNs of either sign, ±∞, ±subnormals, ±MAX_VALUE, and ordinary values. */
    private static final float[] EDGES = {0f, -0f, Float.NaN, Float.intBitsToFloat(0xffc00000),
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE,
        Math.nextDown(Float.MIN_NORMAL), -Math.nextDown(Float.MIN_NORMAL), Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f,
        0.3f, -2.5e-7f};

    private static FMatrixRMaj random(int rows, int cols, SplittableRandom rng) {
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-4, 5)));
        }
        return m;
    }

    private static FMatrixRMaj of(int rows, int cols, float... values) {
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        System.arraycopy(values, 0, m.data, 0, values.length);
        return m;
    }

    private static DMatrixRMaj toDouble(FMatrixRMaj m) {
        DMatrixRMaj d = new DMatrixRMaj(m.numRows, m.numCols);
        for (int i = 0; i < m.getNumElements(); i++) {
            d.data[i] = m.data[i];
        }
        return d;
    }

    /** Same raw bits (distinguishes −0.0f from +0.0f, and NaNs by sign), entry by entry. */
    private static void assertSameBits(DMatrixRMaj expected, FMatrixRMaj actual, String label) {
        assertEquals(expected.numRows, actual.numRows, label + " rows");
        assertEquals(expected.numCols, actual.numCols, label + " cols");
        for (int i = 0; i < actual.getNumElements(); i++) {
            float e = (float) expected.data[i];
            assertEquals(Integer.toHexString(Float.floatToRawIntBits(e)),
                    Integer.toHexString(Float.floatToRawIntBits(actual.data[i])),
                    label + " entry " + i + ": expected " + e + ", got " + actual.data[i]);
        }
    }

    @Test
    void fillRowsCopiesTheRowIntoEveryRowAsRowOpsDoes() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int[] s : new int[][] {{1, 1}, {5, 3}, {64, 20}, {0, 4}}) {
            FMatrixRMaj m = random(s[0], s[1], rng);
            FMatrixRMaj row = random(1, s[1], rng);
            DMatrixRMaj expected = toDouble(m);
            RowOps.fillRows(expected, toDouble(row));
            FloatRowOps.fillRows(m, row);
            assertSameBits(expected, m, s[0] + "x" + s[1]);
        }
        FMatrixRMaj m = new FMatrixRMaj(3, EDGES.length);
        FMatrixRMaj row = of(1, EDGES.length, EDGES);
        DMatrixRMaj expected = toDouble(m);
        RowOps.fillRows(expected, toDouble(row));
        FloatRowOps.fillRows(m, row);
        assertSameBits(expected, m, "edge values");
    }

    @Test
    void columnSumsAreTheDoubleSumsWithinTheFloatSummationBound() {
        SplittableRandom rng = new SplittableRandom(2);
        FMatrixRMaj reused = new FMatrixRMaj(9, 9);
        reused.fill(Float.NaN);
        for (int[] s : new int[][] {{1, 1}, {1, 7}, {7, 1}, {64, 2}, {64, 784}, {128, 64}, {1797, 64}, {0, 3}}) {
            FMatrixRMaj m = random(s[0], s[1], rng);
            DMatrixRMaj sums = RowOps.columnSums(toDouble(m), null);
            FMatrixRMaj out = FloatRowOps.columnSums(m, s[0] == 64 ? reused : null);
            assertEquals(1, out.numRows);
            assertEquals(s[1], out.numCols);
            for (int c = 0; c < s[1]; c++) {
                // Recursive float summation of n terms: |ŝ − s| ≤ (n−1)u·Σ|x| to first order (Higham, Accuracy and
                // Stability of Numerical Algorithms, 2002, §4.2), and the double sum rounded to float is within
                // u|s| of s; the double sum's own error is 2⁻²⁹ of the first term: allowed with a factor 1.001.
                double abs = 0;
                for (int r = 0; r < s[0]; r++) {
                    abs += Math.abs(m.data[r * s[1] + c]);
                }
                double bound = ((Math.max(s[0] - 1, 0)) * U * abs + U * Math.abs(sums.data[c])) * 1.001;
                assertTrue(Math.abs(out.data[c] - (float) sums.data[c]) <= bound, s[0] + "x" + s[1] + " column " + c
                        + ": float " + out.data[c] + ", double " + sums.data[c] + ", bound " + bound);
            }
        }
        // Integers below 2^24 with sums below 2^24: every partial sum exact, so the same bits as the double sums.
        FMatrixRMaj ints = new FMatrixRMaj(100, 13);
        for (int i = 0; i < ints.data.length; i++) {
            ints.data[i] = rng.nextInt(-100_000, 100_000);
        }
        assertSameBits(RowOps.columnSums(toDouble(ints), null), FloatRowOps.columnSums(ints, null), "integers");
    }

    @Test
    void columnSumsAddTheRowsInRowOrder() {
        // 1e8 + 1 rounds to 1e8 in float (ulp 8), so row order gives 0 in the first column, and 1 in the second
        // (where the large values cancel first).
        FMatrixRMaj m = of(3, 2, 1e8f, 1e8f, 1f, -1e8f, -1e8f, 1f);
        FMatrixRMaj out = FloatRowOps.columnSums(m, null);
        assertEquals(0f, out.data[0]);
        assertEquals(1f, out.data[1]);
        FMatrixRMaj edges = of(2, 4, Float.POSITIVE_INFINITY, Float.NaN, Float.MAX_VALUE, -0f, Float.NEGATIVE_INFINITY,
                1f, Float.MAX_VALUE, -0f);
        assertSameBits(RowOps.columnSums(toDouble(edges), null), FloatRowOps.columnSums(edges, null), "NaN, ∞, −0");
        assertEquals(Float.POSITIVE_INFINITY, FloatRowOps.columnSums(edges, null).data[2], "MAX + MAX overflows float");
    }

    @Test
    void reluIsActivationReluOnEveryValue() {
        SplittableRandom rng = new SplittableRandom(3);
        FMatrixRMaj y = random(17, 31, rng);
        System.arraycopy(EDGES, 0, y.data, 0, EDGES.length);
        DMatrixRMaj expected = toDouble(y);
        Activation.RELU.forwardEquals(expected);
        FloatRowOps.reluEquals(y);
        assertSameBits(expected, y, "relu");
        assertEquals(0, Float.floatToRawIntBits(y.data[1]), "relu(−0) is +0");
        assertTrue(Float.isNaN(y.data[2]), "relu(NaN) is NaN");
        assertEquals(Float.MIN_VALUE, y.data[6], "a subnormal is kept");
    }

    @Test
    void reluBackwardIsActivationReluBackwardOnEveryValue() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = EDGES.length;
        // Every edge gradient against every edge output (outputs ≤ 0 included: the mask is [y > 0] whatever y is).
        FMatrixRMaj g = new FMatrixRMaj(n, n);
        FMatrixRMaj y = new FMatrixRMaj(n, n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                g.data[r * n + c] = EDGES[c];
                y.data[r * n + c] = EDGES[r];
            }
        }
        for (FMatrixRMaj[] gy : new FMatrixRMaj[][] {{g, y}, {random(40, 50, rng), random(40, 50, rng)}}) {
            FMatrixRMaj yRelu = gy[1].copy();
            FloatRowOps.reluEquals(yRelu);
            for (FMatrixRMaj output : new FMatrixRMaj[] {gy[1], yRelu}) {
                FMatrixRMaj grad = gy[0].copy();
                DMatrixRMaj expected = toDouble(grad);
                Activation.RELU.backwardEquals(toDouble(output), expected);
                FloatRowOps.reluBackwardEquals(grad, output);
                assertSameBits(expected, grad, "relu backward " + grad.numRows + "x" + grad.numCols);
            }
        }
    }

    @Test
    void inUnitIntervalAcceptsExactlyTheEntriesFromZeroToOne() {
        float[][] accepted = {{0f, 1f, 0.5f}, {-0f}, {Float.MIN_VALUE}, {Math.nextDown(1f)}, {}};
        float[][] rejected = {{Math.nextUp(1f)}, {-Float.MIN_VALUE}, {Float.NaN}, {Float.intBitsToFloat(0xffc00000)},
            {Float.POSITIVE_INFINITY}, {Float.NEGATIVE_INFINITY}, {0.5f, 0.5f, 2f}, {0.5f, Float.NaN, 1f}};
        for (float[] a : accepted) {
            assertTrue(FloatRowOps.inUnitInterval(of(1, a.length, a)), java.util.Arrays.toString(a));
            assertTrue(inUnitInterval(a), "the double predicate agrees");
        }
        for (float[] a : rejected) {
            assertFalse(FloatRowOps.inUnitInterval(of(1, a.length, a)), java.util.Arrays.toString(a));
            assertFalse(inUnitInterval(a), "the double predicate agrees");
        }
        SplittableRandom rng = new SplittableRandom(5);
        FMatrixRMaj x = new FMatrixRMaj(64, 784);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) rng.nextDouble();
        }
        assertTrue(FloatRowOps.inUnitInterval(x));
        x.data[x.data.length - 1] = -0.001f;
        assertFalse(FloatRowOps.inUnitInterval(x), "the last entry out of range");
    }

    /** The double check of a Bernoulli batch (as {@code ModelChecks.inUnitInterval}) on the values as doubles. */
    private static boolean inUnitInterval(float[] a) {
        for (float f : a) {
            double x = f;
            if (!(x >= 0 && x <= 1)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void rejectsBadShapesNamingTheArgument() {
        FMatrixRMaj m = new FMatrixRMaj(4, 5);
        assertMessage("row must be 1x5, got 2x5", () -> FloatRowOps.fillRows(m, new FMatrixRMaj(2, 5)));
        assertMessage("row must be 1x5, got 1x4", () -> FloatRowOps.fillRows(m, new FMatrixRMaj(1, 4)));
        assertMessage("row must not be null", () -> FloatRowOps.fillRows(m, null));
        assertMessage("m must not be null", () -> FloatRowOps.fillRows(null, new FMatrixRMaj(1, 5)));
        assertMessage("y must be 4x5, got 5x4", () -> FloatRowOps.reluBackwardEquals(m, new FMatrixRMaj(5, 4)));
        assertMessage("y must not be null", () -> FloatRowOps.reluBackwardEquals(m, null));
        assertMessage("g must not be null", () -> FloatRowOps.reluBackwardEquals(null, m));
        assertMessage("y must not be null", () -> FloatRowOps.reluEquals(null));
        assertMessage("x must not be null", () -> FloatRowOps.inUnitInterval(null));
        assertMessage("m must not be null", () -> FloatRowOps.columnSums(null, null));
        assertMessage("out must not alias m, got the same matrix", () -> FloatRowOps.columnSums(m, m));
        FMatrixRMaj sharing = new FMatrixRMaj(1, 5);
        sharing.data = m.data;
        assertMessage("out must not alias m, got a matrix sharing its data array",
                () -> FloatRowOps.columnSums(m, sharing));
        FMatrixRMaj out = new FMatrixRMaj(3, 3);
        assertSame(out, FloatRowOps.columnSums(m, out), "a given output is reshaped and returned");
    }
}
