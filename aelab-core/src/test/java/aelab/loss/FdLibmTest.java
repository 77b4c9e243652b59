package aelab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FdLibm#log1p(double)} against {@link StrictMath#log1p(double)} (the JDK's fdlibm), bit for bit
 * ({@code Double.doubleToLongBits}, which identifies all NaNs): the training loss must not change by one ulp when the
 * library swaps the call.
 */
class FdLibmTest {
    private static void assertSameBits(double x) {
        double expected = StrictMath.log1p(x);
        double actual = FdLibm.log1p(x);
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                () -> "log1p(" + x + " = 0x" + Long.toHexString(Double.doubleToRawLongBits(x)) + "): StrictMath "
                        + expected + ", FdLibm " + actual);
    }

    @Test
    void equalsStrictMathOnTheBernoulliLossDomain() {
        // The Vae's loss calls log1p(exp(-|a|)), an argument in (0, 1]; ReconstructionLoss calls log1p(-p), p in [0, 1].
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 1_000_000; i++) {
            double e = Math.exp(-Math.abs(rng.nextGaussian() * 8));
            assertSameBits(e);
            assertSameBits(-rng.nextDouble());
            assertSameBits(rng.nextDouble());
        }
    }

    @Test
    void equalsStrictMathOnRandomBitPatterns() {
        // Every exponent and sign, so every branch of the reduction (k = 0, 1 + x rounded, |x| >= 2^53, < -1, NaN).
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 1_000_000; i++) {
            assertSameBits(Double.longBitsToDouble(rng.nextLong()));
            assertSameBits(rng.nextDouble() * 6 - 1.5);
        }
    }

    @Test
    void equalsStrictMathAtSpecialValuesAndBranchBoundaries() {
        double[] points = {0.0, -0.0, 1.0, -1.0, 2.0, -2.0, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            -Double.MAX_VALUE, Math.sqrt(2) - 1, 1 / Math.sqrt(2) - 1, -0.2929, 0x1p-29, -0x1p-29, 0x1p-54, -0x1p-54,
            0x1p-20, 0x1p53, 0x1p54, fromHighWord(0x3FDA827A), fromHighWord(0xbfd2bec3), fromHighWord(0x43400000),
            fromHighWord(0x3ff6a09e) - 1};
        for (double p : points) {
            double up = p;
            double down = p;
            assertSameBits(p);
            for (int j = 0; j < 64; j++) {
                up = Math.nextUp(up);
                down = Math.nextDown(down);
                assertSameBits(up);
                assertSameBits(down);
            }
        }
    }

    private static double fromHighWord(int high) {
        return Double.longBitsToDouble((long) high << 32);
    }
}
