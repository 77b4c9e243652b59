package aelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.nn.GradientCheck;
import aelab.nn.NnTestSupport;
import aelab.optim.Adam;
import aelab.optim.Gradients;
import aelab.optim.Optimizer;
import aelab.train.Trainer;
import aelab.train.TrainingConfig;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Autoencoder} passes. A subclass per model/configuration supplies {@link #create}.
 * Shapes: input width {@link #D}, code width {@link #K}.
 */
abstract class AutoencoderContractTest {
    static final int D = 5;
    static final int H = 4;
    static final int K = 3;
    private static final long NOISE_SEED = 77;

    /** A fresh model of input width D and code width K, initialised from rng. */
    abstract Autoencoder create(RandomGenerator rng);

    /** Training data for the model (n×D). Default: standard normal; override for Bernoulli likelihoods. */
    DMatrixRMaj data(int n, RandomGenerator rng) {
        return NnTestSupport.gaussian(n, D, rng);
    }

    /** Tolerance of the finite-difference check (error relative to max(|g|, |ĝ|, 1e-3)). */
    double gradientTolerance() {
        return 1e-6;
    }

    @Test
    void outputShapes() {
        Autoencoder model = create(Rng.seeded(1));
        DMatrixRMaj x = data(7, Rng.seeded(2));
        assertEquals(D, model.inputDim());
        assertEquals(K, model.latentDim());
        DMatrixRMaj z = model.encode(x);
        assertEquals(7, z.numRows);
        assertEquals(K, z.numCols);
        DMatrixRMaj xhat = model.decode(z);
        assertEquals(7, xhat.numRows);
        assertEquals(D, xhat.numCols);
        DMatrixRMaj r = model.reconstruct(x);
        assertEquals(7, r.numRows);
        assertEquals(D, r.numCols);
        Gradients g = Gradients.zerosLike(model.parameters());
        double loss = model.lossAndGradients(x, Rng.seeded(3), g);
        assertTrue(Double.isFinite(loss));
        for (int m = 0; m < model.metricNames().size(); m++) {
            assertTrue(Double.isFinite(model.lastMetric(m)), model.metricNames().get(m));
        }
    }

    @Test
    void everyParameterBlockPassesTheFiniteDifferenceCheck() {
        Autoencoder model = create(Rng.seeded(4));
        DMatrixRMaj x = data(6, Rng.seeded(5));
        Gradients analytic = Gradients.zerosLike(model.parameters());
        model.lossAndGradients(x, Rng.seeded(NOISE_SEED), analytic);
        // the same noise for every evaluation: a fresh generator with the same seed
        GradientCheck.Result result = GradientCheck.check(model.parameters(), analytic,
                () -> model.loss(x, Rng.seeded(NOISE_SEED)), 1e-5, 1e-3);
        assertTrue(result.blocksChecked() > 0);
        assertEquals(model.parameters().size(), result.blocksChecked());
        for (GradientCheck.BlockResult b : result.blocks()) {
            assertTrue(b.maxError() < gradientTolerance(), model + ": " + b);
        }
    }

    @Test
    void lossDecreasesAfterTrainingStepsOnASmallBatch() {
        Autoencoder model = create(Rng.seeded(6));
        DMatrixRMaj x = data(16, Rng.seeded(7));
        double before = model.loss(x, Rng.seeded(NOISE_SEED));
        Gradients g = Gradients.zerosLike(model.parameters());
        Optimizer adam = new Adam(0.01);
        for (int step = 0; step < 100; step++) {
            model.lossAndGradients(x, Rng.seeded(NOISE_SEED + step), g);
            adam.step(model.parameters(), g);
        }
        double after = model.loss(x, Rng.seeded(NOISE_SEED));
        assertTrue(after < 0.9 * before, model + ": loss " + before + " -> " + after);
    }

    private List<DMatrixRMaj> train(long seed) {
        Autoencoder model = create(Rng.seeded(8));
        new Trainer(TrainingConfig.adam(3, 4, 0.01, seed)).fit(model, data(10, Rng.seeded(9)));
        return model.parameters().snapshot();
    }

    @Test
    void sameSeedGivesBitIdenticalParameters() {
        List<DMatrixRMaj> a = train(11);
        List<DMatrixRMaj> b = train(11);
        List<DMatrixRMaj> c = train(12);
        boolean allEqualToOtherSeed = true;
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).data, b.get(i).data);
            allEqualToOtherSeed &= java.util.Arrays.equals(a.get(i).data, c.get(i).data);
        }
        assertFalse(allEqualToOtherSeed, "a different seed (shuffling order) must change the parameters");
    }

    @Test
    void rejectsBatchOfWrongWidth() {
        Autoencoder model = create(Rng.seeded(1));
        Gradients g = Gradients.zerosLike(model.parameters());
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.lossAndGradients(new DMatrixRMaj(6, D + 1), Rng.seeded(1), g));
        assertEquals("batch must have " + D + " columns, got 6x" + (D + 1), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> model.encode(new DMatrixRMaj(2, D - 1)));
        assertEquals("x must have " + D + " columns, got 2x" + (D - 1), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> model.decode(new DMatrixRMaj(2, K + 1)));
        assertEquals("z must have " + K + " columns, got 2x" + (K + 1), e3.getMessage());
    }

    @Test
    void rejectsNaNInput() {
        Autoencoder model = create(Rng.seeded(1));
        Gradients g = Gradients.zerosLike(model.parameters());
        DMatrixRMaj x = data(4, Rng.seeded(2));
        x.set(2, 1, Double.NaN);
        var e = assertThrows(IllegalArgumentException.class, () -> model.lossAndGradients(x, Rng.seeded(1), g));
        assertEquals("batch must be finite, got NaN at (2,1)", e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> model.encode(x));
        assertEquals("x must be finite, got NaN at (2,1)", e2.getMessage());
    }

    @Test
    void rejectsGradientsOfAnotherModel() {
        Autoencoder model = create(Rng.seeded(1));
        Gradients foreign = Gradients.zerosLike(create(Rng.seeded(1)).parameters());
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.lossAndGradients(data(3, Rng.seeded(2)), Rng.seeded(1), foreign));
        assertTrue(e.getMessage().startsWith("out must be Gradients.zerosLike(model.parameters())"), e.getMessage());
    }
}
