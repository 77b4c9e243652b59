package aelab.train;

import aelab.core.Require;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Per-epoch metrics of a training run: {@code loss} (mean per sample over the epoch: batch losses weighted by batch
 * size) and the model's extra metrics (e.g. {@code reconstruction}, {@code kl} for a VAE), averaged the same way.
 *
 * <p>Metrics are looked up by name ({@link #metricNames()}); epochs are numbered from 1 everywhere (as in
 * {@link TrainingListener} and in {@link #toTable()}): {@code metric("kl", epochs())} is the last epoch's KL.
 */
public final class TrainingHistory {
    private final List<String> names;
    private final List<double[]> values = new ArrayList<>();

    TrainingHistory(List<String> modelMetrics) {
        List<String> all = new ArrayList<>();
        all.add("loss");
        all.addAll(modelMetrics);
        this.names = List.copyOf(all);
    }

    /** An independent copy (the epochs recorded so far). */
    TrainingHistory copy() {
        TrainingHistory c = new TrainingHistory(names.subList(1, names.size()));
        for (double[] v : values) {
            c.add(v);
        }
        return c;
    }

    void add(double[] epochValues) {
        values.add(epochValues.clone());
    }

    /** Metric names, {@code loss} first. */
    public List<String> metricNames() {
        return names;
    }

    /** Number of recorded epochs. */
    public int epochs() {
        return values.size();
    }

    /** Loss of epoch {@code epoch} (from 1). */
    public double loss(int epoch) {
        Require.inRange("epoch", epoch, 1, values.size());
        return values.get(epoch - 1)[0];
    }

    /** Value of the named metric at epoch {@code epoch} (from 1 to {@link #epochs()}). */
    public double metric(String name, int epoch) {
        int j = indexOf(name);
        Require.inRange("epoch", epoch, 1, values.size());
        return values.get(epoch - 1)[j];
    }

    /** Value of the named metric at the last recorded epoch. */
    public double last(String name) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no epoch recorded yet");
        }
        return metric(name, values.size());
    }

    private int indexOf(String name) {
        Require.notNull("name", name);
        int j = names.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("name must be one of " + names + ", got \"" + name + "\"");
        }
        return j;
    }

    /** Losses of all epochs, in order. */
    public double[] losses() {
        return metric("loss");
    }

    /** Values of the named metric for all epochs. */
    public double[] metric(String name) {
        int j = indexOf(name);
        double[] out = new double[values.size()];
        for (int e = 0; e < out.length; e++) {
            out[e] = values.get(e)[j];
        }
        return out;
    }

    /** The table: column {@code epoch} (1, 2, …) then one column per metric name. */
    public Table toTable() {
        Table t = Table.create("training history");
        int[] epochs = new int[values.size()];
        Arrays.setAll(epochs, i -> i + 1);
        t.addColumns(IntColumn.create("epoch", epochs));
        for (String name : names) {
            t.addColumns(DoubleColumn.create(name, metric(name)));
        }
        return t;
    }

    @Override
    public String toString() {
        return "TrainingHistory(" + values.size() + " epochs, metrics " + names + ")";
    }
}
