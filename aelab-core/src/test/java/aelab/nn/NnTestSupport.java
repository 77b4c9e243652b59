package aelab.nn;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/** Random matrices for the tests. */
public final class NnTestSupport {
    private NnTestSupport() {
    }

    /** rows×cols standard normal entries. */
    public static DMatrixRMaj gaussian(int rows, int cols, RandomGenerator rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextGaussian();
        }
        return m;
    }

    /** rows×cols entries uniform in [lo, hi). */
    public static DMatrixRMaj uniform(int rows, int cols, double lo, double hi, RandomGenerator rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextDouble(lo, hi);
        }
        return m;
    }

    /** Σ c ⊙ m, a linear probe loss whose gradient w.r.t. m is c. */
    public static double probe(DMatrixRMaj c, DMatrixRMaj m) {
        double s = 0;
        for (int i = 0; i < c.getNumElements(); i++) {
            s += c.data[i] * m.data[i];
        }
        return s;
    }

    /** max_i |a_i − b_i| / max(|a_i|, |b_i|, floor). */
    public static double maxError(DMatrixRMaj a, DMatrixRMaj b, double floor) {
        double worst = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            double e = Math.abs(a.data[i] - b.data[i])
                    / Math.max(Math.max(Math.abs(a.data[i]), Math.abs(b.data[i])), floor);
            worst = Math.max(worst, Double.isNaN(e) ? Double.POSITIVE_INFINITY : e);
        }
        return worst;
    }
}
