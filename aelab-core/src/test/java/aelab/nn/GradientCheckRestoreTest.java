package aelab.nn;

import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.check.FiniteDifferences;
import aelab.core.InterruptedComputationException;
import aelab.optim.Gradients;
import aelab.optim.ParameterBlock;
import aelab.optim.Parameters;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: GradientCheck.check and FiniteDifferences.centralGradient left a parameter perturbed by ±h when the loss
 * threw, and a step below the rounding unit returned zeros. Issue 10: both stop on interrupt with the parameters
 * restored.
 */
class GradientCheckRestoreTest {
    private static final double[] THETA = {0.5, -1.0, 2.0, 1.5};

    /** A loss that throws on its n-th call (counting from 1). */
    private static final class ThrowingLoss implements java.util.function.DoubleSupplier {
        private final DMatrixRMaj theta;
        private final int throwAt;
        private int calls;

        ThrowingLoss(DMatrixRMaj theta, int throwAt) {
            this.theta = theta;
            this.throwAt = throwAt;
        }

        @Override
        public double getAsDouble() {
            if (++calls == throwAt) {
                throw new IllegalStateException("loss failed at call " + calls);
            }
            double s = 0;
            for (double v : theta.data) {
                s += v * v * v;
            }
            return s;
        }
    }

    @Test
    void aThrowingLossLeavesEveryEntryExactlyAsItWas() {
        // call 3 is entry 1 moved by +h, call 4 the same entry moved by -h: both positions of a perturbation
        for (int throwAt = 1; throwAt <= 8; throwAt++) {
            DMatrixRMaj theta = new DMatrixRMaj(2, 2, true, THETA);
            ThrowingLoss loss = new ThrowingLoss(theta, throwAt);
            assertThrows(IllegalStateException.class, () -> FiniteDifferences.centralGradient(theta, loss, 1e-5));
            assertArrayEquals(THETA, theta.data, 0, "centralGradient, loss throwing at call " + throwAt);

            DMatrixRMaj theta2 = new DMatrixRMaj(2, 2, true, THETA);
            Parameters p = Parameters.of(new ParameterBlock("theta", theta2));
            Gradients g = Gradients.zerosLike(p);
            ThrowingLoss loss2 = new ThrowingLoss(theta2, throwAt);
            assertThrows(IllegalStateException.class, () -> GradientCheck.check(p, g, loss2, 1e-5, 1e-3));
            assertArrayEquals(THETA, theta2.data, 0, "GradientCheck, loss throwing at call " + throwAt);
        }
    }

    @Test
    void aStepThatVanishesInFloatingPointIsRejected() {
        DMatrixRMaj theta = new DMatrixRMaj(1, 2, true, 1.0, 1e6);
        // 1e6 has ulp 1.16e-10: h = 5e-11 is below half of it, so 1e6 + h == 1e6
        assertRejects("h must exceed half the rounding unit of every entry of x, got h = 5.0E-11 but x(0,1) = "
                + "1000000.0 has ulp 1.1641532182693481E-10",
                () -> FiniteDifferences.centralGradient(theta, () -> theta.data[0] + theta.data[1], 5e-11));
        assertArrayEquals(new double[] {1.0, 1e6}, theta.data, 0);
        // just above half an ulp the step survives and the derivative of x1 is found
        DMatrixRMaj g = FiniteDifferences.centralGradient(theta, () -> theta.data[1], 1e-10);
        assertEquals(1.0, g.get(0, 1), 0.5);
    }

    @Test
    void anInterruptStopsTheCheckWithParametersRestored() {
        DMatrixRMaj theta = new DMatrixRMaj(2, 2, true, THETA);
        Parameters p = Parameters.of(new ParameterBlock("theta", theta));
        Gradients g = Gradients.zerosLike(p);
        int[] calls = {0};
        try {
            var e = assertThrows(InterruptedComputationException.class, () -> GradientCheck.check(p, g, () -> {
                if (++calls[0] == 3) {
                    Thread.currentThread().interrupt(); // arrives while entry 1 is moved by +h
                }
                return theta.data[0];
            }, 1e-5, 1e-3));
            assertEquals("finite-difference gradient interrupted after 2 of 4 entries", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "interrupt status kept");
        } finally {
            Thread.interrupted();
        }
        assertArrayEquals(THETA, theta.data, 0);
        assertEquals(4, calls[0], "entry 1 finished, entry 2 never started");
    }
}
