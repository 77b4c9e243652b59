package aelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.model.Autoencoder;
import aelab.model.LinearAutoencoder;
import aelab.model.Vae;
import aelab.nn.NnTestSupport;
import aelab.optim.Gradients;
import aelab.optim.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class TrainerTest {
    /** Records every batch it sees and can return NaN at one call; delegates to a linear AE. */
    static final class RecordingModel implements Autoencoder {
        final LinearAutoencoder inner = LinearAutoencoder.builder(3, 2).build(Rng.seeded(1));
        final List<DMatrixRMaj> batches = new ArrayList<>();
        int nanAtCall = -1;

        @Override
        public int inputDim() {
            return 3;
        }

        @Override
        public int latentDim() {
            return 2;
        }

        @Override
        public Parameters parameters() {
            return inner.parameters();
        }

        @Override
        public DMatrixRMaj encode(DMatrixRMaj x) {
            return inner.encode(x);
        }

        @Override
        public DMatrixRMaj decode(DMatrixRMaj z) {
            return inner.decode(z);
        }

        @Override
        public double lossAndGradients(DMatrixRMaj batch, RandomGenerator rng, Gradients out) {
            batches.add(batch.copy());
            double loss = inner.lossAndGradients(batch, rng, out);
            return batches.size() == nanAtCall ? Double.NaN : loss;
        }
    }

    private static DMatrixRMaj rowsNumbered(int n) {
        DMatrixRMaj x = new DMatrixRMaj(n, 3);
        for (int r = 0; r < n; r++) {
            x.set(r, 0, r);
        }
        return x;
    }

    @Test
    void configRejectsEachBadFieldByName() {
        assertEquals("batchSize must be > 0, got 0", assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.adam(5, 0, 1e-3, 1)).getMessage());
        assertEquals("epochs must be > 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.adam(-1, 10, 1e-3, 1)).getMessage());
        assertEquals("learningRate must be > 0 and finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.sgd(5, 10, Double.NaN, 0, 1)).getMessage());
        assertEquals("learningRate must be > 0 and finite, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.adam(5, 10, 0, 1)).getMessage());
        assertEquals("momentum must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.sgd(5, 10, 0.1, 1.0, 1)).getMessage());
        assertEquals("optimizer must not be null", assertThrows(IllegalArgumentException.class,
                () -> new TrainingConfig(1, 1, null, 0.1, 0, 0.9, 0.999, 1e-8, true, 1)).getMessage());
    }

    @Test
    void configToStringListsHyperParameters() {
        String s = TrainingConfig.adam(20, 128, 1e-3, 7).toString();
        for (String part : new String[] {"seed=7", "epochs=20", "batchSize=128", "learningRate=0.001", "beta1=0.9",
                "beta2=0.999", "shuffle=true"}) {
            assertTrue(s.contains(part), s);
        }
    }

    @Test
    void rejectsBadDataBeforeTraining() {
        RecordingModel model = new RecordingModel();
        Trainer trainer = new Trainer(TrainingConfig.adam(1, 4, 1e-3, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(model, new DMatrixRMaj(10, 4)));
        assertEquals("data must have 3 columns, got 10x4", e.getMessage());
        DMatrixRMaj x = rowsNumbered(10);
        x.set(7, 2, Double.POSITIVE_INFINITY);
        var e2 = assertThrows(IllegalArgumentException.class, () -> trainer.fit(model, x));
        assertEquals("data must be finite, got Infinity at (7,2)", e2.getMessage());
        assertEquals(0, model.batches.size(), "nothing trained before validation");
    }

    @Test
    void nanLossStopsTrainingNamingEpochAndStep() {
        RecordingModel model = new RecordingModel();
        model.nanAtCall = 5; // 3 batches per epoch (10 rows, batch 4): call 5 is epoch 2, batch 2
        List<DMatrixRMaj> before = new ArrayList<>();
        Trainer trainer = new Trainer(TrainingConfig.adam(4, 4, 1e-3, 1)).addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batchesPerEpoch, double loss) {
                before.clear();
                before.addAll(model.parameters().snapshot());
            }
        });
        var e = assertThrows(TrainingDivergedException.class, () -> trainer.fit(model, rowsNumbered(10)));
        assertTrue(e.getMessage().startsWith("training diverged at epoch 2, step 5 (batch 2 of 3): loss became NaN"),
                e.getMessage());
        assertEquals(2, e.epoch());
        assertEquals(5, e.step());
        assertEquals(1, e.history().epochs());
        List<DMatrixRMaj> after = model.parameters().snapshot();
        for (int i = 0; i < after.size(); i++) {
            assertArrayEquals(before.get(i).data, after.get(i).data, "the NaN step must not update parameters");
        }
    }

    @Test
    void hugeLearningRateDivergesWithException() {
        LinearAutoencoder ae = LinearAutoencoder.builder(3, 2).build(Rng.seeded(2));
        DMatrixRMaj x = NnTestSupport.gaussian(50, 3, Rng.seeded(3));
        var e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(TrainingConfig.sgd(1000, 10, 1e3, 0, 1)).fit(ae, x));
        assertTrue(e.getMessage().contains("epoch " + e.epoch() + ", step " + e.step()), e.getMessage());
        for (var b : ae.parameters()) {
            for (double v : b.value().data) {
                assertTrue(Double.isFinite(v), "weights stay finite");
            }
        }
    }

    @Test
    void everyEpochVisitsEveryRowOnceIncludingThePartialBatch() {
        RecordingModel model = new RecordingModel();
        new Trainer(TrainingConfig.adam(2, 4, 1e-3, 5)).fit(model, rowsNumbered(10));
        assertEquals(6, model.batches.size());
        assertEquals(2, model.batches.get(2).numRows, "last batch is partial");
        for (int epoch = 0; epoch < 2; epoch++) {
            boolean[] seen = new boolean[10];
            for (int b = 0; b < 3; b++) {
                DMatrixRMaj batch = model.batches.get(epoch * 3 + b);
                for (int r = 0; r < batch.numRows; r++) {
                    int row = (int) batch.get(r, 0);
                    assertTrue(!seen[row], "row " + row + " seen twice in epoch " + epoch);
                    seen[row] = true;
                }
            }
            for (boolean s : seen) {
                assertTrue(s);
            }
        }
        // shuffled: the two epochs see different orders; unshuffled: row order
        assertTrue(model.batches.get(0).get(0, 0) != model.batches.get(3).get(0, 0)
                || model.batches.get(0).get(1, 0) != model.batches.get(3).get(1, 0));
        RecordingModel ordered = new RecordingModel();
        new Trainer(TrainingConfig.adam(1, 4, 1e-3, 5).withShuffle(false)).fit(ordered, rowsNumbered(10));
        assertEquals(4.0, ordered.batches.get(1).get(0, 0), 0);
    }

    @Test
    void listenersAreCalledTheExpectedNumberOfTimesAndEpochLossIsTheSampleWeightedMean() {
        int[] counts = new int[4];
        List<Double> batchLosses = new ArrayList<>();
        RecordingModel model = new RecordingModel();
        TrainingHistory history = new Trainer(TrainingConfig.sgd(5, 4, 0.01, 0.5, 3))
                .addListener(new TrainingListener() {
                    @Override
                    public void onTrainingStart(TrainingConfig config, int samples, int batchesPerEpoch) {
                        counts[0]++;
                        assertEquals(10, samples);
                        assertEquals(3, batchesPerEpoch);
                    }

                    @Override
                    public void onBatchEnd(int epoch, int batch, int batchesPerEpoch, double loss) {
                        counts[1]++;
                        batchLosses.add(loss);
                    }

                    @Override
                    public void onEpochEnd(int epoch, TrainingHistory h) {
                        counts[2]++;
                        assertEquals(epoch, h.epochs());
                    }

                    @Override
                    public void onTrainingEnd(TrainingHistory h) {
                        counts[3]++;
                    }
                }).fit(model, rowsNumbered(10));
        assertArrayEquals(new int[] {1, 15, 5, 1}, counts);
        for (int epoch = 1; epoch <= 5; epoch++) {
            int b = (epoch - 1) * 3;
            double expected = (4 * batchLosses.get(b) + 4 * batchLosses.get(b + 1) + 2 * batchLosses.get(b + 2)) / 10;
            assertEquals(expected, history.loss(epoch), 1e-12 * Math.abs(expected));
        }
    }

    @Test
    void vaeHistoryTableHasEpochLossReconstructionAndKlColumns() {
        Vae vae = Vae.builder(4, 2).hiddenSizes(3).gaussianDecoder(1).build(Rng.seeded(4));
        DMatrixRMaj x = NnTestSupport.gaussian(20, 4, Rng.seeded(5));
        TrainingHistory history = new Trainer(TrainingConfig.adam(7, 8, 1e-2, 6)).fit(vae, x);
        Table table = history.toTable();
        assertEquals(List.of("epoch", "loss", "reconstruction", "kl"), table.columnNames());
        assertEquals(7, table.rowCount());
        assertEquals(7, table.intColumn("epoch").getInt(6));
        for (int e = 1; e <= 7; e++) {
            // β = 1: loss = reconstruction + KL, each a sample-weighted epoch mean
            double sum = history.metric("reconstruction")[e - 1] + history.metric("kl")[e - 1];
            assertEquals(sum, table.doubleColumn("loss").getDouble(e - 1), 1e-9 * Math.abs(sum));
        }
        var ex = assertThrows(IllegalArgumentException.class, () -> history.metric("elbo"));
        assertEquals("name must be one of [loss, reconstruction, kl], got \"elbo\"", ex.getMessage());
    }

    @Test
    void progressBarWritesOnlyToTheGivenStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new Trainer(TrainingConfig.adam(3, 4, 1e-3, 1)).addListener(new ProgressBarListener(out, 10))
                .fit(new RecordingModel(), rowsNumbered(10));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, text.chars().filter(c -> c == '\n').count(), text);
        assertTrue(text.contains("epoch 3/3 [##########] 100% loss "), text);
        assertTrue(text.contains("\repoch 1/3 [###-------]  33%"), text);
    }

    @Test
    void onEpochEndSeesEachEpochFromOneAndMetricsByName() {
        Vae vae = Vae.builder(4, 2).hiddenSizes(3).gaussianDecoder(1).build(Rng.seeded(4));
        DMatrixRMaj x = NnTestSupport.gaussian(20, 4, Rng.seeded(5));
        List<Integer> seen = new ArrayList<>();
        List<Double> kl = new ArrayList<>();
        TrainingHistory history = new Trainer(TrainingConfig.adam(7, 8, 1e-2, 6))
                .onEpochEnd((epoch, h) -> {
                    seen.add(epoch);
                    kl.add(h.metric("kl", epoch));
                }).fit(vae, x);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), seen);
        double[] all = history.metric("kl");
        for (int e = 1; e <= 7; e++) {
            assertEquals(all[e - 1], kl.get(e - 1), 0.0);
            // β = 1: the loss is the sum of its two named terms, each averaged the same way
            assertEquals(history.loss(e), history.metric("reconstruction", e) + history.metric("kl", e), 1e-12);
        }
        assertEquals(history.metric("loss", 7), history.last("loss"), 0.0);
        assertThrows(IllegalArgumentException.class, () -> history.metric("kl", 0));
        assertThrows(IllegalArgumentException.class, () -> history.metric("kl", 8));
        assertEquals("name must not be null",
                assertThrows(IllegalArgumentException.class, () -> history.metric(null, 1)).getMessage());
    }
}
