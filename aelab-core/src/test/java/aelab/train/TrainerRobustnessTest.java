package aelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.model.LinearAutoencoder;
import aelab.nn.NnTestSupport;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: SGD with learning rate 1e308 returned normally with ±∞ parameters when the blow-up happened on the final
 * step (no later loss to become non-finite): the step's result is now checked, and the parameters are restored.
 * {@code TrainingHistory.metric(null)} threw NullPointerException.
 */
class TrainerRobustnessTest {
    @Test
    void blowUpOnTheOnlyStepIsReportedAndUndone() {
        LinearAutoencoder ae = LinearAutoencoder.builder(3, 2).build(Rng.seeded(2));
        DMatrixRMaj x = NnTestSupport.gaussian(10, 3, Rng.seeded(3));
        List<DMatrixRMaj> before = ae.parameters().snapshot();
        // one epoch, one batch: the first step is also the final one
        Trainer trainer = new Trainer(TrainingConfig.sgd(1, 10, 1e308, 0, 1));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.fit(ae, x));
        assertTrue(e.getMessage().startsWith("training diverged at epoch 1, step 1 (batch 1 of 1): the optimizer step "
                + "made a parameter non-finite: "), e.getMessage());
        assertTrue(e.getMessage().contains("the parameters were restored to their values before this step"),
                e.getMessage());
        List<DMatrixRMaj> after = ae.parameters().snapshot();
        for (int i = 0; i < after.size(); i++) {
            assertArrayEquals(before.get(i).data, after.get(i).data, "block " + i + " restored bit for bit");
        }
    }

    @Test
    void metricOfNullIsBadInput() {
        LinearAutoencoder ae = LinearAutoencoder.builder(3, 2).build(Rng.seeded(2));
        TrainingHistory h = new Trainer(TrainingConfig.adam(1, 5, 1e-3, 1)).fit(ae,
                NnTestSupport.gaussian(10, 3, Rng.seeded(3)));
        aelab.testing.Rejects.assertMessage("name must not be null", () -> h.metric(null));
    }
}
