package aelab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aelab.core.Rng;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link SyntheticData#noisyCircleLogDensity} and {@link SyntheticData#noisyCircleScore} (trapezoid rule) against
 * independent computations: the closed form with Bessel functions summed from their power series, central finite
 * differences, the density's integral over the plane, and Stein's identities on samples from
 * {@link SyntheticData#noisyCircle}.
 */
class NoisyCircleDensityTest {
    /** I0(ρ) and I1(ρ) from their power series Σ (ρ/2)^(2k) / (k!)² and Σ (ρ/2)^(2k+1) / (k! (k+1)!) (A&amp;S 9.6.10). */
    private static double[] besselI0I1(double rho) {
        double q = rho * rho / 4;
        double t0 = 1;
        double t1 = rho / 2;
        double i0 = t0;
        double i1 = t1;
        for (int k = 0; k < 10_000; k++) {
            t0 *= q / ((k + 1.0) * (k + 1.0));
            t1 *= q / ((k + 1.0) * (k + 2.0));
            i0 += t0;
            i1 += t1;
            if (t0 < 1e-18 * i0 && t1 < 1e-18 * i1) {
                break;
            }
        }
        return new double[] {i0, i1};
    }

    private static final double[] RADII = {0, 0.3, 0.9, 1.0, 1.05, 1.4, 2.5};
    private static final double[] ANGLES = {0, 1, 2.5, -2};
    private static final double[] STDS = {0.1, 0.3, 1.0};

    private static DMatrixRMaj points() {
        DMatrixRMaj p = new DMatrixRMaj(RADII.length * ANGLES.length, 2);
        int i = 0;
        for (double r : RADII) {
            for (double a : ANGLES) {
                p.set(i, 0, r * Math.cos(a));
                p.set(i++, 1, r * Math.sin(a));
            }
        }
        return p;
    }

    @Test
    void logDensityAndScoreMatchTheBesselClosedForm() {
        DMatrixRMaj p = points();
        for (double s : STDS) {
            double s2 = s * s;
            double[] logDensity = SyntheticData.noisyCircleLogDensity(p, s);
            DMatrixRMaj score = SyntheticData.noisyCircleScore(p, s, null);
            for (int i = 0; i < p.numRows; i++) {
                double x = p.get(i, 0);
                double y = p.get(i, 1);
                double r = Math.hypot(x, y);
                double[] bessel = besselI0I1(r / s2);
                double expected = -(r * r + 1) / (2 * s2) - Math.log(2 * Math.PI * s2) + Math.log(bessel[0]);
                assertEquals(expected, logDensity[i], 1e-10 * (1 + Math.abs(expected)), "log p at " + i + ", s " + s);
                double radial = (bessel[1] / bessel[0] - r) / s2;  // the score is radial: x/|x| times this
                double ex = r == 0 ? 0 : radial * x / r;
                double ey = r == 0 ? 0 : radial * y / r;
                double tol = 1e-9 * (1 + Math.abs(radial));
                assertEquals(ex, score.get(i, 0), tol, "score x at " + i + ", s " + s);
                assertEquals(ey, score.get(i, 1), tol, "score y at " + i + ", s " + s);
            }
        }
    }

    @Test
    void scoreIsTheGradientOfTheLogDensityByCentralDifferences() {
        DMatrixRMaj p = points();
        double h = 1e-5;
        for (double s : STDS) {
            DMatrixRMaj score = SyntheticData.noisyCircleScore(p, s, null);
            for (int i = 0; i < p.numRows; i++) {
                for (int j = 0; j < 2; j++) {
                    DMatrixRMaj plus = new DMatrixRMaj(1, 2, true, p.get(i, 0), p.get(i, 1));
                    DMatrixRMaj minus = plus.copy();
                    plus.data[j] += h;
                    minus.data[j] -= h;
                    double fd = (SyntheticData.noisyCircleLogDensity(plus, s)[0]
                            - SyntheticData.noisyCircleLogDensity(minus, s)[0]) / (2 * h);
                    assertEquals(fd, score.get(i, j), 1e-5 * (1 + Math.abs(fd)), "point " + i + ", coordinate " + j
                            + ", s " + s);
                }
            }
        }
    }

    @Test
    void densityIntegratesToOneOverThePlane() {
        double s = 0.3;
        double step = 0.03;
        int m = 200;                                         // midpoint rule on [-3, 3]^2: the mass outside is < e^-20
        DMatrixRMaj grid = new DMatrixRMaj(m * m, 2);
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                grid.set(a * m + b, 0, -3 + step * (a + 0.5));
                grid.set(a * m + b, 1, -3 + step * (b + 0.5));
            }
        }
        double mass = 0;
        for (double v : SyntheticData.noisyCircleLogDensity(grid, s)) {
            mass += Math.exp(v) * step * step;
        }
        assertEquals(1, mass, 1e-6);
    }

    @Test
    void steinIdentitiesHoldOnSamplesWithinFiveStandardErrors() {
        // for x ~ p: E[∇log p(x)] = 0 and E[x · ∇log p(x)] = −2 (integration by parts in two dimensions)
        int n = 20_000;
        double s = 0.2;
        DMatrixRMaj x = SyntheticData.noisyCircle(n, s, Rng.seeded(3)).data().features();
        DMatrixRMaj score = SyntheticData.noisyCircleScore(x, s, null);
        double[][] values = new double[3][n];
        for (int i = 0; i < n; i++) {
            values[0][i] = score.get(i, 0);
            values[1][i] = score.get(i, 1);
            values[2][i] = x.get(i, 0) * score.get(i, 0) + x.get(i, 1) * score.get(i, 1);
        }
        double[] expected = {0, 0, -2};
        for (int k = 0; k < 3; k++) {
            var e = aelab.gaussian.Estimate.ofSamples(values[k]);
            assertEquals(expected[k], e.mean(), 5 * e.standardError(), "identity " + k);
        }
    }

    @Test
    void rejectsBadInputNamingTheArgument() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticData.noisyCircleLogDensity(new DMatrixRMaj(3, 3), 0.1));
        assertEquals("points must have 2 columns, got 3x3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticData.noisyCircleScore(new DMatrixRMaj(3, 2), 0, null));
        assertEquals("noiseStd must be > 0 and finite, got 0.0", e.getMessage());
        DMatrixRMaj p = new DMatrixRMaj(2, 2);
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticData.noisyCircleScore(p, 0.1, p));
        assertEquals("out must not alias points, got the same matrix", e.getMessage());
    }
}
