package aelab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatMath}: the array forms equal the scalar twins bit for bit, entry by entry, with the Vector API path
 * ({@code VectorFloatMath}) and without it, on dense sweeps, random floats, the edges of the fast domains (alone and
 * shuffled into mixed vectors) and ranges that start and end inside a vector; the scalar twins' error against
 * {@code StrictMath} in double (an independent implementation, within 1 ulp of double) is within the class Javadoc's
 * a-priori bounds over every 64th float of the swept intervals; the special arguments as {@code StrictMath}.
 */
class FloatMathTest {
    private interface Scalar {
        float apply(float x);
    }

    private interface Batch {
        void apply(float[] x, int from, int to, float[] out);
    }

    private static final Scalar EXP = FloatMath::exp;
    private static final Scalar LOG1P = FloatMath::log1p;
    private static final Batch EXP_ARRAY = FloatMath::exp;
    private static final Batch LOG1P_ARRAY = FloatMath::log1p;

    @AfterEach
    void restore() {
        Gemm.selectVector(true);
    }

    /** The array form over [from, to) on both paths, into a new array and in place, equals the scalar twin's bits. */
    private static void assertTwins(Batch batch, Scalar scalar, float[] x, int from, int to, String what) {
        for (boolean vector : new boolean[] {true, false}) {
            Gemm.selectVector(vector);
            float[] out = new float[x.length];
            batch.apply(x, from, to, out);
            float[] inPlace = x.clone();
            batch.apply(inPlace, from, to, inPlace);
            for (int i = 0; i < x.length; i++) {
                boolean inRange = i >= from && i < to;
                float expected = inRange ? scalar.apply(x[i]) : 0f;
                float xi = x[i];
                int index = i;
                String path = vector ? "vector" : "scalar";
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out[i]),
                        () -> what + ", " + path + " path, entry " + index + " of [" + from + ", " + to + "): f(" + xi
                                + " = 0x" + Integer.toHexString(Float.floatToRawIntBits(xi)) + ") = " + expected);
                float expectedInPlace = inRange ? expected : x[i];
                assertEquals(Float.floatToRawIntBits(expectedInPlace), Float.floatToRawIntBits(inPlace[i]),
                        () -> what + ", " + path + " path in place, entry " + index);
            }
        }
    }

    private static void assertTwinsOnRanges(Batch batch, Scalar scalar, float[] x, String what) {
        assertTwins(batch, scalar, x, 0, x.length, what);
        assertTwins(batch, scalar, x, 3, x.length - 5, what + " on [3, n - 5)");
    }

    @Test
    void theVectorPathIsInUseInTheTests() {
        Gemm.selectVector(true);
        assertTrue(Gemm.vectorFloatMathReady(), "surefire adds jdk.incubator.vector; without it this class tests one "
                + "path");
    }

    /** Every stride-th float of [lo, hi] (lo ≤ 0 ≤ hi), by bit pattern: as dense in every binade. */
    private static float[] sweep(float lo, float hi, int stride) {
        int neg = Float.floatToRawIntBits(-lo) / stride + 1;
        int pos = Float.floatToRawIntBits(hi) / stride + 1;
        float[] x = new float[neg + pos];
        for (int j = 0; j < neg; j++) {
            x[j] = -Float.intBitsToFloat(j * stride);
        }
        for (int j = 0; j < pos; j++) {
            x[neg + j] = Float.intBitsToFloat(j * stride);
        }
        x[neg - 1] = lo;
        x[x.length - 1] = hi;
        return x;
    }

    @Test
    void expLanesEqualTheScalarTwinOnADenseSweep() {
        assertTwinsOnRanges(EXP_ARRAY, EXP, sweep(-104f, 89f, 1021), "every 1021st float of [-104, 89]");
    }

    @Test
    void log1pLanesEqualTheScalarTwinOnADenseSweep() {
        assertTwinsOnRanges(LOG1P_ARRAY, LOG1P, sweep(-1f, 4f, 1021), "every 1021st float of [-1, 4]");
    }

    @Test
    void lanesEqualTheScalarTwinsOnTheBernoulliLossArguments() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] a = new float[100_003];
        for (double spread : new double[] {0.5, 3, 10, 30, 800}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = -Math.abs((float) (rng.nextGaussian() * spread));
            }
            assertTwinsOnRanges(EXP_ARRAY, EXP, a, "-|a|, a ~ N(0, " + spread + "^2)");
            float[] e = new float[a.length];
            FloatMath.exp(a, 0, a.length, e);
            assertTwinsOnRanges(LOG1P_ARRAY, LOG1P, e, "e^-|a|, a ~ N(0, " + spread + "^2)");
        }
    }

    @Test
    void lanesEqualTheScalarTwinsOnRandomFloats() {
        SplittableRandom rng = new SplittableRandom(4);
        float[] bits = new float[1 << 16];
        float[] uniform = new float[1 << 16];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Float.intBitsToFloat(rng.nextInt());
            uniform[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        for (Batch batch : new Batch[] {EXP_ARRAY, LOG1P_ARRAY}) {
            Scalar scalar = batch == EXP_ARRAY ? EXP : LOG1P;
            assertTwinsOnRanges(batch, scalar, bits, "random bit patterns");
            assertTwinsOnRanges(batch, scalar, uniform, "uniform on (-1, 1)");
            float[] scaled = uniform.clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= 100f;
            }
            assertTwinsOnRanges(batch, scalar, scaled, "uniform on (-100, 100)");
        }
    }

    /** Arguments at and around the edges of the fast domains and of the reductions, for both functions. */
    private static float[] edges() {
        float[] centres = {0f, -0f, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.NaN, Float.intBitsToFloat(0xffc00001), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            FloatMath.EXP_MIN, FloatMath.EXP_MAX, -87.33655f, 88.72284f, -103.97208f, -149 * 0.6931472f, 1f, -1f,
            FloatMath.LOG1P_TINY, -FloatMath.LOG1P_TINY, 0x1p-24f, FloatMath.LOG1P_MAX, FloatMath.SQRT_HALF - 1f,
            FloatMath.SQRT2 - 1f, 0.5f * 0.6931472f, -0.5f * 0.6931472f, 0.6931472f, 1.5f * 0.6931472f, -0.5f};
        float[] x = new float[centres.length * 2 * 64];
        int n = 0;
        for (float centre : centres) {
            float up = centre;
            float down = centre;
            for (int j = 0; j < 64; j++) {
                x[n++] = up;
                x[n++] = down;
                up = Math.nextUp(up);
                down = Math.nextDown(down);
            }
        }
        return x;
    }

    @Test
    void lanesEqualTheScalarTwinsAtTheEdgesAloneAndMixed() {
        float[] x = edges();
        float[] mixed = x.clone();
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = mixed.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = mixed[i];
            mixed[i] = mixed[j];
            mixed[j] = t;
        }
        for (Batch batch : new Batch[] {EXP_ARRAY, LOG1P_ARRAY}) {
            Scalar scalar = batch == EXP_ARRAY ? EXP : LOG1P;
            assertTwinsOnRanges(batch, scalar, x, "edges in order");
            assertTwinsOnRanges(batch, scalar, mixed, "edges shuffled");
        }
    }

    /**
     * |y − ref| in ulps of float at ref (the spacing of the floats of ref's binade, or of the subnormals): ref is
     * StrictMath's double result, within 1 ulp of double of the exact value.
     */
    static double ulpError(float y, double ref) {
        float rounded = (float) ref;
        double ulp = Math.ulp(rounded);
        if (Math.abs(rounded) > Math.abs(ref) && rounded == Math.scalb(1f, Math.getExponent(rounded))
                && ulp > Float.MIN_VALUE) {
            ulp /= 2; // ref lies in the binade below its rounding
        }
        return Math.abs(y - ref) / ulp;
    }

    /**
     * The largest ulpError over every 64th float of [lo, hi] whose reference is a finite nonzero float, asserting on
     * the way that every other result (0, ±∞, NaN) is StrictMath's rounded to float and that every result is within 1
     * ulp (as integers) of StrictMath's rounded to float.
     */
    private static double maxError(Scalar f, DoubleUnaryOperator strict, float lo, float hi) {
        double max = 0;
        int chunk = 1 << 20;
        float[] x = sweep(lo, hi, 64);
        float[] y = new float[chunk];
        for (int from = 0; from < x.length; from += chunk) {
            int to = Math.min(x.length, from + chunk);
            for (int i = from; i < to; i++) {
                y[i - from] = f.apply(x[i]);
            }
            for (int i = from; i < to; i++) {
                double ref = strict.applyAsDouble(x[i]);
                float rounded = (float) ref;
                float yi = y[i - from];
                float xi = x[i];
                if (rounded == 0 || !Float.isFinite(rounded)) {
                    assertEquals(Float.floatToIntBits(rounded), Float.floatToIntBits(yi), () -> "f(" + xi + ")");
                    continue;
                }
                int apart = Math.abs(Float.floatToRawIntBits(yi) - Float.floatToRawIntBits(rounded));
                assertTrue(apart <= 1 && Math.signum(yi) == Math.signum(rounded),
                        () -> "f(" + xi + ") = " + yi + ", StrictMath rounded " + rounded);
                max = Math.max(max, ulpError(yi, ref));
            }
        }
        return max;
    }

    @Test
    void expIsWithinItsBoundOfStrictMath() {
        double err = maxError(EXP, StrictMath::exp, -104f, 89f);
        assertTrue(err <= FloatMath.EXP_MAX_ULPS, () -> "max error " + err + " ulp over every 64th float of [-104, "
                + "89], bound " + FloatMath.EXP_MAX_ULPS);
        assertTrue(err > 0.5, () -> "max error " + err + ": a float result cannot be nearer than 0.5 ulp everywhere");
    }

    @Test
    void log1pIsWithinItsBoundOfStrictMath() {
        double err = maxError(LOG1P, StrictMath::log1p, -1f, 4f);
        assertTrue(err <= FloatMath.LOG1P_MAX_ULPS, () -> "max error " + err + " ulp over every 64th float of [-1, "
                + "4], bound " + FloatMath.LOG1P_MAX_ULPS);
        assertTrue(err > 0.5, () -> "max error " + err + ": a float result cannot be nearer than 0.5 ulp everywhere");
    }

    @Test
    void specialArgumentsAsStrictMath() {
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, -1f, -1.5f,
            Math.nextDown(-1f), Math.nextUp(-1f), Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE,
            Float.MIN_NORMAL, -Float.MIN_NORMAL, 0x1p-140f, -0x1p-140f, 88.72283f, 88.72284f, 89f, -87.5f, -100f,
            -103.9f, -104f, -150f, 0x1p24f, 0x1p30f};
        for (float x : special) {
            assertEquals(Float.floatToRawIntBits((float) StrictMath.exp(x)), Float.floatToRawIntBits(FloatMath.exp(x)),
                    () -> "exp(" + x + ")");
            assertEquals(Float.floatToRawIntBits((float) StrictMath.log1p(x)),
                    Float.floatToRawIntBits(FloatMath.log1p(x)), () -> "log1p(" + x + ")");
        }
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(FloatMath.log1p(-0f)));
        assertEquals(Float.NEGATIVE_INFINITY, FloatMath.log1p(-1f));
        assertTrue(Float.isNaN(FloatMath.log1p(-1.5f)) && Float.isNaN(FloatMath.exp(Float.NaN)));
        assertEquals(0f, FloatMath.exp(Float.NEGATIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(89f));
        assertEquals(Float.MIN_VALUE, FloatMath.exp(-103.9f));
        assertEquals(1f, FloatMath.exp(-0f));
        float[] x = Arrays.copyOf(special, 40);
        for (Batch batch : new Batch[] {EXP_ARRAY, LOG1P_ARRAY}) {
            assertTwinsOnRanges(batch, batch == EXP_ARRAY ? EXP : LOG1P, x, "special arguments");
        }
    }

    @Test
    void rejectsARangeOutsideTheArraysByName() {
        float[] x = new float[4];
        for (Batch batch : new Batch[] {EXP_ARRAY, LOG1P_ARRAY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.apply(x, 2, 5, x));
            assertTrue(e.getMessage().contains("[2, 5)") && e.getMessage().contains("x (length 4)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> batch.apply(x, 3, 2, x));
            assertTrue(e.getMessage().contains("[3, 2)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> batch.apply(x, -1, 2, x));
            assertTrue(e.getMessage().contains("[-1, 2)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> batch.apply(x, 0, 4, new float[3]));
            assertTrue(e.getMessage().contains("out (length 3)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> batch.apply(null, 0, 0, x));
            assertTrue(e.getMessage().contains("x"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> batch.apply(x, 0, 0, null));
            assertTrue(e.getMessage().contains("out"), e.getMessage());
        }
    }
}
