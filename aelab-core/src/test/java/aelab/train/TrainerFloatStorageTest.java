package aelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.linalg.ProductPrecision;
import aelab.model.Vae;
import aelab.nn.NnTestSupport;
import aelab.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * A FLOAT32 VAE trained by {@link Trainer} in float32 storage ({@link aelab.model.TrainingStep}): its parameter
 * blocks hold float values written back before every epoch's listeners and when the run stops, changes listeners make
 * there are trained on, an interrupted run resumes to the same bits, and a diverging step leaves the parameters of the
 * step before.
 */
class TrainerFloatStorageTest {
    private static final int D = 64;
    /** 256 rows in batches of 32: 8 steps per epoch. */
    private static final DMatrixRMaj DATA = NnTestSupport.uniform(256, D, 0, 1, Rng.seeded(5));
    private static final TrainingConfig CONFIG = TrainingConfig.adam(3, 32, 1e-3, 7);

    private static Vae newVae() {
        return Vae.builder(D, 4).hiddenSizes(48).bernoulliDecoder().productPrecision(ProductPrecision.FLOAT32)
                .build(Rng.seeded(11));
    }

    private static double[] flat(Vae vae) {
        List<Double> all = new ArrayList<>();
        for (DMatrixRMaj m : vae.parameters().snapshot()) {
            for (double v : m.data) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertFloats(double[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], (double) (float) values[i], 0.0, what + ": entry " + i + " is not a float");
        }
    }

    @Test
    void blocksHoldTheFloatParametersAtEveryEpochEndAndTheEpochStartDuringIt() {
        Vae vae = newVae();
        double[] initial = flat(vae);
        List<double[]> atEpochEnd = new ArrayList<>();
        List<double[]> atFirstBatchEnd = new ArrayList<>();
        new Trainer(CONFIG).addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batchesPerEpoch, double loss) {
                if (batch == 1) {
                    atFirstBatchEnd.add(flat(vae));
                }
            }

            @Override
            public void onEpochEnd(int epoch, TrainingHistory history) {
                atEpochEnd.add(flat(vae));
            }
        }).fit(vae, DATA);
        double[] rounded = initial.clone();
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = (float) rounded[i];
        }
        assertArrayEquals(rounded, atFirstBatchEnd.get(0), "during epoch 1: the blocks as the run started");
        for (int e = 0; e < 3; e++) {
            assertFloats(atEpochEnd.get(e), "epoch " + (e + 1));
            assertNotEquals(e == 0 ? rounded[0] : atEpochEnd.get(e - 1)[0], atEpochEnd.get(e)[0], "trained");
        }
        assertArrayEquals(atEpochEnd.get(0), atFirstBatchEnd.get(1), "during epoch 2: the values of epoch 1's end");
        assertArrayEquals(atEpochEnd.get(2), flat(vae), "after the run: the last epoch's values");
    }

    @Test
    void aChangeMadeAtAnEpochEndIsTrainedOn() {
        Vae vae = newVae();
        new Trainer(CONFIG).onEpochEnd((epoch, h) -> {
            if (epoch == 1) {
                vae.parameters().get(1).value().data[0] = 3;
            }
        }).fit(vae, DATA);
        // two epochs of Adam at 1e-3 move an entry by at most 16 steps of about 1e-3; the trained value, had the
        // change been lost, would be within 0.05 of its initial value, drawn from U(-1/8, 1/8)
        assertEquals(3, vae.parameters().get(1).value().data[0], 0.05);
    }

    @Test
    void aResumedRunEqualsTheUninterruptedRunBitForBit() {
        Vae reference = newVae();
        TrainingHistory full = new Trainer(CONFIG).fit(reference, DATA);
        for (long stopAt : new long[] {1, 8, 13}) {
            Vae vae = newVae();
            Trainer trainer = new Trainer(CONFIG).addListener(new TrainingListener() {
                private long step;

                @Override
                public void onBatchEnd(int epoch, int batch, int batchesPerEpoch, double loss) {
                    if (++step == stopAt) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            assertThrows(TrainingInterruptedException.class, () -> trainer.fit(vae, DATA));
            assertTrue(Thread.interrupted());
            assertFloats(flat(vae), "after the interrupt at step " + stopAt);
            TrainingHistory resumed = trainer.resume();
            assertArrayEquals(flat(reference), flat(vae), "resumed after step " + stopAt);
            assertArrayEquals(full.losses(), resumed.losses(), "history resumed after step " + stopAt);
        }
    }

    @Test
    void aDivergingStepLeavesTheParametersOfTheStepBefore() {
        // a Gaussian decoder of variance 1e-6 has gradients of order 1e6: one SGD step of 1e38 overflows float
        Vae vae = Vae.builder(D, 4).hiddenSizes(48).gaussianDecoder(1e-6).productPrecision(ProductPrecision.FLOAT32)
                .build(Rng.seeded(11));
        double[] initial = flat(vae);
        var e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(CONFIG).fit(vae, DATA, new Sgd(1e38, 0)));
        assertTrue(e.getMessage().contains("the optimizer step made a parameter non-finite"), e.getMessage());
        assertEquals(1, e.step());
        double[] after = flat(vae);
        for (int i = 0; i < after.length; i++) {
            assertEquals((double) (float) initial[i], after[i], 0.0, "entry " + i + " as before the step, in float");
        }
    }
}
