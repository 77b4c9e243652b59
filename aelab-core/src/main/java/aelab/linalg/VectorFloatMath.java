package aelab.linalg;

import static aelab.linalg.FloatMath.C1;
import static aelab.linalg.FloatMath.C2;
import static aelab.linalg.FloatMath.EXP_MAX;
import static aelab.linalg.FloatMath.EXP_MIN;
import static aelab.linalg.FloatMath.LG1;
import static aelab.linalg.FloatMath.LG2;
import static aelab.linalg.FloatMath.LG3;
import static aelab.linalg.FloatMath.LG4;
import static aelab.linalg.FloatMath.LN2_HI;
import static aelab.linalg.FloatMath.LN2_LO;
import static aelab.linalg.FloatMath.LOG1P_MAX;
import static aelab.linalg.FloatMath.LOG1P_TINY;
import static aelab.linalg.FloatMath.LOG2E;
import static aelab.linalg.FloatMath.P0;
import static aelab.linalg.FloatMath.P1;
import static aelab.linalg.FloatMath.P2;
import static aelab.linalg.FloatMath.P3;
import static aelab.linalg.FloatMath.P4;
import static aelab.linalg.FloatMath.P5;
import static aelab.linalg.FloatMath.SHIFT;
import static aelab.linalg.FloatMath.SHIFT_BITS;
import static aelab.linalg.FloatMath.SQRT2;
import static aelab.linalg.FloatMath.SQRT_HALF;
import static aelab.linalg.FloatMath.SQRT_HALF_BITS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatMath}'s array forms on the Vector API: each lane does {@link FloatMath#exp(float)}'s and
 * {@link FloatMath#log1p(float)}'s fast-domain operations in the same order (the scalar {@code a ? b : c} as a blend,
 * {@code Math.fma} as {@code fma}), hence the same bits; a vector with any lane outside the fast domain is done lane by
 * lane by the scalar code.
 */
final class VectorFloatMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorFloatMath() {
    }

    /**
     * Whether the whole vectors of [from, to) are all finite: the lane sums of x·0, which are 0 for finite x and NaN
     * for NaN or ±∞ (and stay NaN), reduced once at the end.
     *
     * @return the first index not looked at (from + a multiple of the vector length), or −1 when a vector had a
     *         NaN/∞
     */
    static int allFinite(float[] x, int from, int to) {
        final int end = from + S.loopBound(to - from);
        FloatVector acc = FloatVector.zero(S);
        for (int i = from; i < end; i += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, x, i).mul(0f));
        }
        return Float.isNaN(acc.reduceLanes(VectorOperators.ADD)) ? -1 : end;
    }

    /**
     * out[i] = FloatMath.exp(x[i]) for the whole vectors of [from, to).
     *
     * @return the first index not done (from + a multiple of the vector length)
     */
    static int exp(float[] x, int from, int to, float[] out) {
        final int end = from + S.loopBound(to - from);
        for (int i = from; i < end; i += L) {
            final FloatVector v = FloatVector.fromArray(S, x, i);
            if (!v.compare(VectorOperators.GE, EXP_MIN).and(v.compare(VectorOperators.LE, EXP_MAX)).allTrue()) {
                for (int j = i; j < i + L; j++) {
                    out[j] = FloatMath.exp(x[j]);
                }
                continue;
            }
            expInDomain(v).intoArray(out, i);
        }
        return end;
    }

    private static FloatVector expInDomain(FloatVector x) {
        final FloatVector t = x.fma(LOG2E, SHIFT);
        final FloatVector n = t.sub(SHIFT);
        final FloatVector r1 = n.neg().fma(FloatVector.broadcast(S, C1), x);
        final FloatVector r2 = n.neg().mul(C2);
        final FloatVector r = r1.add(r2);
        final FloatVector q = r.fma(P0, P1).fma(r, FloatVector.broadcast(S, P2)).fma(r, FloatVector.broadcast(S, P3))
                .fma(r, FloatVector.broadcast(S, P4)).fma(r, FloatVector.broadcast(S, P5));
        final FloatVector h = r1.add(1f);
        final FloatVector eh = r1.sub(h.sub(1f));
        final FloatVector p = h.add(eh.add(r.mul(r).fma(q, r2)));
        final IntVector twoN = ((IntVector) t.reinterpretAsInts()).sub(SHIFT_BITS - 127)
                .lanewise(VectorOperators.LSHL, 23);
        return p.mul(twoN.reinterpretAsFloats());
    }

    /**
     * out[i] = FloatMath.log1p(x[i]) for the whole vectors of [from, to).
     *
     * @return the first index not done (from + a multiple of the vector length)
     */
    static int log1p(float[] x, int from, int to, float[] out) {
        final int end = from + S.loopBound(to - from);
        for (int i = from; i < end; i += L) {
            final FloatVector v = FloatVector.fromArray(S, x, i);
            if (!v.compare(VectorOperators.GT, -1f).and(v.compare(VectorOperators.LT, LOG1P_MAX)).allTrue()) {
                for (int j = i; j < i + L; j++) {
                    out[j] = FloatMath.log1p(x[j]);
                }
                continue;
            }
            log1pInDomain(v).intoArray(out, i);
        }
        return end;
    }

    private static FloatVector log1pInDomain(FloatVector x) {
        final FloatVector u = x.add(1f);
        final VectorMask<Float> k0 = u.compare(VectorOperators.GE, SQRT_HALF).and(u.compare(VectorOperators.LT, SQRT2));
        final IntVector ix = ((IntVector) u.reinterpretAsInts()).add(0x3f800000 - SQRT_HALF_BITS);
        final FloatVector kReduced = (FloatVector) ix.lanewise(VectorOperators.ASHR, 23).sub(127)
                .convert(VectorOperators.I2F, 0);
        final FloatVector fReduced = ((FloatVector) ix.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats())
                .sub(1f);
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector k = kReduced.blend(zero, k0);
        final FloatVector f = fReduced.blend(x, k0);
        final FloatVector c = x.sub(u.sub(1f)).div(u).blend(zero, k0);
        final FloatVector s = f.div(f.add(2f));
        final FloatVector z = s.mul(s);
        final FloatVector w = z.mul(z);
        final FloatVector r = z.mul(w.mul(LG3).add(LG1)).add(w.mul(w.mul(LG4).add(LG2)));
        final FloatVector hfsq = f.mul(0.5f).mul(f);
        final FloatVector lo = s.mul(hfsq.add(r)).add(k.mul(LN2_LO).add(c)).sub(hfsq);
        final FloatVector kHi = k.mul(LN2_HI);
        final FloatVector hi = kHi.add(f);
        final FloatVector y = hi.add(lo.add(f.sub(hi.sub(kHi))));
        return y.blend(x, x.abs().compare(VectorOperators.LT, LOG1P_TINY));
    }
}
