package aelab.linalg;

import aelab.loss.FdLibm;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ArrayMath#log1p}'s Vector API path: {@link FdLibm#log1p(double)}'s operations on whole vectors, for the
 * arguments x in [0, 1) whose fdlibm branch is one of four (the result of every lane is then the same sequence of
 * IEEE additions, multiplications and divisions as the scalar code, hence the same bits):
 * <ul>
 *   <li>x &lt; 2⁻⁵⁴ (and ±0, subnormals): x;</li>
 *   <li>2⁻⁵⁴ ≤ x &lt; 2⁻²⁹: x − x·x·0.5;</li>
 *   <li>2⁻²⁹ ≤ x &lt; 0x3FDA827A·2³² (≈ √2 − 1): k = 0, f = x: f − (f²/2 − s(f²/2 + R));</li>
 *   <li>above, with 1 + x in [0x3FF6A09E·2³², 0x3FFFFFFC·2³²): k = 1, f = (1 + x)/2 − 1,
 *   c = (x − ((1 + x) − 1))/(1 + x): ln2_hi − ((f²/2 − (s(f²/2 + R) + (ln2_lo + c))) − f).</li>
 * </ul>
 * A vector with any other lane (negative, ≥ 1, NaN, or 1 + x at the edges of the reduction) is done lane by lane
 * by the scalar code.
 */
final class VectorLog1p {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double LP1 = 6.666666666666735130e-01;
    private static final double LP2 = 3.999999999940941908e-01;
    private static final double LP3 = 2.857142874366239149e-01;
    private static final double LP4 = 2.222219843214978396e-01;
    private static final double LP5 = 1.818357216161805012e-01;
    private static final double LP6 = 1.531383769920937332e-01;
    private static final double LP7 = 1.479819860511658591e-01;
    /** 2⁻⁵⁴ (fdlibm: high word 0x3c900000): below it, log1p(x) = x. */
    private static final double TINY = 0x1p-54;
    /** 2⁻²⁹ (0x3e200000): below it, x − x²/2. */
    private static final double SMALL = 0x1p-29;
    /** High word 0x3FDA827A: below it, k = 0 and f = x. */
    private static final double K0_LIMIT = Double.longBitsToDouble(0x3FDA827AL << 32);
    /** 1 + x from here (high word mantissa 0x6a09e) is reduced to (1 + x)/2 with k = 1. */
    private static final double U_LOW = Double.longBitsToDouble(0x3FF6A09EL << 32);
    /** 1 + x below here (mantissa high bits 0xffffc): |f| ≥ 2⁻²⁰, so fdlibm takes the polynomial branch. */
    private static final double U_HIGH = Double.longBitsToDouble(0x3FFFFFFCL << 32);

    private VectorLog1p() {
    }

    /**
     * out[i] = log1p(x[i]) for the whole vectors of [from, to).
     *
     * @return the first index not done (from + a multiple of the vector length)
     */
    static int log1p(double[] x, int from, int to, double[] out) {
        final int end = from + S.loopBound(to - from);
        for (int i = from; i < end; i += L) {
            final DoubleVector v = DoubleVector.fromArray(S, x, i);
            final DoubleVector u = v.add(1.0);
            final VectorMask<Double> nonNegative = v.compare(VectorOperators.GE, 0.0);
            final VectorMask<Double> k1 = v.compare(VectorOperators.GE, K0_LIMIT)
                    .and(u.compare(VectorOperators.GE, U_LOW)).and(u.compare(VectorOperators.LT, U_HIGH));
            if (!nonNegative.and(v.compare(VectorOperators.LT, K0_LIMIT).or(k1)).allTrue()) {
                for (int j = i; j < i + L; j++) {
                    out[j] = FdLibm.log1p(x[j]);
                }
                continue;
            }
            final DoubleVector f = v.blend(u.mul(0.5).sub(1.0), k1);
            final DoubleVector c = v.sub(u.sub(1.0)).div(u);
            final DoubleVector hfsq = f.mul(0.5).mul(f);
            final DoubleVector s = f.div(f.add(2.0));
            final DoubleVector z = s.mul(s);
            final DoubleVector r = z.mul(z.mul(z.mul(z.mul(z.mul(z.mul(z.mul(LP7).add(LP6)).add(LP5)).add(LP4))
                    .add(LP3)).add(LP2)).add(LP1));
            final DoubleVector sr = s.mul(hfsq.add(r));
            final DoubleVector k0 = f.sub(hfsq.sub(sr));
            final DoubleVector one = DoubleVector.broadcast(S, LN2_HI).sub(hfsq.sub(sr.add(c.add(LN2_LO))).sub(f));
            DoubleVector y = k0.blend(one, k1);
            y = y.blend(v.sub(v.mul(v).mul(0.5)), v.compare(VectorOperators.LT, SMALL));
            y = y.blend(v, v.compare(VectorOperators.LT, TINY));
            y.intoArray(out, i);
        }
        return end;
    }
}
