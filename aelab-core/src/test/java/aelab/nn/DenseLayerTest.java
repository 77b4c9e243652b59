package aelab.nn;

import static aelab.nn.NnTestSupport.maxError;
import static aelab.check.FiniteDifferences.centralGradient;
import static aelab.nn.NnTestSupport.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.optim.Gradients;
import aelab.optim.Parameters;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DenseLayerTest {
    @Test
    void forwardIsXWPlusBComputedEntryByEntry() {
        RandomGenerator rng = Rng.seeded(3);
        DenseLayer layer = DenseLayer.create("l", 4, 3, true, rng);
        DMatrixRMaj x = NnTestSupport.gaussian(5, 4, rng);
        DMatrixRMaj y = layer.forward(x, null);
        DMatrixRMaj w = layer.weight().value();
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 3; c++) {
                double s = layer.bias().value().get(0, c);
                for (int k = 0; k < 4; k++) {
                    s += x.get(r, k) * w.get(k, c);
                }
                assertEquals(s, y.get(r, c), 1e-14);
            }
        }
    }

    @Test
    void initialisationIsPyTorchUniformBound() {
        DenseLayer layer = DenseLayer.create("l", 100, 50, true, Rng.seeded(4));
        double bound = 0.1;
        double max = 0;
        for (double v : layer.weight().value().data) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.95 * bound, "max |w| " + max);
    }

    @Test
    void backwardMatchesCentralDifferencesWithAndWithoutBias() {
        for (boolean bias : new boolean[] {true, false}) {
            RandomGenerator rng = Rng.seeded(5);
            DenseLayer layer = DenseLayer.create("l", 4, 3, bias, rng);
            DMatrixRMaj x = NnTestSupport.gaussian(6, 4, rng);
            DMatrixRMaj c = NnTestSupport.gaussian(6, 3, rng);
            Parameters params = Parameters.of(layer.parameterBlocks());
            Gradients grads = Gradients.zerosLike(params);
            DMatrixRMaj gradX = new DMatrixRMaj(1, 1);
            layer.backward(x, c, grads.get(layer.weight()), bias ? grads.get(layer.bias()) : null, gradX);
            var result = GradientCheck.check(params, grads, () -> probe(c, layer.forward(x, null)), 1e-6, 1e-3);
            assertEquals(bias ? 2 : 1, result.blocksChecked());
            assertTrue(result.maxError() < 1e-8, result.toString());
            DMatrixRMaj numericX = centralGradient(x, () -> probe(c, layer.forward(x, null)), 1e-6);
            assertTrue(maxError(gradX, numericX, 1e-3) < 1e-7);
        }
    }

    @Test
    void rejectsWrongInputWidth() {
        DenseLayer layer = DenseLayer.create("l", 4, 3, true, Rng.seeded(6));
        var e = assertThrows(IllegalArgumentException.class, () -> layer.forward(new DMatrixRMaj(2, 5), null));
        assertEquals("layer input must have 4 columns, got 2x5", e.getMessage());
    }
}
