package aelab.nn;

import static aelab.nn.NnTestSupport.maxError;
import static aelab.check.FiniteDifferences.centralGradient;
import static aelab.nn.NnTestSupport.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.optim.Gradients;
import aelab.optim.Parameters;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class MlpTest {
    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesCentralDifferences(Activation hidden) {
        RandomGenerator rng = Rng.seeded(7);
        Mlp mlp = Mlp.builder("m", 5, 2).hiddenSizes(4, 3).hiddenActivation(hidden)
                .outputActivation(Activation.SIGMOID).build(rng);
        DMatrixRMaj x = NnTestSupport.gaussian(6, 5, rng);
        DMatrixRMaj c = NnTestSupport.gaussian(6, 2, rng);
        Parameters params = Parameters.of(mlp.parameterBlocks());
        Gradients grads = Gradients.zerosLike(params);
        DMatrixRMaj gradX = new DMatrixRMaj(1, 1);
        mlp.forward(x);
        mlp.backward(c, grads, gradX);
        var result = GradientCheck.check(params, grads, () -> probe(c, mlp.forward(x)), 1e-6, 1e-3);
        assertEquals(6, result.blocksChecked());
        assertTrue(result.maxError() < 1e-6, result.toString());
        DMatrixRMaj numericX = centralGradient(x, () -> probe(c, mlp.forward(x)), 1e-6);
        assertTrue(maxError(gradX, numericX, 1e-3) < 1e-6);
    }

    @Test
    void smallerBatchReusesBuffers() {
        RandomGenerator rng = Rng.seeded(8);
        Mlp mlp = Mlp.builder("m", 3, 2).hiddenSizes(4).hiddenActivation(Activation.TANH).build(rng);
        DMatrixRMaj big = mlp.forward(NnTestSupport.gaussian(8, 3, rng));
        double[] storage = big.data;
        DMatrixRMaj small = mlp.forward(NnTestSupport.gaussian(3, 3, rng));
        assertSame(storage, small.data);
        assertEquals(3, small.numRows);
    }

    @Test
    void rejectsMismatchedLayers() {
        var layers = java.util.List.of(DenseLayer.create("a", 3, 4, true, Rng.seeded(1)),
                DenseLayer.create("b", 5, 2, true, Rng.seeded(1)));
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> Mlp.of("m", layers, java.util.List.of(Activation.RELU, Activation.RELU)));
        assertEquals("layer 1 input dimension must be 4, got 5", e2.getMessage());
    }
}
