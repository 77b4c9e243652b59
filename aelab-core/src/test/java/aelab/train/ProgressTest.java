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
 * {@link Progress}: which epochs rewrite the line, the bytes written (first report, then carriage return + report
 * padded to the longest earlier one, a line separator after the last epoch; values recomputed here from
 * {@link TrainingHistory#metric(String)}), what a front end that overwrites after {@code \r} shows, and that two
 * seeded runs print the same bytes.
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

    /** The text of one report, from the history's values. */
    private static String report(TrainingHistory h, int epoch, int epochs) {
        return String.format(Locale.ROOT, "epoch %" + String.valueOf(epochs).length() + "d/%d: loss %.4f, "
                + "reconstruction %.4f, kl %.4f", epoch, epochs, h.losses()[epoch - 1],
                h.metric("reconstruction")[epoch - 1], h.metric("kl")[epoch - 1]);
    }

    /**
     * What a terminal, or the classic notebook's and JupyterLab's output area, shows for these bytes: after a
     * carriage return the following characters overwrite the line from its first column, the rest of the longer
     * old line stays.
     */
    static String overwritten(String bytes) {
        StringBuilder shown = new StringBuilder();
        StringBuilder line = new StringBuilder();
        int column = 0;
        for (char c : bytes.toCharArray()) {
            if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                shown.append(line).append('\n');
                line.setLength(0);
                column = 0;
            } else {
                if (column < line.length()) {
                    line.setCharAt(column, c);
                } else {
                    line.append(c);
                }
                column++;
            }
        }
        return shown.append(line).toString();
    }

    @Test
    void oneLineRewrittenEveryNEpochsAndFinishedAfterTheLast() {
        List<TrainingHistory> histories = new ArrayList<>();
        String text = train(5, 12, histories);
        TrainingHistory h = histories.get(0);
        StringBuilder expected = new StringBuilder();
        int longest = 0;
        for (int epoch : new int[] {5, 10, 12}) {
            String r = report(h, epoch, 12);
            expected.append(epoch == 5 ? "" : "\r").append(r).append(" ".repeat(Math.max(0, longest - r.length())));
            longest = Math.max(longest, r.length());
        }
        expected.append(System.lineSeparator());
        assertEquals(expected.toString(), text);
        assertEquals(report(h, 12, 12), overwritten(text).strip());
    }

    @Test
    void aShorterReportIsPaddedSoNothingOfTheLongerOneStaysVisible() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress progress = Progress.everyEpochs(1, out);
        progress.onTrainingStart(TrainingConfig.adam(3, 8, 1e-2, 6), 20, 3);
        TrainingHistory h = new TrainingHistory(List.of("kl"));
        double[][] values = {{100.5, 2.25}, {9.5, 0.125}, {10.75, 1.5}};    // reports 2, 3: 2, 1 characters shorter
        for (int epoch = 1; epoch <= 3; epoch++) {
            h.add(values[epoch - 1]);
            progress.onEpochEnd(epoch, h);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("epoch 1/3: loss 100.5000, kl 2.2500\repoch 2/3: loss 9.5000, kl 0.1250  "
                + "\repoch 3/3: loss 10.7500, kl 1.5000 " + System.lineSeparator(), text);
        String beforeLast = text.substring(0, text.lastIndexOf('\r')) + "\n";
        assertEquals("epoch 2/3: loss 9.5000, kl 0.1250  \n", overwritten(beforeLast));
        assertEquals("epoch 3/3: loss 10.7500, kl 1.5000 \n", overwritten(text.replace(System.lineSeparator(), "\n")));
    }

    @Test
    void eachReportIsOneWriteStartingWithItsCarriageReturn() {
        List<String> writes = new ArrayList<>();
        PrintStream out = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                writes.add(String.valueOf((char) b));
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(new String(b, off, len, StandardCharsets.UTF_8));
            }
        }, true, StandardCharsets.UTF_8);
        Vae vae = Vae.builder(4, 2).hiddenSizes(3).gaussianDecoder(1).build(Rng.seeded(4));
        TrainingHistory h = new Trainer(TrainingConfig.adam(12, 8, 1e-2, 6)).addListener(Progress.everyEpochs(5, out))
                .fit(vae, NnTestSupport.gaussian(20, 4, Rng.seeded(5)));
        assertEquals(3, writes.size(), writes.toString());
        assertEquals(report(h, 5, 12), writes.get(0));
        assertEquals("\r" + report(h, 10, 12), writes.get(1).stripTrailing());
        assertEquals("\r" + report(h, 12, 12), writes.get(2).stripTrailing());
        assertEquals(true, writes.get(2).endsWith(System.lineSeparator()));
    }

    @Test
    void twoSeededRunsPrintTheSameBytes() {
        List<TrainingHistory> histories = new ArrayList<>();
        String first = train(1, 6, histories);
        assertEquals(first, train(1, 6, histories));
        assertEquals(first.length() - System.lineSeparator().length(), first.indexOf(System.lineSeparator()));
        assertEquals(5, first.chars().filter(c -> c == '\r').count());
    }

    @Test
    void rejectsBadArguments() {
        assertMessage("n must be > 0, got 0", () -> Progress.everyEpochs(0));
        assertMessage("out must not be null", () -> Progress.everyEpochs(5, null));
        assertMessage("history must not be null", () -> Progress.everyEpochs(5, System.err).onEpochEnd(1, null));
    }
}
