package aelab.check;

import static aelab.testing.Rejects.assertMessage;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Bad input to a check is an IllegalArgumentException naming the argument, not a failed check. */
class CheckValidationTest {
    @Test
    void rejectsBadTolerances() {
        assertMessage("tol must be >= 0 and finite, got -0.1", () -> Check.close("x", 1, 1, -0.1));
        assertMessage("tol must be >= 0 and finite, got NaN", () -> Check.close("x", 1, 1, Double.NaN));
        assertMessage("rtol must be >= 0 and finite, got -1.0", () -> Check.relClose("x", 1, 1, -1));
        assertMessage("tol must be >= 0 and finite, got -1.0",
                () -> Check.close("m", new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1), -1));
    }

    @Test
    void rejectsNullMatricesAndActions() {
        assertMessage("actual must not be null", () -> Check.close("m", null, new DMatrixRMaj(1, 1), 0.1));
        assertMessage("expected must not be null", () -> Check.close("m", new DMatrixRMaj(1, 1), null, 0.1));
        assertMessage("action must not be null", () -> Check.throwsA("t", IllegalStateException.class, null));
        assertMessage("type must not be null", () -> Check.throwsA("t", null, () -> { }));
    }
}
