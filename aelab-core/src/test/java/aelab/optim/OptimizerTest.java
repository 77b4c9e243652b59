package aelab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.testing.ReferenceFile;
import java.util.Map;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Trajectories compared with torch.optim (reference/optimizer_reference.txt from nn_reference.py). */
class OptimizerTest {
    private static final Map<String, DMatrixRMaj> REF = ReferenceFile.read("optimizer_reference.txt");

    private static void assertMatchesTorch(String label, Supplier<Optimizer> make) {
        DMatrixRMaj a = REF.get("a");
        DMatrixRMaj c = REF.get("c");
        ParameterBlock theta = new ParameterBlock("theta", REF.get("theta0").copy());
        Parameters params = Parameters.of(theta);
        Gradients grads = Gradients.zerosLike(params);
        Optimizer opt = make.get();
        for (int step = 1; step <= 15; step++) {
            for (int i = 0; i < 6; i++) {
                grads.get(0).data[i] = a.data[i] * theta.value().data[i] + c.data[i];
            }
            opt.step(params, grads);
            DMatrixRMaj expected = REF.get(label + "/" + step);
            for (int i = 0; i < 6; i++) {
                assertEquals(expected.data[i], theta.value().data[i], 1e-13 * Math.max(1, Math.abs(expected.data[i])),
                        label + " step " + step + " entry " + i);
            }
        }
        assertEquals(15, opt.steps());
    }

    @Test
    void adamMatchesTorch() {
        assertMatchesTorch("adam", () -> new Adam(0.1, 0.9, 0.999, 1e-8));
        assertMatchesTorch("adam2", () -> new Adam(0.01, 0.5, 0.9, 1e-3));
    }

    @Test
    void sgdMatchesTorch() {
        assertMatchesTorch("sgd", () -> new Sgd(0.05, 0));
        assertMatchesTorch("sgd_momentum", () -> new Sgd(0.05, 0.9));
    }

    @Test
    void copyHasFreshStateAndStateIsBoundToOneParameterSet() {
        Parameters p1 = Parameters.of(new ParameterBlock("w", new DMatrixRMaj(2, 2)));
        Parameters p2 = Parameters.of(new ParameterBlock("w", new DMatrixRMaj(2, 2)));
        Adam adam = new Adam(0.1);
        adam.step(p1, Gradients.zerosLike(p1));
        var e = assertThrows(IllegalArgumentException.class, () -> adam.step(p2, Gradients.zerosLike(p2)));
        assertTrue(e.getMessage().startsWith("parameters must be the collection this optimizer was first stepped with"));
        Adam fresh = adam.copy();
        assertEquals(0, fresh.steps());
        fresh.step(p2, Gradients.zerosLike(p2));
        assertEquals(1, fresh.steps());
        var e2 = assertThrows(IllegalArgumentException.class, () -> fresh.step(p2, Gradients.zerosLike(p1)));
        assertTrue(e2.getMessage().startsWith("gradients must be made for the same Parameters"), e2.getMessage());
    }

    @Test
    void rejectsBadHyperParameters() {
        assertEquals("learningRate must be > 0 and finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new Adam(Double.NaN)).getMessage());
        assertEquals("beta1 must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1.0, 0.9, 1e-8)).getMessage());
        assertEquals("momentum must be in [0, 1), got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, -0.1)).getMessage());
    }

    @Test
    void parametersRejectDuplicateNames() {
        var e = assertThrows(IllegalArgumentException.class, () -> Parameters.of(
                new ParameterBlock("w", new DMatrixRMaj(1, 1)), new ParameterBlock("w", new DMatrixRMaj(1, 1))));
        assertEquals("blocks must have unique names, got \"w\" twice", e.getMessage());
    }
}
