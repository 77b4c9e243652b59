package aelab.nn;

import static aelab.testing.Rejects.assertMessage;

import aelab.core.Rng;
import aelab.optim.Gradients;
import aelab.optim.Parameters;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class NnValidationTest {
    @Test
    void denseLayerRejectsEmptyWeightNullActivationAndMissingGradientOutputs() {
        assertMessage("l.weight must be at least 1x1, got 0x3", () -> DenseLayer.of("l", new DMatrixRMaj(0, 3), null));
        DenseLayer layer = DenseLayer.create("l", 3, 2, true, Rng.seeded(1));
        DMatrixRMaj x = new DMatrixRMaj(4, 3);
        assertMessage("activation must not be null", () -> layer.forward(x, null, null));
        DMatrixRMaj g = new DMatrixRMaj(4, 2);
        assertMessage("gradWeight must not be null", () -> layer.backward(x, g, null, new DMatrixRMaj(1, 2), null));
        assertMessage("gradBias must not be null", () -> layer.backward(x, g, new DMatrixRMaj(3, 2), null, null));
    }

    @Test
    void mlpRejectsNullLayerActivationAndGradients() {
        DenseLayer a = DenseLayer.create("a", 3, 4, true, Rng.seeded(1));
        assertMessage("layers[1] must not be null",
                () -> Mlp.of("m", Arrays.asList(a, null), List.of(Activation.RELU, Activation.RELU)));
        assertMessage("activations[0] must not be null",
                () -> Mlp.of("m", List.of(a), Arrays.asList((Activation) null)));
        Mlp mlp = Mlp.of("m", List.of(a), List.of(Activation.TANH));
        mlp.forward(new DMatrixRMaj(2, 3));
        assertMessage("out must not be null", () -> mlp.backward(new DMatrixRMaj(2, 4), null, null));
        Gradients ok = Gradients.zerosLike(Parameters.of(mlp.parameterBlocks()));
        mlp.backward(new DMatrixRMaj(2, 4), ok, null);
    }

    @Test
    void rowOpsRejectNullMatrix() {
        assertMessage("m must not be null", () -> RowOps.addRowEquals(null, new DMatrixRMaj(1, 2)));
        assertMessage("m must not be null", () -> RowOps.columnSums(null, null));
        assertMessage("row must be 1x3, got 1x2", () -> RowOps.addRowEquals(new DMatrixRMaj(2, 3), new DMatrixRMaj(1, 2)));
        assertMessage("m must not be null", () -> RowOps.fillRows(null, new DMatrixRMaj(1, 2)));
        assertMessage("row must be 1x3, got 1x2", () -> RowOps.fillRows(new DMatrixRMaj(2, 3), new DMatrixRMaj(1, 2)));
    }

    @Test
    void fillRowsEqualsZeroPlusAddRow() {
        DMatrixRMaj row = new DMatrixRMaj(1, 3, true, 1.5, -2.0, 0.25);
        DMatrixRMaj filled = new DMatrixRMaj(4, 3);
        java.util.Arrays.fill(filled.data, Double.NaN); // stale content must be overwritten
        RowOps.fillRows(filled, row);
        DMatrixRMaj added = new DMatrixRMaj(4, 3);
        RowOps.addRowEquals(added, row);
        org.junit.jupiter.api.Assertions.assertArrayEquals(added.data, filled.data);
    }
}
