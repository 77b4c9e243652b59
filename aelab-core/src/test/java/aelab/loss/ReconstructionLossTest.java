package aelab.loss;

import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ReconstructionLossTest {
    static final DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1, 0, 1, 0}, {0, 1, 0, 1}, {1, 1, 0, 0}});
    static final DMatrixRMaj X_HAT = new DMatrixRMaj(new double[][] {
        {.9, .1, .8, .1}, {.1, .9, .1, .8}, {.8, .9, .1, .1}});

    @Test
    void seedBatchMseByHand() {
        // Each row's squared errors: {.01, .01, .04, .01} in some order, so each row sums to .07;
        // SUM = 3 × .07 = .21, per sample = .21 / 3 = .07, per element = .21 / 12 = .0175.
        assertEquals(0.21, ReconstructionLoss.mse(X, X_HAT, Reduction.SUM), 1e-15);
        assertEquals(0.07, ReconstructionLoss.mse(X, X_HAT, Reduction.MEAN_PER_SAMPLE), 1e-15);
        assertEquals(0.0175, ReconstructionLoss.mse(X, X_HAT, Reduction.MEAN_PER_ELEMENT), 1e-15);
    }

    @Test
    void seedBceByHand() {
        // x = (1, 0, 1), x̂ = (0.9, 0.2, 0.8). Of the six terms x·log x̂ + (1−x)·log(1−x̂), only three are non-zero:
        // log 0.9 (x₁ = 1), log(1 − 0.2) = log 0.8 (x₂ = 0), log 0.8 (x₃ = 1).
        // BCE (mean per element) = −(1/3)(log 0.9 + 2 log 0.8) = −(1/3)(−0.1053605 − 0.4462871) = 0.1838825.
        double[] x = {1, 0, 1};
        double[] xHat = {0.9, 0.2, 0.8};
        double got = ReconstructionLoss.bce(x, xHat, Reduction.MEAN_PER_ELEMENT);
        assertEquals(0.18388, got, 5e-6);
        assertEquals(-(Math.log(0.9) + 2 * Math.log(0.8)) / 3, got, 1e-15);
        assertEquals(3 * got, ReconstructionLoss.bce(x, xHat, Reduction.SUM), 1e-15);
        assertEquals(3 * got, ReconstructionLoss.bce(x, xHat, Reduction.MEAN_PER_SAMPLE), 1e-15);
    }

    @Test
    void batchBceMatchesBruteForceSumAndReductions() {
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double x = X.get(i, j);
                double p = X_HAT.get(i, j);
                sum += -(x * Math.log(p) + (1 - x) * Math.log(1 - p));
            }
        }
        assertEquals(sum, ReconstructionLoss.bce(X, X_HAT, Reduction.SUM), 1e-13);
        assertEquals(sum / 3, ReconstructionLoss.bce(X, X_HAT, Reduction.MEAN_PER_SAMPLE), 1e-13);
        assertEquals(sum / 12, ReconstructionLoss.bce(X, X_HAT, Reduction.MEAN_PER_ELEMENT), 1e-13);
        // /usr/bin/python3, torch: nn.BCELoss(reduction='sum')(X_HAT, X) in float64 = 1.6176752948630657
        assertEquals(1.6176752948630657, ReconstructionLoss.bce(X, X_HAT, Reduction.SUM), 1e-13);
    }

    @Test
    void bceIsFiniteAtZeroAndOneLikePytorch() {
        // PyTorch: nn.BCELoss(reduction='sum')(tensor([0., 1.]), tensor([1., 0.])) = 200 (each log clamped at −100)
        assertEquals(200, ReconstructionLoss.bce(new double[] {1, 0}, new double[] {0, 1}, Reduction.SUM), 0);
        assertEquals(0, ReconstructionLoss.bce(new double[] {1, 0}, new double[] {1, 0}, Reduction.SUM), 0);
        // soft targets are allowed: x = 0.5, x̂ = 0.5 ⇒ log 2
        assertEquals(Math.log(2), ReconstructionLoss.bce(new double[] {0.5}, new double[] {0.5}, Reduction.SUM),
                1e-15);
    }

    @Test
    void sampleMseMatchesBruteForce() {
        double[] x = {1, 2, 3};
        double[] y = {1.5, 2, 1};
        assertEquals(0.25 + 4, ReconstructionLoss.mse(x, y, Reduction.SUM), 1e-15);
        assertEquals(4.25, ReconstructionLoss.mse(x, y, Reduction.MEAN_PER_SAMPLE), 1e-15);
        assertEquals(4.25 / 3, ReconstructionLoss.mse(x, y, Reduction.MEAN_PER_ELEMENT), 1e-15);
    }


    @Test
    void rejectsPredictionOutsideUnitInterval() {
        DMatrixRMaj bad = X_HAT.copy();
        bad.set(1, 2, 1.2);
        assertRejects("xHat must be in [0, 1], got 1.2 at (1,2)", () -> ReconstructionLoss.bce(X, bad,
                Reduction.SUM));
        assertRejects("xHat must be in [0, 1], got -0.1 at index 1", () -> ReconstructionLoss.bce(
                new double[] {0, 1}, new double[] {0.5, -0.1}, Reduction.SUM));
        assertRejects("x must be in [0, 1], got 2.0 at index 0", () -> ReconstructionLoss.bce(
                new double[] {2}, new double[] {0.5}, Reduction.SUM));
    }

    @Test
    void rejectsShapeMismatch() {
        assertRejects("x and xHat must have the same shape, got 3x4 and 3x3",
                () -> ReconstructionLoss.mse(X, new DMatrixRMaj(3, 3), Reduction.SUM));
        assertRejects("x and xHat must have the same length, got 2 and 3",
                () -> ReconstructionLoss.mse(new double[2], new double[3], Reduction.SUM));
    }

    @Test
    void rejectsNonFiniteAndMissingReduction() {
        DMatrixRMaj bad = X_HAT.copy();
        bad.set(0, 3, Double.NaN);
        assertRejects("xHat must be finite, got NaN at (0,3)", () -> ReconstructionLoss.mse(X, bad, Reduction.SUM));
        assertRejects("x must be finite, got Infinity at index 0", () -> ReconstructionLoss.mse(
                new double[] {Double.POSITIVE_INFINITY}, new double[1], Reduction.SUM));
        assertRejects("reduction must not be null", () -> ReconstructionLoss.mse(X, X_HAT, null));
        assertRejects("length of x must be > 0, got 0",
                () -> ReconstructionLoss.mse(new double[0], new double[0], Reduction.SUM));
    }
}
