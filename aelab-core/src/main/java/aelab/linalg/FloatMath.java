package aelab.linalg;

/** STUB (replaced at merge). */
public final class FloatMath {
    private FloatMath() {
    }

    public static void exp(float[] x, int from, int to, float[] out) {
        for (int i = from; i < to; i++) {
            out[i] = (float) StrictMath.exp(x[i]);
        }
    }

    public static void log1p(float[] x, int from, int to, float[] out) {
        for (int i = from; i < to; i++) {
            out[i] = (float) StrictMath.log1p(x[i]);
        }
    }
}
