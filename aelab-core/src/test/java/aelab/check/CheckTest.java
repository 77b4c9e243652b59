package aelab.check;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class CheckTest {
    @Test
    void closePassesAndFails() {
        assertTrue(Check.close("x", 1.0, 1.05, 0.1).startsWith("\u2714"));
        assertThrows(CheckFailedException.class, () -> Check.close("x", 1.0, 1.2, 0.1));
        assertThrows(CheckFailedException.class, () -> Check.close("x", Double.NaN, 1.0, 0.1));
    }

    @Test
    void matrixCloseRejectsShapeAndNaN() {
        DMatrixRMaj a = new DMatrixRMaj(2, 2, true, 1, 2, 3, 4);
        DMatrixRMaj b = new DMatrixRMaj(2, 2, true, 1, 2, 3, 4.05);
        assertTrue(Check.close("m", a, b, 0.1).startsWith("\u2714"));
        assertThrows(CheckFailedException.class, () -> Check.close("m", a, new DMatrixRMaj(2, 3), 0.1));
        DMatrixRMaj nan = new DMatrixRMaj(2, 2, true, 1, Double.NaN, 3, 4);
        assertThrows(CheckFailedException.class, () -> Check.close("m", nan, b, 0.1));
    }

    @Test
    void throwsARequiresTheRightException() {
        assertTrue(Check.throwsA("t", IllegalArgumentException.class, () -> {
            throw new IllegalArgumentException("bad");
        }).contains("bad"));
        assertThrows(CheckFailedException.class, () -> Check.throwsA("t", IllegalArgumentException.class, () -> { }));
        assertThrows(CheckFailedException.class, () -> Check.throwsA("t", IllegalArgumentException.class, () -> {
            throw new IllegalStateException();
        }));
    }
}
