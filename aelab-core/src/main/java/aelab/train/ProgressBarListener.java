package aelab.train;

import aelab.core.Require;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * A text progress bar, redrawn in place with a carriage return while an epoch runs and finished with a newline and
 * the epoch's metrics: {@code epoch  3/10 [##########----------]  50% loss 101.2345}. It writes only to the stream
 * it is given (pass {@code System.out} in a terminal or notebook) and redraws only when the bar or the percentage
 * changes.
 */
public final class ProgressBarListener implements TrainingListener {
    private final PrintStream out;
    private final int width;
    private int epochs;
    private int lastFilled = -1;
    private int lastPercent = -1;

    /** A 30-character bar. out: Modified (written to). */
    public ProgressBarListener(PrintStream out) {
        this(out, 30);
    }

    /** A bar of the given width (≥ 1). */
    public ProgressBarListener(PrintStream out, int width) {
        this.out = Require.notNull("out", out);
        this.width = Require.positive("width", width);
    }

    @Override
    public void onTrainingStart(TrainingConfig config, int samples, int batchesPerEpoch) {
        Require.notNull("config", config);
        epochs = config.epochs();
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batchesPerEpoch, double loss) {
        Require.positive("batchesPerEpoch", batchesPerEpoch);
        Require.inRange("batch", batch, 1, batchesPerEpoch);
        int filled = (int) ((long) width * batch / batchesPerEpoch);
        int percent = (int) (100L * batch / batchesPerEpoch);
        if (filled == lastFilled && percent == lastPercent) {
            return;
        }
        lastFilled = filled;
        lastPercent = percent;
        out.print("\r" + line(epoch, filled, percent) + String.format(Locale.ROOT, " batch loss %.4f", loss));
        out.flush();
    }

    @Override
    public void onEpochEnd(int epoch, TrainingHistory history) {
        Require.notNull("history", history);
        StringBuilder sb = new StringBuilder("\r").append(line(epoch, width, 100));
        List<String> names = history.metricNames();
        for (int i = 0; i < names.size(); i++) {
            double[] v = history.metric(names.get(i));
            sb.append(String.format(Locale.ROOT, " %s %.4f", names.get(i), v[v.length - 1]));
        }
        sb.append("          ");
        out.println(sb);
        out.flush();
        lastFilled = -1;
        lastPercent = -1;
    }

    private String line(int epoch, int filled, int percent) {
        int digits = String.valueOf(epochs).length();
        return String.format(Locale.ROOT, "epoch %" + digits + "d/%d [%s%s] %3d%%", epoch, epochs,
                "#".repeat(filled), "-".repeat(width - filled), percent);
    }
}
