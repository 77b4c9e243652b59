package aelab.check;

import aelab.core.InterruptedComputationException;
import aelab.core.Interrupts;
import aelab.core.Require;
import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;

/**
 * Central finite differences, the formula-free reference every analytic gradient in the library and the notebooks
 * is checked against: \(\partial f/\partial x_i \approx (f(x + h e_i) - f(x - h e_i)) / 2h\), error \(O(h^2)\)
 * (e.g. Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., §8.1).
 */
public final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /**
     * The central-difference gradient of {@code f} with respect to every entry of {@code x}.
     *
     * <p>Each entry is restored exactly before the next, and also when {@code f} throws or the thread is interrupted
     * (the thread's interrupt status is tested before every entry; then {@link InterruptedComputationException} says
     * how many entries were done). A step that vanishes in floating point at some entry (\(x_i + h = x_i\) or
     * \(x_i - h = x_i\): h below half a unit in the last place of \(x_i\)) would give a zero "derivative" and is
     * rejected.
     *
     * @param x Modified temporarily: each entry is moved by ±h and restored exactly before the next.
     * @param f evaluates the function at the current value of {@code x}
     * @param h step &gt; 0, above the rounding unit of every entry of x
     * @return a new matrix of x's shape
     * @throws IllegalArgumentException when h vanishes next to an entry of x (names the entry and its ulp)
     */
    public static DMatrixRMaj centralGradient(DMatrixRMaj x, DoubleSupplier f, double h) {
        Require.notNull("x", x);
        Require.notNull("f", f);
        Require.positive("h", h);
        int n = x.getNumElements();
        for (int i = 0; i < n; i++) {
            double v = x.data[i];
            if (v + h == v || v - h == v) {
                throw new IllegalArgumentException("h must exceed half the rounding unit of every entry of x, got h = "
                        + h + " but x(" + (i / x.numCols) + "," + (i % x.numCols) + ") = " + v + " has ulp "
                        + Math.ulp(v) + ", so x + h == x and the difference would be 0 (central differences balance "
                        + "truncation and rounding at h near cbrt(machine epsilon) * max(|x|, 1), about 6e-6 for |x| <= 1)");
            }
        }
        DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < n; i++) {
            Interrupts.check("finite-difference gradient", i, n, "entries");
            double saved = x.data[i];
            try {
                x.data[i] = saved + h;
                double plus = f.getAsDouble();
                x.data[i] = saved - h;
                double minus = f.getAsDouble();
                g.data[i] = (plus - minus) / (2 * h);
            } finally {
                x.data[i] = saved;
            }
        }
        return g;
    }
}
