package aelab.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class FiniteDifferencesTest {
    @Test
    void gradientOfACubicMatchesTheDerivativeAndRestoresTheInput() {
        // f(x) = sum_i x_i^3 + x_0 x_1, so df/dx_i = 3 x_i^2 + (i == 0 ? x_1 : i == 1 ? x_0 : 0)
        DMatrixRMaj x = new DMatrixRMaj(2, 2, true, 0.3, -1.2, 2.0, 0.7);
        double[] before = x.data.clone();
        DMatrixRMaj g = FiniteDifferences.centralGradient(x, () -> {
            double s = x.data[0] * x.data[1];
            for (double v : x.data) {
                s += v * v * v;
            }
            return s;
        }, 1e-5);
        assertArrayEquals(before, x.data, 0.0, "x restored exactly");
        double[] exact = {3 * 0.09 - 1.2, 3 * 1.44 + 0.3, 3 * 4.0, 3 * 0.49};
        assertArrayEquals(exact, g.data, 1e-8); // O(h^2) error: h^2 * f''' / 6 = 1e-10
        assertEquals(2, g.numRows);
        assertEquals(2, g.numCols);
    }

    @Test
    void badInputIsRejectedByName() {
        DMatrixRMaj x = new DMatrixRMaj(1, 1);
        assertEquals("h must be > 0 and finite, got 0.0",
                assertThrows(IllegalArgumentException.class,
                        () -> FiniteDifferences.centralGradient(x, () -> 0, 0)).getMessage());
        assertEquals("f must not be null",
                assertThrows(IllegalArgumentException.class,
                        () -> FiniteDifferences.centralGradient(x, null, 1e-5)).getMessage());
        assertEquals("x must not be null",
                assertThrows(IllegalArgumentException.class,
                        () -> FiniteDifferences.centralGradient(null, () -> 0, 1e-5)).getMessage());
    }
}
