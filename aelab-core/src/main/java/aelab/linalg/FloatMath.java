package aelab.linalg;

import aelab.core.Require;

/**
 * Float exp and log1p, scalar and over arrays, the same bits whether an entry is computed by the scalar code or by the
 * Vector API ({@code VectorFloatMath}), interpreted or compiled: both are written from IEEE float operations only
 * (+, −, ×, ÷, {@link Math#fma(float, float, float)}, comparisons, selections, exact int↔float conversions and bit
 * reinterpretation), every lane doing the scalar code's operations in the scalar code's order. (The Vector API's own
 * {@code EXP} and {@code LOG1P} are Intel SVML in C2-compiled code and {@code (float) Math.exp} per lane in the
 * interpreter: they differ in about 1 % of lanes.) Arguments outside each function's polynomial domain (the
 * "fast domain" below) are handed to {@code (float) StrictMath.exp((double) x)} and {@code (float)
 * StrictMath.log1p((double) x)}: NaN, ±∞, overflow, underflow to subnormals or 0, x ≤ −1.
 *
 * <h2>exp (fast domain −87 ≤ x ≤ 88: 2ⁿ and the result are normal)</h2>
 * Cody–Waite reduction as in Cephes {@code expf.c} (S. L. Moshier, Cephes Math Library 2.2, 1992), with fma:
 * <ul>
 *   <li>t = fma(x, log₂e, 1.5·2²³), n = t − 1.5·2²³ = round(x·log₂e) (the shift puts n in the low bits of t);</li>
 *   <li>x = n·ln2 + r with ln2 = C1 + C2, C1 = 0.693359375 (9 bits, so r₁ = fma(−n, C1, x) = x − n·C1 is exact:
 *   r₁ is a multiple of ulp(x) smaller than |x|) and C2 = −2.12194440·10⁻⁴ (|C1 + C2 − ln2| &lt; 2⁻³⁹);
 *   r₂ = −n·C2 (rounded), r = r₁ + r₂ (rounded, |r| ≤ ln2/2 + 2⁻¹⁸);</li>
 *   <li>e^r = 1 + r + r²·q(r), q(r) = P5 + r(P4 + r(P3 + r(P2 + r(P1 + r·P0)))) by fma (Cephes' coefficients,
 *   relative error of the polynomial |1 + r + r²q(r) − e^r| &lt; 2⁻²⁸·⁴·e^r on |r| ≤ ln2/2);</li>
 *   <li>1 + r₁ is formed exactly as h + e_h (h = 1 + r₁, e_h = r₁ − (h − 1), Fast2Sum), so that the rounding of r only
 *   reaches the r²q term: p = h + (e_h + fma(r², q, r₂)), one rounding of a result in (0.70, 1.42);</li>
 *   <li>eˣ = p·2ⁿ, 2ⁿ from the exponent bits (bits(t) − bits(1.5·2²³) + 127) ≪ 23: exact.</li>
 * </ul>
 * Error bound: every rounded operation contributes half an ulp of its result times the result's first-order
 * sensitivity to it; with the polynomial's error and C1 + C2's, the sum over ulp(p) is largest, 0.81 ulp (so
 * {@value #EXP_MAX_ULPS}), at x = 86.296875: 0.5 for the last rounding, the rest mostly from r's
 * rounding through the r²q term, the two additions before the last and q's roundings
 * ({@code bench/prototypes/float-step/float_math_bounds.py} evaluates it over the fast domain). The arguments handed
 * to {@code StrictMath} are within 0.5 ulp + 2⁻²⁹ (one double, one float rounding). Measured over every 64th float
 * of [−104, 89] ({@code FloatMathTest}): 0.70 ulp (at x = 59.293457), 0.13 % of results not correctly rounded.
 *
 * <h2>log1p (fast domain 2⁻²⁵ ≤ |x|, −1 &lt; x &lt; 2²⁴; |x| &lt; 2⁻²⁵, ±0 and subnormals included, return x)</h2>
 * fdlibm 5.3 {@code s_log1p.c} (Sun Microsystems, 1993) in the float form of FreeBSD's {@code s_log1pf.c} and
 * {@code k_logf.h} (msun, Bruce D. Evans' float polynomial):
 * <ul>
 *   <li>u = 1 + x; when u is in [√2/2, √2): k = 0, f = x exactly, c = 0; otherwise u = 2ᵏ·(1 + f) with 1 + f in
 *   [√2/2, √2) from u's bits (bits(u) + 0x3f800000 − 0x3f3504f3: exponent k + 127, then mantissa
 *   + 0x3f3504f3 − 1), and the rounding of 1 + x restored to first order, c = (x − (u − 1))/u (u − 1 and the
 *   difference are exact for −1 &lt; x &lt; 2²⁴);</li>
 *   <li>s = f/(2 + f), ln(1 + f) = f − hfsq + s·(hfsq + R(s²)), hfsq = f²/2, R(z) = Lg1·z + Lg2·z² + Lg3·z³ + Lg4·z⁴
 *   (|R − exact| &lt; 2⁻³⁴·²);</li>
 *   <li>ln(1 + x) = hi + (lo + e_hi): hi = k·ln2_hi + f (ln2_hi = 0x3f317180, 16 bits: k·ln2_hi exact), e_hi = f −
 *   (hi − k·ln2_hi) its rounding error (Fast2Sum, |k·ln2_hi| ≥ |f| when k ≠ 0), lo = (s·(hfsq + R) + (k·ln2_lo + c))
 *   − hfsq.</li>
 * </ul>
 * Error bound, as for exp (the same script): 1.06 ulp (so {@value #LOG1P_MAX_ULPS}) at its largest, where 1 + x is
 * near √2/2 (y ≈ −0.347, ulp 2⁻²⁵, hfsq ≈ 0.086): 0.5 for the last rounding, the rest from hfsq, lo's subtraction
 * and the roundings of s and s·(hfsq + R), the bound taking their worst cases at once; R's own error (2⁻³⁴·², times
 * s ≤ 0.172) and c's (its division and the dropped (c/u)²/2, |c/u| ≤ 2⁻²⁴) are below 0.01 ulp. This is an upper
 * bound, not the target's ≤ 1 ulp: measured over every 64th float of [−1, 4] ({@code FloatMathTest}): 0.80 ulp (at
 * x = −0.29442787), 0.15 % of results not correctly rounded, none more than 1 ulp (as integers) from StrictMath's.
 *
 * <p>Arrays: {@link #exp(float[], int, int, float[])} and {@link #log1p(float[], int, int, float[])} run whole vectors
 * of {@code FloatVector.SPECIES_PREFERRED} through the same operations when the Vector API is in use and compiled
 * ({@link Gemm#vectorFloatMathReady()}); a vector with any lane outside the fast domain, the tail, and every entry
 * before the warm-up ({@link VectorWarmUp}) take the scalar code: the results are the same bits either way.
 */
public final class FloatMath {
    /** The a-priori bound of {@link #exp(float)}'s error, in ulps of the result (class Javadoc). */
    public static final double EXP_MAX_ULPS = 0.81;
    /** The a-priori bound of {@link #log1p(float)}'s error, in ulps of the result (class Javadoc). */
    public static final double LOG1P_MAX_ULPS = 1.06;

    static final float EXP_MIN = -87f;
    static final float EXP_MAX = 88f;
    static final float LOG2E = 1.44269504088896341f;
    /** 1.5·2²³: t = x·log₂e + SHIFT has round(x·log₂e) in its low mantissa bits. */
    static final float SHIFT = 0x1.8p23f;
    static final int SHIFT_BITS = Float.floatToRawIntBits(SHIFT);
    static final float C1 = 0.693359375f;
    static final float C2 = -2.12194440e-4f;
    static final float P0 = 1.9875691500e-4f;
    static final float P1 = 1.3981999507e-3f;
    static final float P2 = 8.3334519073e-3f;
    static final float P3 = 4.1665795894e-2f;
    static final float P4 = 1.6666665459e-1f;
    static final float P5 = 5.0000001201e-1f;

    /** Below it in magnitude (and for ±0, subnormals), log1p(x) rounds to x. */
    static final float LOG1P_TINY = 0x1p-25f;
    static final float LOG1P_MAX = 0x1p24f;
    /** Bits of √2/2 (rounded down): 1 + f is reduced into [√2/2, √2). */
    static final int SQRT_HALF_BITS = 0x3f3504f3;
    static final float SQRT_HALF = Float.intBitsToFloat(SQRT_HALF_BITS);
    static final float SQRT2 = Float.intBitsToFloat(SQRT_HALF_BITS + 0x00800000);
    static final float LN2_HI = 6.9313812256e-01f;
    static final float LN2_LO = 9.0580006145e-06f;
    static final float LG1 = 0xaaaaaa.0p-24f;
    static final float LG2 = 0xccce13.0p-25f;
    static final float LG3 = 0x91e9ee.0p-25f;
    static final float LG4 = 0xf89e26.0p-26f;

    private FloatMath() {
    }

    /** eˣ within {@value #EXP_MAX_ULPS} ulp; NaN, ±∞, overflow and underflow as {@code StrictMath.exp}. */
    public static float exp(float x) {
        if (!(x >= EXP_MIN && x <= EXP_MAX)) {
            return (float) StrictMath.exp(x);
        }
        final float t = Math.fma(x, LOG2E, SHIFT);
        final float n = t - SHIFT;
        final float r1 = Math.fma(-n, C1, x);
        final float r2 = -n * C2;
        final float r = r1 + r2;
        final float q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(P0, r, P1), r, P2), r, P3), r, P4), r, P5);
        final float h = 1f + r1;
        final float eh = r1 - (h - 1f);
        final float p = h + (eh + Math.fma(r * r, q, r2));
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(t) - SHIFT_BITS + 127) << 23);
    }

    /**
     * ln(1 + x) within {@value #LOG1P_MAX_ULPS} ulp; NaN, +∞, −1 (−∞), x &lt; −1 (NaN), ±0 as
     * {@code StrictMath.log1p}.
     */
    public static float log1p(float x) {
        if (!(x > -1f && x < LOG1P_MAX)) {
            return (float) StrictMath.log1p(x);
        }
        if (Math.abs(x) < LOG1P_TINY) {
            return x;
        }
        final float u = 1f + x;
        final boolean k0 = u >= SQRT_HALF && u < SQRT2;
        final int ix = Float.floatToRawIntBits(u) + (0x3f800000 - SQRT_HALF_BITS);
        final float k = k0 ? 0f : (float) ((ix >> 23) - 127);
        final float f = k0 ? x : Float.intBitsToFloat((ix & 0x007fffff) + SQRT_HALF_BITS) - 1f;
        final float c = k0 ? 0f : (x - (u - 1f)) / u;
        final float s = f / (2f + f);
        final float z = s * s;
        final float w = z * z;
        final float r = z * (LG1 + w * LG3) + w * (LG2 + w * LG4);
        final float hfsq = 0.5f * f * f;
        final float lo = s * (hfsq + r) + (k * LN2_LO + c) - hfsq;
        final float kHi = k * LN2_HI;
        final float hi = kHi + f;
        return hi + (lo + (f - (hi - kHi)));
    }

    /**
     * out[i] = {@link #exp(float) exp}(x[i]) for i in [from, to), bit for bit. x: Not modified. out: Modified (may be
     * x).
     *
     * @throws IllegalArgumentException if [from, to) is not a range of both arrays
     */
    public static void exp(float[] x, int from, int to, float[] out) {
        checkRange(x, from, to, out);
        int i = from;
        if (Gemm.vectorFloatMathReady()) {
            i = VectorFloatMath.exp(x, from, to, out);
        }
        for (; i < to; i++) {
            out[i] = exp(x[i]);
        }
    }

    /**
     * out[i] = {@link #log1p(float) log1p}(x[i]) for i in [from, to), bit for bit. x: Not modified. out: Modified (may
     * be x).
     *
     * @throws IllegalArgumentException if [from, to) is not a range of both arrays
     */
    public static void log1p(float[] x, int from, int to, float[] out) {
        checkRange(x, from, to, out);
        int i = from;
        if (Gemm.vectorFloatMathReady()) {
            i = VectorFloatMath.log1p(x, from, to, out);
        }
        for (; i < to; i++) {
            out[i] = log1p(x[i]);
        }
    }

    /**
     * Whether x[from..to) are all finite (no NaN, no ±∞); on vectors once {@link VectorFloatMath} is compiled, then
     * the answer is the same. x: Not modified.
     *
     * @throws IllegalArgumentException if [from, to) is not a range of x
     */
    public static boolean allFinite(float[] x, int from, int to) {
        checkRange(x, from, to, x);
        int i = from;
        if (Gemm.vectorFloatMathReady()) {
            i = VectorFloatMath.allFinite(x, from, to);
            if (i < 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (!Float.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }

    private static void checkRange(float[] x, int from, int to, float[] out) {
        ArrayMath.checkRange(Require.notNull("x", x).length, Require.notNull("out", out).length, from, to);
    }
}
