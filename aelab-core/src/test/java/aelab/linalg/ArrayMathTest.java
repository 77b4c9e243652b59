package aelab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ArrayMath#log1p} against {@link StrictMath#log1p(double)} (the JDK's fdlibm, an independent implementation),
 * bit for bit, entry by entry, with the Vector API path ({@code VectorLog1p}) and without it: on the Bernoulli loss's
 * arguments e^{−|a|}, on every branch boundary of the vector path (lanes on both sides, alone and mixed in one
 * vector), and on arguments the vector path must hand to the scalar code.
 */
class ArrayMathTest {
    @AfterEach
    void restore() {
        Gemm.selectVector(true);
    }

    private static void assertLog1p(double[] x, int from, int to, String what) {
        for (boolean vector : new boolean[] {true, false}) {
            Gemm.selectVector(vector);
            double[] out = new double[x.length];
            ArrayMath.log1p(x, from, to, out);
            double[] inPlace = x.clone();
            ArrayMath.log1p(inPlace, from, to, inPlace);
            for (int i = 0; i < x.length; i++) {
                double expected = i >= from && i < to ? StrictMath.log1p(x[i]) : 0.0;
                double xi = x[i];
                int index = i;
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(out[i]),
                        () -> what + ", " + (vector ? "vector" : "scalar") + " path, entry " + index + ": log1p(" + xi
                                + " = 0x" + Long.toHexString(Double.doubleToRawLongBits(xi)) + ") = " + expected);
                double expectedInPlace = i >= from && i < to ? expected : x[i];
                assertEquals(Double.doubleToLongBits(expectedInPlace), Double.doubleToLongBits(inPlace[i]),
                        () -> what + ", in place, entry " + index);
            }
        }
    }

    @Test
    void theVectorPathIsInUseInTheTests() {
        Gemm.selectVector(true);
        assertTrue(Gemm.vectorLog1pReady(), "surefire adds jdk.incubator.vector; without it this class tests one path");
    }

    @Test
    void equalsStrictMathOnTheBernoulliLossArguments() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = new double[100_003];
        for (int rep = 0; rep < 5; rep++) {
            double spread = new double[] {0.5, 3, 10, 30, 800}[rep];
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.exp(-Math.abs(rng.nextGaussian() * spread));
            }
            assertLog1p(x, 0, x.length, "e^-|a|, a ~ N(0, " + spread + "^2)");
            assertLog1p(x, 3, x.length - 5, "e^-|a| on [3, n - 5)");
        }
    }

    @Test
    void equalsStrictMathOnBothSidesOfEveryBranchBoundary() {
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-54, 0x1p-29, fromHighWord(0x3FDA827A),
            fromHighWord(0x3FF6A09E) - 1, fromHighWord(0x3FFFFFFC) - 1, fromHighWord(0x3FFFFFFD) - 1, 1.0,
            Math.sqrt(2) - 1, 0.5, 0.99999};
        SplittableRandom rng = new SplittableRandom(4);
        double[] x = new double[8 * 4096];
        int n = 0;
        for (double edge : edges) {
            double up = edge;
            double down = edge;
            for (int j = 0; j < 128; j++) {
                x[n++] = up;
                x[n++] = down;
                up = Math.nextUp(up);
                down = Math.nextDown(down);
            }
        }
        // and the same arguments shuffled, so that one vector mixes branches
        double[] mixed = java.util.Arrays.copyOf(x, n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = mixed[i];
            mixed[i] = mixed[j];
            mixed[j] = t;
        }
        assertLog1p(java.util.Arrays.copyOf(x, n), 0, n, "branch edges in order");
        assertLog1p(mixed, 0, n, "branch edges shuffled");
    }

    @Test
    void handsOtherArgumentsToTheScalarCode() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 3 == 0 ? Double.longBitsToDouble(rng.nextLong()) : rng.nextDouble();
        }
        x[17] = Double.NaN;
        x[18] = -1.0;
        x[19] = Double.POSITIVE_INFINITY;
        x[20] = -0.5;
        assertLog1p(x, 0, x.length, "random bit patterns among [0, 1)");
    }

    @Test
    void rejectsARangeOutsideTheArraysByName() {
        double[] x = new double[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayMath.log1p(x, 2, 5, x));
        assertTrue(e.getMessage().contains("[2, 5)") && e.getMessage().contains("length 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArrayMath.log1p(x, 0, 4, new double[3]));
        assertTrue(e.getMessage().contains("out") && e.getMessage().contains("length 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArrayMath.log1p(null, 0, 0, x));
        assertTrue(e.getMessage().contains("x"), e.getMessage());
    }

    private static double fromHighWord(int high) {
        return Double.longBitsToDouble((long) high << 32);
    }
}
