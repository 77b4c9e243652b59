package aelab.optim;

import static aelab.testing.Rejects.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ParametersValidationTest {
    @Test
    void ofRejectsNullArrayAndNullBlock() {
        assertMessage("blocks must not be null", () -> Parameters.of((ParameterBlock[]) null));
        assertMessage("blocks[1] must not be null",
                () -> Parameters.of(new ParameterBlock("w", new DMatrixRMaj(1, 1)), null));
    }

    @Test
    void restoreRejectsNonFiniteValuesAndChangesNothing() {
        ParameterBlock a = new ParameterBlock("a", new DMatrixRMaj(new double[][] {{1, 2}}));
        ParameterBlock b = new ParameterBlock("b", new DMatrixRMaj(new double[][] {{3}}));
        Parameters p = Parameters.of(a, b);
        DMatrixRMaj bad = new DMatrixRMaj(new double[][] {{Double.NaN}});
        assertMessage("values[1] must be finite, got NaN at (0,0)",
                () -> p.restore(List.of(new DMatrixRMaj(new double[][] {{5, 6}}), bad)));
        assertEquals(1, a.value().get(0, 0), "a is restored only if every matrix is accepted");
        assertEquals(3, b.value().get(0, 0));
    }

    @Test
    void learningRateIsCheckedBeforeTheOtherHyperParameters() {
        assertMessage("learningRate must be > 0 and finite, got NaN", () -> new Sgd(Double.NaN, -0.1));
        assertMessage("learningRate must be > 0 and finite, got -1.0", () -> new Adam(-1, 2, 2, -1));
    }
}
