package aelab.train;

import static aelab.testing.Rejects.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aelab.core.Rng;
import aelab.model.Vae;
import aelab.nn.NnTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link Progress}: which epochs get a line, what the line says (the history's own values, recomputed here from
 * {@link TrainingHistory#metric(String)}), and that two seeded runs print the same bytes.
 */
class ProgressTest {
    private static String train(int every, int epochs, List<TrainingHistory> histories) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Vae vae = Vae.builder(4, 2).hiddenSizes(3).gaussianDecoder(1).build(Rng.seeded(4));
        DMatrixRMaj x = NnTestSupport.gaussian(20, 4, Rng.seeded(5));
        histories.add(new Trainer(TrainingConfig.adam(epochs, 8, 1e-2, 6)).addListener(Progress.everyEpochs(every, out))
                .fit(vae, x));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneLinePerNEpochsAndAfterTheLastWithEveryMetric() {
        List<TrainingHistory> histories = new ArrayList<>();
        String text = train(5, 12, histories);
        TrainingHistory h = histories.get(0);
        StringBuilder expected = new StringBuilder();
        for (int epoch : new int[] {5, 10, 12}) {
            expected.append(String.format(Locale.ROOT, "epoch %2d/12: loss %.4f, reconstruction %.4f, kl %.4f%n",
                    epoch, h.losses()[epoch - 1], h.metric("reconstruction")[epoch - 1], h.metric("kl")[epoch - 1]));
        }
        assertEquals(expected.toString(), text);
    }

    @Test
    void twoSeededRunsPrintTheSameBytes() {
        List<TrainingHistory> histories = new ArrayList<>();
        assertEquals(train(1, 6, histories), train(1, 6, histories));
        assertEquals(6, train(1, 6, histories).lines().count());
    }

    @Test
    void rejectsBadArguments() {
        assertMessage("n must be > 0, got 0", () -> Progress.everyEpochs(0));
        assertMessage("out must not be null", () -> Progress.everyEpochs(5, null));
        assertMessage("history must not be null", () -> Progress.everyEpochs(5, System.err).onEpochEnd(1, null));
    }
}
