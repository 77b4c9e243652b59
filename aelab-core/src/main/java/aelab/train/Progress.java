package aelab.train;

import aelab.core.Require;
import java.io.PrintStream;
import java.util.Locale;

/**
 * One short progress line every {@code n} epochs (and after the last epoch), for training cells in notebooks:
 * {@code new Trainer(config).addListener(Progress.everyEpochs(5)).fit(model, data)} prints
 * <pre>
 * epoch  5/40: loss 40.1234, reconstruction 35.0000, kl 5.1234
 * </pre>
 * with every metric of the {@link TrainingHistory} (4 decimals, {@link Locale#ROOT}). The line holds no time or
 * speed, only values the seeded training determines, so two runs print the same bytes (the handouts'
 * reproducibility check compares two executions). The library itself prints nothing: this listener writes to the
 * stream it is given ({@link System#out} by default, which a notebook shows under the cell).
 */
public final class Progress implements TrainingListener {
    private final int every;
    private final PrintStream out;
    private int epochs;

    private Progress(int every, PrintStream out) {
        this.every = Require.positive("n", every);
        this.out = Require.notNull("out", out);
    }

    /** A line to {@link System#out} after epochs {@code n, 2n, …} and after the last epoch; {@code n >= 1}. */
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
        out.println(line);
        out.flush();
    }
}
