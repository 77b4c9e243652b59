package aelab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.optim.Gradients;
import aelab.optim.ParameterBlock;
import aelab.optim.Parameters;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GradientCheckTest {
    private static double cubes(DMatrixRMaj t) {
        double s = 0;
        for (double v : t.data) {
            s += v * v * v;
        }
        return s;
    }

    @Test
    void acceptsTheTrueGradientAndFlagsAWrongOne() {
        DMatrixRMaj theta = new DMatrixRMaj(2, 2, true, 0.5, -1.0, 2.0, 1.5);
        Parameters p = Parameters.of(new ParameterBlock("theta", theta));
        Gradients g = Gradients.zerosLike(p);
        for (int i = 0; i < 4; i++) {
            g.get(0).data[i] = 3 * theta.data[i] * theta.data[i]; // d/dθ Σθ³
        }
        var ok = GradientCheck.check(p, g, () -> cubes(theta), 1e-5, 1e-3);
        assertTrue(ok.maxError() < 1e-8, ok.toString());
        assertEquals(new DMatrixRMaj(2, 2, true, 0.5, -1.0, 2.0, 1.5).data[2], theta.data[2], 0, "restored");
        for (int i = 0; i < 4; i++) {
            g.get(0).data[i] = 2 * theta.data[i] * theta.data[i]; // wrong factor: error 1/3
        }
        var bad = GradientCheck.check(p, g, () -> cubes(theta), 1e-5, 1e-3);
        assertEquals(1.0 / 3, bad.maxError(), 1e-6);
    }
}
