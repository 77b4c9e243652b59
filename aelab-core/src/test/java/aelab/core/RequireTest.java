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

    @Test
    void atLeastRowsNamesTheShape() {
        assertEquals("data must have at least 1 row, got 0x3", assertThrows(IllegalArgumentException.class,
                () -> Require.atLeastRows("data", new DMatrixRMaj(0, 3), 1)).getMessage());
        assertEquals("x must have at least 2 rows, got 1x4", assertThrows(IllegalArgumentException.class,
                () -> Require.atLeastRows("x", new DMatrixRMaj(1, 4), 2)).getMessage());
        assertEquals("x must not be null", assertThrows(IllegalArgumentException.class,
                () -> Require.atLeastRows("x", null, 2)).getMessage());
    }

    @Test
    void halfOpenUnitIntervalRejectsOneNegativeAndNaN() {
        for (double v : new double[] {1.0, -0.1, Double.NaN}) {
            assertEquals("beta1 must be in [0, 1), got " + v, assertThrows(IllegalArgumentException.class,
                    () -> Require.inHalfOpenUnitInterval("beta1", v)).getMessage());
        }
        assertEquals(0.0, Require.inHalfOpenUnitInterval("beta1", 0.0));
    }

    @Test
    void symmetricComparesEachPairRelativeToItsScale() {
        DMatrixRMaj m = new DMatrixRMaj(new double[][] {{1, 0.5}, {0.2, 1}});
        assertEquals("Sigma must be symmetric, got Sigma(0,1)=0.5 but Sigma(1,0)=0.2", assertThrows(
                IllegalArgumentException.class, () -> Require.symmetric("Sigma", m, 1e-10)).getMessage());
        // the same relative asymmetry (1e-8) is rejected at every scale, and round-off (1e-13) accepted
        for (double scale : new double[] {1e-12, 1, 1e12}) {
            DMatrixRMaj a = new DMatrixRMaj(new double[][] {{scale, 0.5 * scale}, {0.5 * scale * (1 + 1e-8), scale}});
            assertThrows(IllegalArgumentException.class, () -> Require.symmetric("A", a, 1e-10));
            DMatrixRMaj b = new DMatrixRMaj(new double[][] {{scale, 0.5 * scale}, {0.5 * scale * (1 + 1e-13), scale}});
            Require.symmetric("B", b, 1e-10);
        }
        assertEquals("Sigma must be square, got 2x3", assertThrows(IllegalArgumentException.class,
                () -> Require.symmetric("Sigma", new DMatrixRMaj(2, 3), 1e-10)).getMessage());
        DMatrixRMaj nan = new DMatrixRMaj(2, 2);
        nan.set(0, 1, Double.NaN);
        assertEquals("Sigma must be finite, got NaN at (0,1)", assertThrows(IllegalArgumentException.class,
                () -> Require.symmetric("Sigma", nan, 1e-10)).getMessage());
    }

    @Test
    void standardNormalRejectsNullOutput() {
        assertEquals("out must not be null", assertThrows(IllegalArgumentException.class,
                () -> Rng.standardNormal((double[]) null, Rng.seeded(1))).getMessage());
    }
}
