package aelab.train;

import aelab.core.Require;
import java.io.PrintStream;
import java.util.Locale;

/**
 * One progress line, rewritten in place every {@code n} epochs and finished after the last epoch, for training cells
 * in notebooks: {@code new Trainer(config).addListener(Progress.everyEpochs(5)).fit(model, data)} shows
 * <pre>
 * epoch  5/40: loss 40.1234, reconstruction 35.0000, kl 5.1234
 * </pre>
 * with every metric of the {@link TrainingHistory} (4 decimals, {@link Locale#ROOT}), and after epoch 10 the same
 * line reads {@code epoch 10/40: ...}. Bytes written: the first report as it is, every later report as a carriage
 * return followed by the new text padded with spaces to the longest text written before (so that a terminal or
 * Jupyter's front ends, which overwrite the line after {@code \r}, leave nothing of a longer earlier report), and
 * a line separator after the last epoch, each report in one write (the classic notebook overwrites the line only
 * with text that arrives in the same stream message as its carriage return). The executed handouts keep only the
 * final state of the line (tools/build_handouts.py collapses carriage returns as nbconvert's
 * {@code coalesce_streams} does). When training throws, the line is left unfinished (no separator).
 * <p>
 * The line holds no time or speed, only values the seeded training determines, so two runs print the same bytes (the
 * handouts' reproducibility check compares two executions). The library itself prints nothing: this listener writes
 * to the stream it is given ({@link System#out} by default, which a notebook shows under the cell).
 */
public final class Progress implements TrainingListener {
    private final int every;
    private final PrintStream out;
    private int epochs;
    private int longest = -1;

    private Progress(int every, PrintStream out) {
        this.every = Require.positive("n", every);
        this.out = Require.notNull("out", out);
    }

    /**
     * The line written to {@link System#out}, rewritten after epochs {@code n, 2n, …} and after the last epoch;
     * {@code n >= 1}.
     */
    public static Progress everyEpochs(int n) {
        return new Progress(n, System.out);
    }

    /** As {@link #everyEpochs(int)}, written to {@code out} (Modified: written to). */
    public static Progress everyEpochs(int n, PrintStream out) {
        return new Progress(n, out);
    }

    @Override
    public void onTrainingStart(TrainingConfig config, int samples, int batchesPerEpoch) {
        epochs = Require.notNull("config", config).epochs();
        longest = -1;
    }

    @Override
    public void onEpochEnd(int epoch, TrainingHistory history) {
        Require.notNull("history", history);
        if (epoch % every != 0 && epoch != epochs) {
            return;
        }
        int digits = String.valueOf(epochs).length();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %" + digits + "d/%d:", epoch,
                epochs));
        String separator = " ";
        for (String name : history.metricNames()) {
            line.append(separator).append(String.format(Locale.ROOT, "%s %.4f", name, history.metric(name, epoch)));
            separator = ", ";
        }
        int length = line.length();
        line.insert(0, longest >= 0 ? "\r" : "").append(" ".repeat(Math.max(0, longest - length)));
        longest = Math.max(longest, length);
        if (epoch == epochs) {
            line.append(System.lineSeparator());
            longest = -1;
        }
        out.print(line);    // one write per report: the classic notebook overwrites only text that arrives with its \r
        out.flush();
    }
}
