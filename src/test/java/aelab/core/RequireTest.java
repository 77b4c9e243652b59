package aelab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RequireTest {
    @Test
    void shapeMessageNamesArgumentExpectedAndReceived() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Require.shape("decoder input", new DMatrixRMaj(64, 10), 64, 8));
        assertEquals("decoder input must be 64x8, got 64x10", e.getMessage());
    }

    @Test
    void positiveRejectsZeroNegativeNaNAndInfinity() {
        for (double v : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Require.positive("sigma2", v));
            assertEquals("sigma2 must be > 0 and finite, got " + v, e.getMessage());
        }
        assertEquals(2.0, Require.positive("sigma2", 2.0));
    }

    @Test
    void finiteNamesTheFirstBadEntry() {
        DMatrixRMaj m = new DMatrixRMaj(2, 3);
        m.set(1, 2, Double.NaN);
        var e = assertThrows(IllegalArgumentException.class, () -> Require.finite("x", m));
        assertEquals("x must be finite, got NaN at (1,2)", e.getMessage());
    }

    @Test
    void inRangeRejectsOutside() {
        var e = assertThrows(IllegalArgumentException.class, () -> Require.inRange("k", 5, 1, 4));
        assertEquals("k must be in [1, 4], got 5", e.getMessage());
    }

    @Test
    void seededGeneratorsRepeatBitForBit() {
        var a = Rng.seeded(42);
        var b = Rng.seeded(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(Double.doubleToRawLongBits(a.nextGaussian()), Double.doubleToRawLongBits(b.nextGaussian()));
        }
    }
}
