package aelab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import aelab.core.Rng;
import aelab.model.Vae;
import aelab.optim.Gradients;
import aelab.optim.Parameters;
import java.lang.ref.WeakReference;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: Mlp.predict overwrote the cache backward relies on and kept a reference to the caller's matrix, so
 * {@code vae.encode(test)} changed training state and kept the test set alive.
 */
class MlpPredictIsolationTest {
    @Test
    void predictBetweenForwardAndBackwardChangesNoGradient() {
        Mlp mlp = Mlp.builder("m", 5, 3).hiddenSizes(7).hiddenActivation(Activation.TANH)
                .outputActivation(Activation.SIGMOID).build(Rng.seeded(1));
        Parameters p = Parameters.of(mlp.parameterBlocks());
        DMatrixRMaj x = NnTestSupport.gaussian(4, 5, Rng.seeded(2));
        DMatrixRMaj test = NnTestSupport.gaussian(9, 5, Rng.seeded(3));
        DMatrixRMaj gradOut = NnTestSupport.gaussian(4, 3, Rng.seeded(4));

        Gradients expected = Gradients.zerosLike(p);
        DMatrixRMaj expectedGradIn = new DMatrixRMaj(1, 1);
        mlp.forward(x);
        mlp.backward(gradOut, expected, expectedGradIn);

        Gradients actual = Gradients.zerosLike(p);
        DMatrixRMaj actualGradIn = new DMatrixRMaj(1, 1);
        DMatrixRMaj out = mlp.forward(x).copy();
        DMatrixRMaj predicted = mlp.predict(test);
        mlp.backward(gradOut, actual, actualGradIn);

        for (int b = 0; b < p.size(); b++) {
            assertArrayEquals(expected.get(b).data, actual.get(b).data, 0, p.get(b).name());
        }
        assertArrayEquals(expectedGradIn.data, actualGradIn.data, 0, "input gradient");
        assertArrayEquals(out.data, mlp.layerOutput(1).data, 0, "the forward buffer is untouched by predict");
        // predict(x) gives what forward(x) gives
        assertArrayEquals(out.data, mlp.predict(x).data, 0);
        assertArrayEquals(new int[] {9, 3}, new int[] {predicted.numRows, predicted.numCols});
    }

    @Test
    void vaeEvaluationKeepsNoReferenceToTheTestSet() {
        Vae vae = Vae.builder(6, 2).hiddenSizes(5).gaussianDecoder(1).build(Rng.seeded(1));
        WeakReference<DMatrixRMaj> ref = evaluateOnATemporaryTestSet(vae);
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
        }
        assertNull(ref.get(), "the test set is still reachable after encode/klPerDimension/elbo returned");
    }

    private static WeakReference<DMatrixRMaj> evaluateOnATemporaryTestSet(Vae vae) {
        DMatrixRMaj test = NnTestSupport.uniform(50, 6, 0, 1, Rng.seeded(9));
        vae.encode(test);
        vae.encodeLogVariance(test);
        vae.klPerDimension(test);
        vae.elbo(test, Rng.seeded(1));
        return new WeakReference<>(test);
    }
}
