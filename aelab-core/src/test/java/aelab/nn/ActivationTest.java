package aelab.nn;

import static aelab.nn.NnTestSupport.maxError;
import static aelab.check.FiniteDifferences.centralGradient;
import static aelab.nn.NnTestSupport.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationTest {
    /** Pre-activations away from ReLU's kink at 0 (|a| ≥ 0.1), so central differences are exact up to O(h²). */
    private static DMatrixRMaj preActivations(RandomGenerator rng) {
        DMatrixRMaj a = NnTestSupport.gaussian(4, 5, rng);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] += Math.signum(a.data[i]) * 0.1;
        }
        return a;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesCentralDifferences(Activation f) {
        RandomGenerator rng = Rng.seeded(1);
        DMatrixRMaj a = preActivations(rng);
        DMatrixRMaj c = NnTestSupport.gaussian(4, 5, rng);
        DMatrixRMaj y = f.forward(a, null);
        DMatrixRMaj analytic = f.backward(y, c, null);
        DMatrixRMaj numeric = centralGradient(a, () -> probe(c, f.forward(a, null)), 1e-6);
        assertTrue(maxError(analytic, numeric, 1e-6) < 1e-7, f + " error " + maxError(analytic, numeric, 1e-6));
        // the in-place variant gives the same numbers
        DMatrixRMaj inPlace = c.copy();
        f.backwardEquals(y, inPlace);
        assertEquals(0.0, maxError(analytic, inPlace, 1), 0.0);
    }

    @Test
    void forwardMatchesIndependentFormulas() {
        RandomGenerator rng = Rng.seeded(2);
        DMatrixRMaj a = NnTestSupport.gaussian(3, 7, rng);
        for (int i = 0; i < a.data.length; i++) {
            double v = a.data[i] * 10;
            assertEquals(0.5 * (1 + Math.tanh(v / 2)), Activation.SIGMOID.apply(v), 1e-15);
            assertEquals(Math.max(v, 0), Activation.RELU.apply(v), 0);
            assertEquals((Math.exp(2 * v) - 1) / (Math.exp(2 * v) + 1), Activation.TANH.apply(v), 1e-12);
        }
        DMatrixRMaj m = a.copy();
        Activation.SIGMOID.forwardEquals(m);
        for (int i = 0; i < a.data.length; i++) {
            assertEquals(Activation.SIGMOID.apply(a.data[i]), m.data[i], 0);
        }
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        assertEquals(0.0, Activation.sigmoid(-1000), 0);
        assertEquals(1.0, Activation.sigmoid(1000), 0);
    }
}
