package aelab.linalg;

import aelab.core.Require;
import aelab.loss.FdLibm;

/**
 * Element-wise functions over arrays for the training hot path, each bit for bit its scalar {@code StrictMath}
 * counterpart, entry by entry, whatever the array length, the range or the JVM: the batch form only changes how
 * many entries are computed at once.
 *
 * <p>{@link #log1p} is {@link FdLibm#log1p(double)} (fdlibm 5.3, {@code s_log1p.c}: \(\ln(1 + x)\) from
 * \(1 + x = 2^k(1 + f)\), \(s = f/(2 + f)\), \(\ln(1 + f) = f - f^2/2 + s(f^2/2 + R(s^2))\)). When the Vector API is
 * in use ({@link Gemm#kernelName()} is {@code "vector"}) and this code is compiled, arguments in
 * [0, 1) — the Bernoulli loss's \(\log(1 + e^{-|a|})\) — go through the same operations eight lanes at a time
 * ({@code VectorLog1p}); any other argument, and every argument without the Vector API, takes the scalar code.
 */
public final class ArrayMath {
    private ArrayMath() {
    }

    /**
     * out[i] = ln(1 + x[i]) for i in [from, to), bit for bit {@link StrictMath#log1p(double)}. x: Not modified.
     * out: Modified (may be x).
     *
     * @throws IllegalArgumentException if [from, to) is not a range of both arrays
     */
    public static void log1p(double[] x, int from, int to, double[] out) {
        checkRange(Require.notNull("x", x).length, Require.notNull("out", out).length, from, to);
        int i = from;
        if (Gemm.vectorLog1pReady()) {
            i = VectorLog1p.log1p(x, from, to, out);
        }
        for (; i < to; i++) {
            out[i] = FdLibm.log1p(x[i]);
        }
    }

    /**
     * Checks that [from, to) is a range of arrays x and out of these lengths (the element-wise functions' arguments).
     *
     * @throws IllegalArgumentException if not, naming both arrays, their lengths and the range
     */
    static void checkRange(int xLength, int outLength, int from, int to) {
        if (from < 0 || from > to || to > xLength || to > outLength) {
            throw new IllegalArgumentException("[from, to) must be a range of x (length " + xLength + ") and out "
                    + "(length " + outLength + "), got [" + from + ", " + to + ")");
        }
    }
}
