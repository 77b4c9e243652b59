package aelab.bench;

import aelab.bench.BenchCommand.Config;
import aelab.bench.BenchCommand.Data;
import aelab.bench.BenchCommand.Row;
import aelab.bench.BenchCommand.Side;
import aelab.core.Rng;
import aelab.json.Json;
import aelab.linalg.ProductPrecision;
import aelab.model.Vae;
import aelab.train.Trainer;
import aelab.train.TrainingConfig;
import aelab.train.TrainingHistory;
import aelab.train.TrainingListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The bench in lockstep: every side of a config (aelab float64 and float32, each in its own fresh JVM; aelab float64
 * and float32 in two long-lived JVMs, one per precision, which have trained the configs before this one in turn;
 * PyTorch float64 on one thread and PyTorch's defaults) trains its epoch e
 * before any side starts epoch e + 1, one side at a time, so that all sides' epochs interleave over the same minutes.
 *
 * <p>Why: this host's speed drifts by up to 30 % within seconds to minutes (bench/results/README.md, 2026-12-07), so
 * sides timed one after the other compare the host's states as much as the code. Interleaved, every side's median
 * epoch samples the same stretch of time. The order of the sides rotates by one every epoch, so that no side always
 * follows the same one.
 *
 * <p>From its {@code @ready} on, a side process is stopped between its turns ({@code SIGSTOP}, then {@code SIGCONT}
 * for its next turn): a waiting JVM would otherwise go on compiling in the background (its JIT's queue is long in
 * the first epochs) while another side is timed, or while the others start, slowing the timed side and giving the
 * JVM compiled code for free; stopped, a JVM's JIT and GC run only during its own epochs. Only one side trains at
 * any moment, so each has the machine's two cores, as it would alone.
 *
 * <p>Protocol, one line each: a side prints {@code @ready TAG DATA_SUM} when its model is built, then for every
 * epoch waits for {@code go TAG} on stdin and prints {@code @epoch TAG E WALL_S CPU_S LOSS} when the epoch ends;
 * aelab's sides then print {@code @done TAG FINAL_LOSS PEAK_RSS_MB}; the reference ({@code bench/reference_vae.py
 * --lockstep TAG}) prints its JSON after its last epoch. The coordinator times nothing itself: it takes each side's
 * epoch times (wall, and CPU of the training thread or process) and computes samples/s as the bench always did, n /
 * median epoch wall time, first epoch excluded ({@link BenchCommand#medianAfterFirst}).
 */
final class Lockstep {
    private Lockstep() {
    }

    // ------------------------------------------------------------------------------------------------ side process

    /**
     * Runs as a side: trains each config in turn in the given precision, epoch by epoch when the coordinator says
     * {@code go TAG} on stdin (TAG = config/PRECISION).
     */
    static void side(List<Config> configs, ProductPrecision precision, Integer epochs, long seed, long dataSeed,
            String digitsCsv) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Path tmp = Files.createTempDirectory("aelab-bench-side");
        try {
            for (Config c : configs) {
                Data data = BenchCommand.data(c, dataSeed, digitsCsv, tmp);
                BenchCommand.resetPeakRss();
                train(c, data.x(), epochs != null ? epochs : c.defaultEpochs(), seed, precision, in, System.out);
            }
        } finally {
            BenchCommand.deleteFlatDirectory(tmp);
        }
    }

    private static void train(Config c, DMatrixRMaj x, int epochs, long seed, ProductPrecision precision,
            BufferedReader in, PrintStream out) {
        String tag = c.name() + "/" + precision;
        Vae vae = Vae.builder(x.numCols, c.latent()).hiddenSizes(c.hidden()).bernoulliDecoder()
                .productPrecision(precision).build(Rng.seeded(seed));
        TrainingListener lockstep = new TrainingListener() {
            long wall0;
            long cpu0;

            @Override
            public void onTrainingStart(TrainingConfig cfg, int samples, int batchesPerEpoch) {
                say(out, "@ready " + tag + " " + BenchCommand.sum(x));
                await();
            }

            @Override
            public void onEpochEnd(int epoch, TrainingHistory history) {
                long w = System.nanoTime();
                long cpu = BenchCommand.trainingCpuNanos();
                say(out, String.format(Locale.ROOT, "@epoch %s %d %s %s %s", tag, epoch,
                        Double.toString((w - wall0) * 1e-9), Double.toString((cpu - cpu0) * 1e-9),
                        Double.toString(history.loss(epoch))));
                if (epoch < epochs) {
                    await();
                }
            }

            /** Waits for this side's turn, then starts the clocks. */
            private void await() {
                String line;
                try {
                    line = in.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (!("go " + tag).equals(line)) {
                    throw new IllegalStateException("expected 'go " + tag + "' on stdin, got "
                            + (line == null ? "the end of input" : "'" + line + "'"));
                }
                wall0 = System.nanoTime();
                cpu0 = BenchCommand.trainingCpuNanos();
            }
        };
        TrainingHistory h = new Trainer(TrainingConfig.adam(epochs, c.batchSize(), 1e-3, seed)).addListener(lockstep)
                .fit(vae, x);
        say(out, "@done " + tag + " " + h.loss(epochs) + " " + BenchCommand.peakRssMb());
    }

    private static void say(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }

    // ------------------------------------------------------------------------------------------------ coordinator

    /** A running side process: its stdin and stdout, and the lines it printed that were not protocol lines asked for. */
    static final class Proc {
        final String name;
        final Process process;
        final BufferedReader out;
        final Writer in;
        final List<String> rest = new ArrayList<>();

        Proc(String name, List<String> command) throws IOException {
            this.name = name;
            List<String> shown = new ArrayList<>(command);
            int cp = shown.indexOf("-cp");
            if (cp >= 0 && cp + 1 < shown.size()) {
                shown.set(cp + 1, "...");
            }
            System.err.println("bench: " + name + ": " + String.join(" ", shown));
            this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        /** Reads lines up to the next one starting with {@code prefix}; other lines are kept in {@link #rest}. */
        String[] next(String prefix) throws IOException {
            for (String line; (line = out.readLine()) != null;) {
                if (line.startsWith(prefix + " ")) {
                    return line.split(" ");
                }
                rest.add(line);
            }
            throw new IllegalStateException(name + " ended (exit " + waitExit() + ") before printing '" + prefix
                    + " ...'");
        }

        /** Reads the rest of the output, to the end, into {@link #rest}. */
        void drain() throws IOException {
            for (String line; (line = out.readLine()) != null;) {
                rest.add(line);
            }
        }

        void go(String tag) throws IOException {
            in.write("go " + tag + "\n");
            in.flush();
        }

        /** Sends the signal; a process that has ended meanwhile is not an error. */
        void signal(String sig) throws IOException, InterruptedException {
            Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).redirectErrorStream(true)
                    .start();
            String said = new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (k.waitFor() != 0 && process.isAlive()) {
                throw new IllegalStateException("kill -" + sig + " " + process.pid() + " failed (" + name + ", "
                        + (process.isAlive() ? "running" : "ended with exit " + process.exitValue()) + "): " + said);
            }
        }

        int waitExit() {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    /** One side of a config: the process it runs in and its tag; the epochs it reported. */
    static final class Turn {
        final String key;
        final Proc proc;
        final String tag;
        final double[] wall;
        final double[] cpu;
        double finalLoss = Double.NaN;
        double peakRssMb = Double.NaN;

        Turn(String key, Proc proc, String tag, int epochs) {
            this.key = key;
            this.proc = proc;
            this.tag = tag;
            this.wall = new double[epochs];
            this.cpu = new double[epochs];
        }

        Side side(int n) {
            return new Side(n / BenchCommand.medianAfterFirst(wall), n / BenchCommand.medianAfterFirst(cpu),
                    finalLoss, peakRssMb, wall.clone());
        }
    }

    /**
     * The sides' order in epoch {@code e} (from 1): the list rotated left by e − 1, so each side is first once every
     * {@code turns.size()} epochs.
     */
    static <T> List<T> order(List<T> turns, int e) {
        List<T> o = new ArrayList<>(turns.size());
        for (int i = 0; i < turns.size(); i++) {
            o.add(turns.get((i + e - 1) % turns.size()));
        }
        return o;
    }

    /**
     * Runs the lockstep epochs of one config: waits for every side's {@code @ready}, stops that side as soon as it is
     * ready (and checks its data sum), then for each epoch lets each side in {@link #order} train one epoch, stopped
     * again after it.
     * Leaves every process running (continued) after the last epoch.
     */
    static void run(List<Turn> turns, int epochs, double dataSum, double scale) throws IOException,
            InterruptedException {
        List<Proc> procs = new ArrayList<>();
        for (Turn t : turns) {
            if (procs.contains(t.proc)) {
                throw new IllegalArgumentException("one training per side process: " + t.proc.name + " has two");
            }
            procs.add(t.proc);
        }
        boolean ok = false;
        try {
            for (Turn t : turns) {
                String[] ready = t.proc.next("@ready");
                // stopped at once: a side ready before the others would otherwise go on compiling (or warming up)
                // while it waits for them, and start its first timed epochs with that head start
                t.proc.signal("STOP");
                if (!ready[1].equals(t.tag)) {
                    throw new IllegalStateException(t.proc.name + " announced " + ready[1] + ", not " + t.tag);
                }
                // entries are multiples of 1/scale: the sums times scale are integers up to rounding (BenchCommand)
                double sideSum = Double.parseDouble(ready[2]);
                if (Math.rint(sideSum * scale) != Math.rint(dataSum * scale)) {
                    throw new IllegalStateException(t.proc.name + " (" + t.tag + ") trained on different data: sum"
                            + " of entries " + sideSum + ", the coordinator's " + dataSum);
                }
            }
            runEpochs(turns, procs, epochs);
            ok = true;
        } finally {
            if (!ok) {
                // a stopped side would wait forever for its caller, who is about to end it
                for (Proc p : procs) {
                    if (p.process.isAlive()) {
                        p.signal("CONT");
                    }
                }
            }
        }
    }

    private static void runEpochs(List<Turn> turns, List<Proc> procs, int epochs) throws IOException,
            InterruptedException {
        for (int e = 1; e <= epochs; e++) {
            for (Turn t : order(turns, e)) {
                t.proc.signal("CONT");
                t.proc.go(t.tag);
                String[] f = t.proc.next("@epoch");
                if (!f[1].equals(t.tag) || Integer.parseInt(f[2]) != e) {
                    throw new IllegalStateException(t.proc.name + ": expected epoch " + e + " of " + t.tag + ", got "
                            + String.join(" ", f));
                }
                t.wall[e - 1] = Double.parseDouble(f[3]);
                t.cpu[e - 1] = Double.parseDouble(f[4]);
                // also after its last epoch: its summary and its exit wait until every side has trained (a side
                // that has ended already is not an error)
                t.proc.signal("STOP");
            }
        }
        for (Proc p : procs) {
            if (p.process.isAlive()) {
                p.signal("CONT");
            }
        }
    }

    /** Reads an aelab side's {@code @done} line into its turn. */
    static void done(Turn t) throws IOException {
        String[] d = t.proc.next("@done");
        if (!d[1].equals(t.tag)) {
            throw new IllegalStateException(t.proc.name + ": expected '@done " + t.tag + "', got " + String.join(" ", d));
        }
        t.finalLoss = Double.parseDouble(d[2]);
        t.peakRssMb = Double.parseDouble(d[3]);
    }

    /**
     * The whole lockstep bench of one round: per config, fresh JVMs for aelab float64 and float32, the two PyTorch
     * runs and, with several configs, the long-lived JVMs' trainings (one JVM per precision through all configs, in
     * order).
     * Returns one row per config: the fresh JVMs' and PyTorch's figures with the long-lived JVMs' and the ratios
     * ({@link BenchCommand#withLongLivedAndRatios}).
     *
     * @param sideJava the command that starts a measured JVM up to its main class: the java executable, the kernel's
     *     JVM options and the class path
     * @param python the reference's command: the interpreter and the script
     */
    static List<Map<String, Object>> coordinate(List<Config> configs, Integer epochs, long seed, long dataSeed,
            String digitsCsv, List<String> sideJava, List<String> python, Path tmp) throws IOException,
            InterruptedException {
        List<Proc> all = new ArrayList<>();
        Proc lived = null;
        Proc livedF32 = null;
        if (configs.size() > 1) {
            List<String> names = new ArrayList<>();
            for (Config c : configs) {
                names.add(c.name());
            }
            // one long-lived JVM per precision: each trains every config in turn, one model after the other, as a
            // notebook does (one JVM hosting both would interleave two models' epochs, which no notebook does, and
            // C2 would compile the shared code from the two models' mixed profiles)
            lived = new Proc("long-lived JVM, float64", sideCommand(sideJava, String.join(",", names), "FLOAT64",
                    epochs, seed, dataSeed, digitsCsv));
            livedF32 = new Proc("long-lived JVM, float32", sideCommand(sideJava, String.join(",", names), "FLOAT32",
                    epochs, seed, dataSeed, digitsCsv));
            all.add(lived);
            all.add(livedF32);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            for (Config c : configs) {
                int e = epochs != null ? epochs : c.defaultEpochs();
                Data data = BenchCommand.data(c, dataSeed, digitsCsv, tmp);
                double sum = BenchCommand.sum(data.x());
                int n = data.x().numRows;
                Proc f64 = new Proc("aelab float64 (fresh JVM)", sideCommand(sideJava, c.name(), "FLOAT64", epochs,
                        seed, dataSeed, digitsCsv));
                Proc f32 = new Proc("aelab float32 (fresh JVM)", sideCommand(sideJava, c.name(), "FLOAT32", epochs,
                        seed, dataSeed, digitsCsv));
                List<String> ref = BenchCommand.referenceCommand(python, c, data, e, seed);
                List<String> t64Cmd = new ArrayList<>(ref);
                t64Cmd.addAll(List.of("--lockstep", c.name() + "/torch_f64_1thread"));
                List<String> tdefCmd = new ArrayList<>(ref);
                tdefCmd.addAll(List.of("--defaults", "--lockstep", c.name() + "/torch_defaults"));
                Proc t64 = new Proc("PyTorch float64, 1 thread", t64Cmd);
                Proc tdef = new Proc("PyTorch defaults", tdefCmd);
                all.addAll(List.of(f64, f32, t64, tdef));
                List<Turn> turns = new ArrayList<>();
                Turn a64 = new Turn("aelab", f64, c.name() + "/FLOAT64", e);
                Turn a32 = new Turn("aelab_float32", f32, c.name() + "/FLOAT32", e);
                turns.add(a64);
                turns.add(a32);
                Turn l64 = null;
                Turn l32 = null;
                if (lived != null) {
                    l64 = new Turn("long_lived", lived, c.name() + "/FLOAT64", e);
                    l32 = new Turn("long_lived_float32", livedF32, c.name() + "/FLOAT32", e);
                    turns.add(l64);
                    turns.add(l32);
                }
                Turn r64 = new Turn("torch_f64_1thread", t64, c.name() + "/torch_f64_1thread", e);
                Turn rdef = new Turn("torch_defaults", tdef, c.name() + "/torch_defaults", e);
                turns.add(r64);
                turns.add(rdef);
                run(turns, e, sum, data.scale());
                done(a64);
                done(a32);
                if (lived != null) {
                    done(l64);
                    done(l32);
                }
                for (Proc p : List.of(f64, f32)) {
                    if (p.waitExit() != 0) {
                        throw new IllegalStateException(p.name + " failed");
                    }
                }
                for (Turn r : List.of(r64, rdef)) {
                    r.proc.drain();
                    r.proc.waitExit();
                    String json = String.join("\n", r.proc.rest);
                    if (r.proc.process.exitValue() != 0) {
                        throw new IllegalStateException(r.proc.name + " failed (exit " + r.proc.process.exitValue()
                                + ")");
                    }
                    Map<String, Object> o = Json.parseObject(json);
                    BenchCommand.checkReference(o, sum, data.scale(), r.proc.name);
                    r.finalLoss = BenchCommand.number(o, "final_loss");
                    r.peakRssMb = BenchCommand.number(o, "peak_rss_mb");
                }
                Map<String, Object> row = BenchCommand.toMap(new Row(c, e, n, a64.side(n), a32.side(n), r64.side(n),
                        rdef.side(n)));
                row.put("seed", seed);
                row.put("data_seed", dataSeed);
                row.put("data_sum", sum);
                row.put("torch_f64_1thread_epoch_seconds", BenchCommand.list(r64.wall));
                row.put("torch_defaults_epoch_seconds", BenchCommand.list(rdef.wall));
                Map<String, Object> livedRow = lived == null ? null
                        : BenchCommand.toMap(new Row(c, e, n, l64.side(n), l32.side(n), null, null));
                BenchCommand.withLongLivedAndRatios(row, livedRow);
                List<Object> order = new ArrayList<>();
                for (Turn t : turns) {
                    order.add(t.key);
                }
                row.put("lockstep_sides", order);
                rows.add(row);
            }
            for (Proc p : lived == null ? List.<Proc>of() : List.of(lived, livedF32)) {
                if (p.waitExit() != 0) {
                    throw new IllegalStateException(p.name + " failed (exit " + p.process.exitValue() + ")");
                }
            }
        } finally {
            // on failure, no side may be left behind (a stopped one would wait forever); SIGKILL ends stopped ones too
            for (Proc p : all) {
                if (p.process.isAlive()) {
                    p.process.destroyForcibly();
                }
            }
        }
        return rows;
    }

    private static List<String> sideCommand(List<String> sideJava, String configs, String precision,
            Integer epochs, long seed, long dataSeed, String digitsCsv) {
        List<String> cmd = new ArrayList<>(sideJava);
        cmd.addAll(List.of("aelab.bench.BenchCommand", "--side", "--config", configs, "--precision", precision,
                "--seed", Long.toString(seed), "--data-seed", Long.toString(dataSeed)));
        if (epochs != null) {
            cmd.addAll(List.of("--epochs", epochs.toString()));
        }
        if (digitsCsv != null) {
            cmd.addAll(List.of("--digits-csv", digitsCsv));
        }
        return cmd;
    }
}
