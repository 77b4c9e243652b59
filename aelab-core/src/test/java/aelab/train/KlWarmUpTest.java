package aelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.model.Vae;
import aelab.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The linear KL warm-up β_t = β min(1, t / T), read back from the losses the trainer reports. */
class KlWarmUpTest {
    private static final int N = 30;
    private static final int BATCH = 8;           // 4 batches per epoch (8, 8, 8, 6)
    private static final double TARGET = 2.0;

    private static Vae vae() {
        return Vae.builder(5, 3).hiddenSizes(4).hiddenActivation(Activation.TANH).bernoulliDecoder().beta(TARGET)
                .build(Rng.seeded(1));
    }

    private static DMatrixRMaj data() {
        DMatrixRMaj x = new DMatrixRMaj(N, 5);
        var rng = Rng.seeded(2);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextDouble();
        }
        return x;
    }

    /** The β each step used: (loss − reconstruction) / kl, from the batch loss and the model's metrics. */
    private static List<Double> betasUsed(Vae vae, Trainer trainer) {
        List<Double> used = new ArrayList<>();
        trainer.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batchesPerEpoch, double loss) {
                used.add((loss - vae.lastMetric(0)) / vae.lastMetric(1));
            }
        });
        return used;
    }

    @Test
    void eachStepUsesTheScheduledBeta() {
        Vae vae = vae();
        // the recording listener runs first, before the schedule moves beta on
        Trainer trainer = new Trainer(TrainingConfig.adam(4, BATCH, 1e-2, 3));
        List<Double> used = betasUsed(vae, trainer);
        KlWarmUp warmUp = KlWarmUp.linear(vae, 2);
        trainer.addListener(warmUp).fit(vae, data());
        assertEquals(16, used.size());
        for (int t = 0; t < used.size(); t++) {
            double expected = TARGET * Math.min(1.0, t / 8.0);      // T = 2 epochs x 4 batches
            assertEquals(expected, used.get(t), 1e-9, "step " + (t + 1));
        }
        assertEquals(TARGET, vae.beta());
        assertEquals(TARGET, warmUp.target());
    }

    @Test
    void sameSeedSameBitsAndTheScheduleChangesTheResult() {
        double[][] withWarmUp = new double[2][];
        for (int r = 0; r < 2; r++) {
            Vae vae = vae();
            new Trainer(TrainingConfig.adam(3, BATCH, 1e-2, 4)).addListener(KlWarmUp.linear(vae, 2)).fit(vae, data());
            withWarmUp[r] = vae.parameters().get(0).value().data.clone();
        }
        assertArrayEquals(withWarmUp[0], withWarmUp[1]);
        Vae plain = vae();
        new Trainer(TrainingConfig.adam(3, BATCH, 1e-2, 4)).fit(plain, data());
        assertTrue(!java.util.Arrays.equals(withWarmUp[0], plain.parameters().get(0).value().data));
    }

    @Test
    void betaAtFollowsTheFormulaAndValidates() {
        KlWarmUp w = KlWarmUp.linear(vae(), 3);
        assertEquals(0.0, w.betaAt(0, 10));
        assertEquals(TARGET * 15 / 30.0, w.betaAt(15, 10), 1e-15);
        assertEquals(TARGET, w.betaAt(30, 10));
        assertEquals(TARGET, w.betaAt(1000, 10));
        var e = assertThrows(IllegalArgumentException.class, () -> KlWarmUp.linear(vae(), 0));
        assertTrue(e.getMessage().startsWith("warmUpEpochs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.betaAt(-1, 10));
    }

    @Test
    void anInterruptedAndResumedRunGivesTheSameBitsAsAnUninterruptedOne() {
        Vae straight = vae();
        new Trainer(TrainingConfig.adam(3, BATCH, 1e-2, 5)).addListener(KlWarmUp.linear(straight, 2)).fit(straight, data());
        Vae stopped = vae();
        Trainer trainer = new Trainer(TrainingConfig.adam(3, BATCH, 1e-2, 5)).addListener(KlWarmUp.linear(stopped, 2));
        trainer.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batchesPerEpoch, double loss) {
                if (epoch == 2 && batch == 1) {
                    Thread.currentThread().interrupt();        // in the middle of the warm-up
                }
            }
        });
        assertThrows(TrainingInterruptedException.class, () -> trainer.fit(stopped, data()));
        assertTrue(Thread.interrupted(), "interrupt status left set by the trainer");
        trainer.resume();
        for (int i = 0; i < straight.parameters().size(); i++) {
            assertArrayEquals(straight.parameters().get(i).value().data, stopped.parameters().get(i).value().data,
                    "block " + i);
        }
        assertEquals(TARGET, stopped.beta());
    }
}
