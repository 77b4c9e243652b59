package aelab.bench;

import aelab.core.Rng;
import aelab.model.Vae;
import aelab.train.Trainer;
import aelab.train.TrainingConfig;
import aelab.train.TrainingHistory;
import aelab.train.TrainingListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code ./aelab bench}: trains the course's VAE in aelab and in PyTorch ({@code bench/reference_vae.py}) on the same
 * data and prints them side by side.
 *
 * <p>Model (both sides, the canonical PyTorch VAE example): encoder Linear(D,H) → ReLU → heads Linear(H,Z) for μ and
 * log σ²; decoder Linear(Z,H) → ReLU → Linear(H,D) → sigmoid; loss BCE + closed-form KL; Adam, lr 1e-3; float64;
 * one thread. Configs: {@code digits} (UCI 8×8 digits 1797×64, 64-128-2, batch 64) and {@code mnist-synthetic}
 * (60000×784 Bernoulli(0.13) pixels, 784-400-20, batch 128); see {@link BenchData} for how the data are shared.
 *
 * <p>Measures per side: samples/s = n / median epoch wall time, first epoch excluded; the same from CPU time (aelab:
 * the training thread; PyTorch: the process, {@code time.process_time}) — robust when other processes share the
 * machine; final loss = mean per sample of BCE + KL over the last epoch;
 * peak memory = peak resident set size of the process (Linux VmHWM of /proc/self/status for the JVM, reset per config
 * through /proc/self/clear_refs; ru_maxrss for Python — the same kernel counter).
 *
 * <p>Usage: {@code BenchCommand [--config digits|mnist-synthetic|all] [--epochs N] [--json FILE] [--seed S]
 * [--digits-csv PATH] [--reference SCRIPT] [--python EXE] [--no-reference]}. Table on stdout, progress on stderr.
 */
public final class BenchCommand {
    private BenchCommand() {
    }

    /** One benchmark configuration. */
    record Config(String name, int hidden, int latent, int batchSize, int defaultEpochs) {
    }

    static final Config DIGITS = new Config("digits", 128, 2, 64, 20);
    static final Config MNIST_SYNTHETIC = new Config("mnist-synthetic", 400, 20, 128, 3);
    static final int MNIST_N = 60000;
    static final int MNIST_D = 784;
    static final double MNIST_P = 0.13;

    /** Figures of one side of one config. */
    record Side(double samplesPerSecond, double samplesPerCpuSecond, double finalLoss, double peakRssMb,
            double[] epochSeconds) {
    }

    /** One row of the report. */
    record Row(Config config, int epochs, int n, Side aelab, Side reference) {
    }

    public static void main(String[] args) throws Exception {
        String configArg = "all";
        Integer epochs = null;
        String json = null;
        long seed = 1;
        String digitsCsv = null;
        String script = "bench/reference_vae.py";
        String python = "/usr/bin/python3";
        boolean reference = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> configArg = value(args, ++i, "--config");
                case "--epochs" -> epochs = Integer.parseInt(value(args, ++i, "--epochs"));
                case "--json" -> json = value(args, ++i, "--json");
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                case "--digits-csv" -> digitsCsv = value(args, ++i, "--digits-csv");
                case "--reference" -> script = value(args, ++i, "--reference");
                case "--python" -> python = value(args, ++i, "--python");
                case "--no-reference" -> reference = false;
                case "-h", "--help" -> {
                    System.out.println("usage: aelab bench [--config digits|mnist-synthetic|all] [--epochs N]"
                            + " [--json FILE] [--seed S] [--digits-csv PATH] [--reference SCRIPT] [--python EXE]"
                            + " [--no-reference]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "' (try --help)");
            }
        }
        List<Config> configs = switch (configArg) {
            case "digits" -> List.of(DIGITS);
            case "mnist-synthetic" -> List.of(MNIST_SYNTHETIC);
            case "all" -> List.of(DIGITS, MNIST_SYNTHETIC);
            default -> throw new IllegalArgumentException(
                    "--config must be digits, mnist-synthetic or all, got '" + configArg + "'");
        };
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        List<Row> rows = new ArrayList<>();
        Path tmp = Files.createTempDirectory("aelab-bench");
        try {
            for (Config c : configs) {
                int e = epochs != null ? epochs : c.defaultEpochs;
                rows.add(run(c, e, seed, digitsCsv, tmp, reference ? List.of(python, script) : null));
            }
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
        printTable(rows, System.out);
        if (json != null) {
            Files.writeString(Path.of(json), toJson(rows), StandardCharsets.UTF_8);
            System.err.println("bench: wrote " + json);
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    static Row run(Config c, int epochs, long seed, String digitsCsv, Path tmp, List<String> referenceCommand)
            throws IOException, InterruptedException {
        List<String> dataArgs;
        DMatrixRMaj x;
        if (c == DIGITS) {
            Path csv = Path.of(digitsCsv != null ? digitsCsv : defaultDigitsCsv());
            x = BenchData.readDigitsCsv(csv);
            dataArgs = List.of("--digits-csv", csv.toString());
        } else {
            System.err.printf(Locale.ROOT, "bench: generating %s (%dx%d Bernoulli(%.2f), seed %d)%n", c.name,
                    MNIST_N, MNIST_D, MNIST_P, seed);
            byte[] bytes = BenchData.bernoulliBytes(MNIST_N, MNIST_D, MNIST_P, seed);
            Path bin = tmp.resolve(c.name + ".u8");
            BenchData.writeBytes(bin, bytes, MNIST_N, MNIST_D, 1.0);
            x = BenchData.fromBytes(bytes, MNIST_N, MNIST_D, 1.0);
            dataArgs = List.of("--data-bin", bin.toString());
        }
        Side ours = trainAelab(c, x, epochs, seed);
        Side ref = null;
        if (referenceCommand != null) {
            List<String> cmd = new ArrayList<>(referenceCommand);
            cmd.addAll(dataArgs);
            cmd.addAll(List.of("--config", c.name, "--hidden", "" + c.hidden, "--latent", "" + c.latent,
                    "--batch-size", "" + c.batchSize, "--epochs", "" + epochs, "--seeds", "" + seed));
            ref = runReference(cmd, sum(x));
        }
        return new Row(c, epochs, x.numRows, ours, ref);
    }

    private static String defaultDigitsCsv() {
        for (String p : new String[] {"src/main/resources/aelab/data/digits.csv.gz",
            "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"}) {
            if (Files.isRegularFile(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalArgumentException("--digits-csv is needed: no digits.csv.gz in src/main/resources/aelab/data"
                + " or in Debian's python3-sklearn");
    }

    /** Trains the aelab VAE and times every epoch (wall and process CPU). */
    static Side trainAelab(Config c, DMatrixRMaj x, int epochs, long seed) {
        resetPeakRss();
        Vae vae = Vae.builder(x.numCols, c.latent).hiddenSizes(c.hidden).bernoulliDecoder().build(Rng.seeded(seed));
        TrainingConfig config = TrainingConfig.adam(seed, epochs, c.batchSize, 1e-3);
        double[] wall = new double[epochs];
        double[] cpu = new double[epochs];
        TrainingListener timer = new TrainingListener() {
            long wall0;
            long cpu0;

            @Override
            public void onTrainingStart(TrainingConfig cfg, int samples, int batchesPerEpoch) {
                wall0 = System.nanoTime();
                cpu0 = trainingCpuNanos();
            }

            @Override
            public void onEpochEnd(int epoch, TrainingHistory history) {
                long w = System.nanoTime();
                long p = trainingCpuNanos();
                wall[epoch - 1] = (w - wall0) * 1e-9;
                cpu[epoch - 1] = (p - cpu0) * 1e-9;
                System.err.printf(Locale.ROOT, "aelab %s epoch %d/%d: loss %.4f, %.1f ms (cpu %.1f ms)%n", c.name,
                        epoch, epochs, history.loss(epoch), wall[epoch - 1] * 1e3, cpu[epoch - 1] * 1e3);
                wall0 = System.nanoTime();
                cpu0 = trainingCpuNanos();
            }
        };
        TrainingHistory h = new Trainer(config).addListener(timer).fit(vae, x);
        return new Side(x.numRows / medianAfterFirst(wall), x.numRows / medianAfterFirst(cpu), h.loss(epochs),
                peakRssMb(), wall);
    }

    /**
     * CPU time of the training thread (clock_gettime thread clock, ns resolution; the JVM's process CPU counter
     * ticks in 10 ms). Excludes the JIT compiler and GC threads, whose work after the first epochs is small.
     */
    static long trainingCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Median of the values, the first excluded when there is more than one. */
    static double medianAfterFirst(double[] v) {
        double[] t = v.length > 1 ? Arrays.copyOfRange(v, 1, v.length) : v.clone();
        Arrays.sort(t);
        int m = t.length / 2;
        return t.length % 2 == 1 ? t[m] : 0.5 * (t[m - 1] + t[m]);
    }

    /** Resets the kernel's peak-RSS counter (VmHWM) of this process; best effort. */
    static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux or not permitted: the peak then covers the whole process lifetime
        }
    }

    /** VmHWM of /proc/self/status in MB, NaN when unavailable. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Runs the reference script; its progress goes to our stderr, its JSON (stdout) is parsed. */
    static Side runReference(List<String> cmd, double dataSum) throws IOException, InterruptedException {
        System.err.println("bench: " + String.join(" ", cmd));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("the reference script failed (exit " + rc + "): " + String.join(" ", cmd));
        }
        double refSum = topLevel(out, "data_sum");
        if (refSum != dataSum) {
            throw new IllegalStateException("the reference trained on different data: sum of entries " + refSum
                    + ", aelab " + dataSum);
        }
        return new Side(topLevel(out, "samples_per_s"), topLevel(out, "samples_per_cpu_s"),
                topLevel(out, "final_loss"), topLevel(out, "peak_rss_mb"), null);
    }

    /** Sum of all entries (exact here: 0/1 pixels, or multiples of 1/16 with a total far below 2^49). */
    static double sum(DMatrixRMaj x) {
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += x.data[i];
        }
        return s;
    }

    /** A top-level number of the script's JSON (indent 1: top-level keys are indented by exactly one space). */
    static double topLevel(String json, String key) {
        Matcher m = Pattern.compile("(?m)^ \"" + Pattern.quote(key) + "\": ([-+0-9.eE]+|NaN|Infinity)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("the reference output has no top-level \"" + key + "\"");
        }
        return Double.parseDouble(m.group(1));
    }

    static void printTable(List<Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%-16s %6s %14s %14s %7s %11s %11s %10s %10s %7s%n", "config", "epochs",
                "aelab samp/s", "torch samp/s", "ratio", "aelab loss", "torch loss", "aelab MB", "torch MB",
                "cpu-rat");
        for (Row r : rows) {
            Side a = r.aelab;
            Side t = r.reference;
            out.printf(Locale.ROOT, "%-16s %6d %14.0f %14s %7s %11.4f %11s %10.0f %10s %7s%n", r.config.name,
                    r.epochs, a.samplesPerSecond, t == null ? "-" : String.format(Locale.ROOT, "%.0f",
                            t.samplesPerSecond),
                    t == null ? "-" : String.format(Locale.ROOT, "%.2f", a.samplesPerSecond / t.samplesPerSecond),
                    a.finalLoss, t == null ? "-" : String.format(Locale.ROOT, "%.4f", t.finalLoss), a.peakRssMb,
                    t == null ? "-" : String.format(Locale.ROOT, "%.0f", t.peakRssMb),
                    t == null ? "-" : String.format(Locale.ROOT, "%.2f",
                            a.samplesPerCpuSecond / t.samplesPerCpuSecond));
        }
        out.println("samples/s: n / median epoch wall time (first epoch excluded); cpu-rat: the same ratio from CPU"
                + " time (aelab training thread, PyTorch process); MB: peak RSS (VmHWM / ru_maxrss)");
    }

    static String toJson(List<Row> rows) {
        StringBuilder sb = new StringBuilder("{\"results\": [");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("  {\"config\": \"").append(r.config.name).append('"');
            field(sb, "epochs", r.epochs);
            field(sb, "samples", r.n);
            field(sb, "hidden", r.config.hidden);
            field(sb, "latent", r.config.latent);
            field(sb, "batch_size", r.config.batchSize);
            field(sb, "aelab_samples_per_s", r.aelab.samplesPerSecond);
            field(sb, "aelab_samples_per_cpu_s", r.aelab.samplesPerCpuSecond);
            field(sb, "aelab_final_loss", r.aelab.finalLoss);
            field(sb, "aelab_peak_rss_mb", r.aelab.peakRssMb);
            if (r.reference != null) {
                field(sb, "reference_samples_per_s", r.reference.samplesPerSecond);
                field(sb, "reference_samples_per_cpu_s", r.reference.samplesPerCpuSecond);
                field(sb, "reference_final_loss", r.reference.finalLoss);
                field(sb, "reference_peak_rss_mb", r.reference.peakRssMb);
                field(sb, "ratio", r.aelab.samplesPerSecond / r.reference.samplesPerSecond);
                field(sb, "cpu_ratio", r.aelab.samplesPerCpuSecond / r.reference.samplesPerCpuSecond);
            }
            sb.append(", \"aelab_epoch_seconds\": ").append(Arrays.toString(r.aelab.epochSeconds)).append('}');
        }
        return sb.append("\n]}\n").toString();
    }

    private static void field(StringBuilder sb, String name, double v) {
        sb.append(", \"").append(name).append("\": ");
        if (Double.isFinite(v)) {
            sb.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
        } else {
            sb.append("null");
        }
    }
}
