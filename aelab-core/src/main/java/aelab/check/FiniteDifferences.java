package aelab.check;

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
     * @param x Modified temporarily: each entry is moved by ±h and restored exactly before the next.
     * @param f evaluates the function at the current value of {@code x}
     * @param h step &gt; 0
     * @return a new matrix of x's shape
     */
    public static DMatrixRMaj centralGradient(DMatrixRMaj x, DoubleSupplier f, double h) {
        Require.notNull("x", x);
        Require.notNull("f", f);
        Require.positive("h", h);
        DMatrixRMaj g = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            double saved = x.data[i];
            x.data[i] = saved + h;
            double plus = f.getAsDouble();
            x.data[i] = saved - h;
            double minus = f.getAsDouble();
            x.data[i] = saved;
            g.data[i] = (plus - minus) / (2 * h);
        }
        return g;
    }
}
