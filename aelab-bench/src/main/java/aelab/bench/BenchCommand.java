package aelab.bench;

import aelab.core.Rng;
import aelab.data.ByteImages;
import aelab.data.Mnist;
import aelab.json.Json;
import aelab.linalg.ProductPrecision;
import aelab.linalg.Threads;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code ./aelab bench}: trains the course's VAE in aelab and in PyTorch ({@code bench/reference_vae.py}) on the same
 * data and prints them side by side.
 *
 * <p>Model (both sides, the canonical PyTorch VAE example): encoder Linear(D,H) → ReLU → heads Linear(H,Z) for μ and
 * log σ²; decoder Linear(Z,H) → ReLU → Linear(H,D) → sigmoid; loss of a sample BCE (summed over pixels) +
 * closed-form KL; Adam, lr 1e-3; float64. Both sides differentiate the same objective, the mean of the per-sample
 * loss over each batch's rows (aelab's {@link Trainer} with {@link Vae}; the reference with {@code --reduction mean},
 * which the bench passes and checks in its output; the PyTorch example differentiates the batch sum, which weights
 * the smaller last batch of an epoch differently). Configs: {@code digits} (UCI 8×8 digits 1797×64, 64-128-2, batch
 * 64), {@code mnist-synthetic} (60000×784 Bernoulli(0.13) pixels, 784-400-20, batch 128) and {@code mnist} (the first
 * 8000 real MNIST training digits, 784-400-20, batch 128); see {@link BenchData} for how the data are shared.
 *
 * <p>Measures per side: samples/s = n / median epoch wall time, first epoch excluded; the same from CPU time (aelab:
 * the training thread; PyTorch: the process, {@code time.process_time}) — robust when other processes share the
 * machine; final loss = mean per sample of BCE + KL over the last epoch;
 * peak memory = peak resident set size of the process (Linux VmHWM of /proc/self/status for the JVM, reset per config
 * through /proc/self/clear_refs; ru_maxrss for Python — the same kernel counter).
 *
 * <p>Usage: {@code BenchCommand [--config digits|mnist-synthetic|mnist|all] [--epochs N] [--json FILE] [--seed S]
 * [--data-seed S] [--data-dir DIR] [--digits-csv PATH] [--reference SCRIPT] [--python EXE] [--no-reference]}, or
 * {@code BenchCommand --lockstep --side-jvm-options FILE [--config ...] [--epochs N] [--json FILE] ...} (one round of
 * {@code ./aelab bench}: every side in its own process, epoch by epoch in turn, {@link Lockstep}; FILE holds the
 * measured JVMs' options, one per line), or {@code BenchCommand --side --config C[,C...] --precision P}
 * (one side of the lockstep, driven through stdin), or
 * {@code BenchCommand --combine ROUND.json... [--spread FILE] [--json FILE]} (several rounds, one row per
 * config with the median over the rounds of each figure and of each round's ratio: {@link #combineRounds}).
 * {@code --seed} seeds
 * the initialisation and the training (both sides); {@code --data-seed} (default: the {@code --seed}) the synthetic
 * data, so that {@code bench/seed_spread.py} can train several seeds on the same data; {@code --data-dir} keeps the
 * data file given to the reference there (its arguments go to the JSON as {@code reference_data_args});
 * {@code --spread} adds the comparisons of the final loss with the recorded seed spreads, one per pair of sides
 * (aelab float64 vs PyTorch float64; a float32 aelab variant vs PyTorch's defaults), each with its K and bound
 * ({@link SeedSpread}). Table on
 * stdout, progress on stderr.
 */
public final class BenchCommand {
    private BenchCommand() {
    }

    /** One benchmark configuration. */
    record Config(String name, int hidden, int latent, int batchSize, int defaultEpochs) {
    }

    static final Config DIGITS = new Config("digits", 128, 2, 64, 20);
    static final Config MNIST_SYNTHETIC = new Config("mnist-synthetic", 400, 20, 128, 3);
    static final Config MNIST = new Config("mnist", 400, 20, 128, 10);
    static final int MNIST_N = 60000;
    static final int MNIST_D = 784;
    static final double MNIST_P = 0.13;
    /** The reference's objective per batch: the mean over the rows, as aelab's Trainer differentiates. */
    static final String REFERENCE_REDUCTION = "mean";

    /** Figures of one side of one config. */
    record Side(double samplesPerSecond, double samplesPerCpuSecond, double finalLoss, double peakRssMb,
            double[] epochSeconds) {
    }

    /** One row of the report. */
    record Row(Config config, int epochs, int n, Side aelab, Side aelabFloat32, Side reference, Side referenceDefaults) {
    }

    /** What a run trained on: seeds, the sum of the data's entries and (with --data-dir) the reference's data arguments. */
    record Provenance(long seed, long dataSeed, double dataSum, List<String> referenceDataArgs) {
    }

    public static void main(String[] args) throws Exception {
        String configArg = "all";
        Integer epochs = null;
        String json = null;
        long seed = 1;
        Long dataSeed = null;
        Path dataDir = null;
        Path spread = null;
        String digitsCsv = null;
        String script = "bench/reference_vae.py";
        String python = "/usr/bin/python3";
        boolean reference = true;
        List<Path> rounds = new ArrayList<>();
        boolean side = false;
        boolean lockstep = false;
        ProductPrecision precision = ProductPrecision.FLOAT64;
        Path sideJvmOptions = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> configArg = value(args, ++i, "--config");
                case "--epochs" -> epochs = Integer.parseInt(value(args, ++i, "--epochs"));
                case "--json" -> json = value(args, ++i, "--json");
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                case "--data-seed" -> dataSeed = Long.parseLong(value(args, ++i, "--data-seed"));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                case "--spread" -> spread = Path.of(value(args, ++i, "--spread"));
                case "--digits-csv" -> digitsCsv = value(args, ++i, "--digits-csv");
                case "--reference" -> script = value(args, ++i, "--reference");
                case "--python" -> python = value(args, ++i, "--python");
                case "--no-reference" -> reference = false;
                case "--combine" -> {
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        rounds.add(Path.of(args[++i]));
                    }
                }
                case "--side" -> side = true;
                case "--lockstep" -> lockstep = true;
                case "--precision" -> precision = precision(value(args, ++i, "--precision"));
                case "--side-jvm-options" -> sideJvmOptions = Path.of(value(args, ++i, "--side-jvm-options"));
                case "-h", "--help" -> {
                    System.out.println("usage: aelab bench [--config digits|mnist-synthetic|mnist|all] [--epochs N]"
                            + " [--json FILE] [--seed S] [--data-seed S] [--data-dir DIR] [--digits-csv PATH]"
                            + " [--reference SCRIPT] [--python EXE] [--no-reference]"
                            + " | --lockstep --side-jvm-options FILE [same options]"
                            + " | --side --config C[,C...] --precision FLOAT64|FLOAT32 [--epochs N] [--seed S] [--data-seed S]"
                            + " | --combine ROUND.json... [--spread FILE] [--json FILE]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "' (try --help)");
            }
        }
        List<Config> configs = new ArrayList<>();
        for (String name : configArg.split(",")) {
            switch (name) {
                case "digits" -> configs.add(DIGITS);
                case "mnist-synthetic" -> configs.add(MNIST_SYNTHETIC);
                case "mnist" -> configs.add(MNIST);
                case "all" -> configs.addAll(List.of(DIGITS, MNIST_SYNTHETIC, MNIST));
                default -> throw new IllegalArgumentException("--config must be digits, mnist-synthetic, mnist or all"
                        + " (or a comma-separated list), got '" + configArg + "'");
            }
        }
        if (!rounds.isEmpty()) {
            List<Map<String, Object>> rows = combineRounds(rounds);
            SeedSpread.File spreads = null;
            if (spread != null) {
                spreads = SeedSpread.read(spread);
                SeedSpread.addTo(rows, spreads);
            }
            printTable(rows, System.out);
            printRounds(rows, System.out);
            if (spreads != null) {
                SeedSpread.printTable(rows, spreads, System.out);
            }
            writeJson(rows, json);
            return;
        }
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        long dataSeedValue = dataSeed != null ? dataSeed : seed;
        if (side) {
            Lockstep.side(configs, precision, epochs, seed, dataSeedValue, digitsCsv);
            return;
        }
        if (lockstep) {
            List<String> sideJava = new ArrayList<>();
            sideJava.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (sideJvmOptions != null) {
                for (String line : Files.readAllLines(sideJvmOptions, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        sideJava.add(line.strip());
                    }
                }
            }
            sideJava.addAll(List.of("-cp", System.getProperty("java.class.path")));
            Path dir = Files.createTempDirectory("aelab-bench");
            List<Map<String, Object>> rows;
            try {
                rows = Lockstep.coordinate(configs, epochs, seed, dataSeedValue, digitsCsv, sideJava,
                        List.of(python, script), dir);
            } finally {
                deleteFlatDirectory(dir);
            }
            printTable(rows, System.out);
            writeJson(rows, json);
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        Path tmp = Files.createTempDirectory("aelab-bench");
        if (dataDir != null) {
            Files.createDirectories(dataDir);
        }
        try {
            for (Config c : configs) {
                int e = epochs != null ? epochs : c.defaultEpochs;
                List<Provenance> provenance = new ArrayList<>(1);
                Row row = run(c, e, seed, dataSeedValue, digitsCsv, dataDir != null ? dataDir : tmp,
                        reference ? List.of(python, script) : null, provenance);
                Map<String, Object> m = toMap(row);
                Provenance p = provenance.get(0);
                m.put("seed", p.seed);
                m.put("data_seed", p.dataSeed);
                m.put("data_sum", p.dataSum);
                if (dataDir != null) {
                    m.put("reference_data_args", new ArrayList<Object>(p.referenceDataArgs));
                }
                rows.add(m);
            }
        } finally {
            deleteFlatDirectory(tmp);
        }
        printTable(rows, System.out);
        writeJson(rows, json);
    }

    /** Writes the rows as {"results": [...]} to {@code json} when it is not null. */
    private static void writeJson(List<Map<String, Object>> rows, String json) throws IOException {
        if (json != null) {
            Files.writeString(Path.of(json), Json.write(Map.of("results", rows)), StandardCharsets.UTF_8);
            System.err.println("bench: wrote " + json);
        }
    }

    private static ProductPrecision precision(String name) {
        for (ProductPrecision p : ProductPrecision.values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("--precision must be one of "
                + Arrays.toString(ProductPrecision.values()) + ", got '" + name + "'");
    }

    /** Deletes a directory of files (the bench's temporary data files; no subdirectories). */
    static void deleteFlatDirectory(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /** A config's data: the matrix aelab trains on, the reference's arguments for the same bits, their scale. */
    record Data(DMatrixRMaj x, List<String> referenceArgs, double scale) {
    }

    /**
     * Loads (digits, mnist) or generates (mnist-synthetic) a config's data; for mnist and mnist-synthetic also writes
     * them to {@code tmp} for the reference ({@link BenchData#writeBytes}).
     */
    static Data data(Config c, long dataSeed, String digitsCsv, Path tmp) throws IOException {
        if (c == DIGITS) {
            Path csv = Path.of(digitsCsv != null ? digitsCsv : defaultDigitsCsv());
            return new Data(BenchData.readDigitsCsv(csv), List.of("--digits-csv", csv.toAbsolutePath().toString()),
                    16.0);
        }
        if (c == MNIST) {
            ByteImages all = Mnist.loadBytes();
            int n = Mnist.TRAIN_SIZE;
            int d = all.dimension();
            byte[] bytes = new byte[n * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    bytes[i * d + j] = (byte) all.pixel(i, j);
                }
            }
            Path bin = tmp.resolve(c.name + ".u8").toAbsolutePath();
            BenchData.writeBytes(bin, bytes, n, d, 255.0);
            return new Data(BenchData.fromBytes(bytes, n, d, 255.0), List.of("--data-bin", bin.toString()), 255.0);
        }
        System.err.printf(Locale.ROOT, "bench: generating %s (%dx%d Bernoulli(%.2f), seed %d)%n", c.name,
                MNIST_N, MNIST_D, MNIST_P, dataSeed);
        byte[] bytes = BenchData.bernoulliBytes(MNIST_N, MNIST_D, MNIST_P, dataSeed);
        Path bin = tmp.resolve(c.name + ".u8").toAbsolutePath();
        BenchData.writeBytes(bin, bytes, MNIST_N, MNIST_D, 1.0);
        return new Data(BenchData.fromBytes(bytes, MNIST_N, MNIST_D, 1.0), List.of("--data-bin", bin.toString()),
                1.0);
    }

    /** The reference's command line for a config (float64 on one thread; append --defaults for PyTorch's). */
    static List<String> referenceCommand(List<String> python, Config c, Data data, int epochs, long seed) {
        List<String> cmd = new ArrayList<>(python);
        cmd.addAll(data.referenceArgs());
        cmd.addAll(List.of("--config", c.name, "--hidden", "" + c.hidden, "--latent", "" + c.latent,
                "--batch-size", "" + c.batchSize, "--epochs", "" + epochs, "--seeds", "" + seed,
                "--reduction", REFERENCE_REDUCTION));
        return cmd;
    }

    static Row run(Config c, int epochs, long seed, long dataSeed, String digitsCsv, Path tmp,
            List<String> referenceCommand, List<Provenance> provenance) throws IOException, InterruptedException {
        Data data = data(c, dataSeed, digitsCsv, tmp);
        DMatrixRMaj x = data.x();
        List<String> dataArgs = data.referenceArgs();
        provenance.add(new Provenance(seed, dataSeed, sum(x), dataArgs));
        Side ours = trainAelab(c, x, epochs, seed, ProductPrecision.FLOAT64);
        Side oursFloat32 = trainAelab(c, x, epochs, seed, ProductPrecision.FLOAT32);
        Side ref = null;
        Side refDefaults = null;
        if (referenceCommand != null) {
            List<String> cmd = referenceCommand(referenceCommand, c, data, epochs, seed);
            ref = runReference(cmd, sum(x), data.scale());
            cmd.add("--defaults");
            refDefaults = runReference(cmd, sum(x), data.scale());
        }
        return new Row(c, epochs, x.numRows, ours, oursFloat32, ref, refDefaults);
    }

    private static String defaultDigitsCsv() {
        for (String p : new String[] {"aelab-core/src/main/resources/aelab/data/digits.csv.gz", "src/main/resources/aelab/data/digits.csv.gz",
            "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"}) {
            if (Files.isRegularFile(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalArgumentException("--digits-csv is needed: no digits.csv.gz in src/main/resources/aelab/data"
                + " or in Debian's python3-sklearn");
    }

    /** Trains the aelab VAE and times every epoch (wall and process CPU). */
    static Side trainAelab(Config c, DMatrixRMaj x, int epochs, long seed, ProductPrecision precision) {
        resetPeakRss();
        Vae vae = Vae.builder(x.numCols, c.latent).hiddenSizes(c.hidden).bernoulliDecoder()
                .productPrecision(precision).build(Rng.seeded(seed));
        TrainingConfig config = TrainingConfig.adam(epochs, c.batchSize, 1e-3, seed);
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
        return median(v.length > 1 ? Arrays.copyOfRange(v, 1, v.length) : v);
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
    static Side runReference(List<String> cmd, double dataSum, double scale) throws IOException, InterruptedException {
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
        Map<String, Object> o = Json.parseObject(out);
        checkReference(o, dataSum, scale, String.join(" ", cmd));
        return new Side(number(o, "samples_per_s"), number(o, "samples_per_cpu_s"), number(o, "final_loss"),
                number(o, "peak_rss_mb"), null);
    }

    /**
     * Checks the reference's JSON: it trained on the same data (its sum of entries) and differentiated the batch mean.
     *
     * @throws IllegalStateException naming {@code what} otherwise
     */
    static void checkReference(Map<String, Object> o, double dataSum, double scale, String what) {
        double refSum = number(o, "data_sum");
        // Entries are multiples of 1/scale: the sums times scale are integers up to rounding in either summation
        // order (below 0.2 for 8000x784 pixels / 255), so one changed pixel changes the rounded value.
        if (Math.rint(refSum * scale) != Math.rint(dataSum * scale)) {
            throw new IllegalStateException("the reference trained on different data: sum of entries " + refSum
                    + ", aelab " + dataSum);
        }
        if (!REFERENCE_REDUCTION.equals(o.get("reduction"))) {
            throw new IllegalStateException("the reference differentiated the batch " + o.get("reduction")
                    + ", not the " + REFERENCE_REDUCTION + " (aelab's objective): " + what);
        }
    }

    /** Sum of all entries (exact here: 0/1 pixels, or multiples of 1/16 with a total far below 2^49). */
    static double sum(DMatrixRMaj x) {
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += x.data[i];
        }
        return s;
    }

    /** A number member of a parsed JSON object. */
    static double number(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalStateException("the JSON has no number \"" + key + "\", got " + v);
        }
        return ((Number) v).doubleValue();
    }

    /** One row of the report as a JSON object (NaN figures are left out). */
    static Map<String, Object> toMap(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", r.config.name);
        m.put("epochs", r.epochs);
        m.put("samples", r.n);
        m.put("hidden", r.config.hidden);
        m.put("latent", r.config.latent);
        m.put("batch_size", r.config.batchSize);
        m.put("jvm_threads", Threads.count());
        put(m, "aelab_samples_per_s", r.aelab.samplesPerSecond);
        put(m, "aelab_samples_per_cpu_s", r.aelab.samplesPerCpuSecond);
        put(m, "aelab_final_loss", r.aelab.finalLoss);
        put(m, "aelab_peak_rss_mb", r.aelab.peakRssMb);
        m.put("aelab_epoch_seconds", list(r.aelab.epochSeconds));
        if (r.aelabFloat32 != null) {
            side(m, "aelab_float32", r.aelabFloat32);
            m.put("aelab_float32_epoch_seconds", list(r.aelabFloat32.epochSeconds));
        }
        side(m, "torch_f64_1thread", r.reference);
        side(m, "torch_defaults", r.referenceDefaults);
        return m;
    }

    /** The values as a JSON array. */
    static List<Object> list(double[] v) {
        List<Object> l = new ArrayList<>(v.length);
        for (double d : v) {
            l.add(d);
        }
        return l;
    }

    private static void side(Map<String, Object> m, String prefix, Side s) {
        if (s == null) {
            return;
        }
        put(m, prefix + "_samples_per_s", s.samplesPerSecond);
        put(m, prefix + "_samples_per_cpu_s", s.samplesPerCpuSecond);
        put(m, prefix + "_final_loss", s.finalLoss);
        put(m, prefix + "_peak_rss_mb", s.peakRssMb);
    }

    private static void put(Map<String, Object> m, String key, double v) {
        if (Double.isFinite(v)) {
            m.put(key, v);
        }
    }

    /**
     * Adds to a fresh-JVM row the long-lived JVM's figures of the same config ({@code long_lived_*}, none when
     * {@code l} is null) and the ratios; returns the row.
     */
    static Map<String, Object> withLongLivedAndRatios(Map<String, Object> r, Map<String, Object> l) {
        if (l != null) {
            r.put("long_lived_samples_per_s", l.get("aelab_samples_per_s"));
            r.put("long_lived_samples_per_cpu_s", l.get("aelab_samples_per_cpu_s"));
            r.put("long_lived_final_loss", l.get("aelab_final_loss"));
            r.put("long_lived_epoch_seconds", l.get("aelab_epoch_seconds"));
            r.put("long_lived_over_fresh", number(l, "aelab_samples_per_s") / number(r, "aelab_samples_per_s"));
            if (l.get("aelab_float32_samples_per_s") instanceof Number
                    && r.get("aelab_float32_samples_per_s") instanceof Number) {
                r.put("long_lived_float32_samples_per_s", l.get("aelab_float32_samples_per_s"));
                r.put("long_lived_float32_final_loss", l.get("aelab_float32_final_loss"));
                r.put("long_lived_float32_epoch_seconds", l.get("aelab_float32_epoch_seconds"));
                r.put("long_lived_float32_over_fresh", number(l, "aelab_float32_samples_per_s")
                        / number(r, "aelab_float32_samples_per_s"));
            }
        }
        for (String ref : new String[] {"torch_f64_1thread", "torch_defaults"}) {
            if (r.get(ref + "_samples_per_s") instanceof Number) {
                r.put("ratio_vs_" + ref, number(r, "aelab_samples_per_s") / number(r, ref + "_samples_per_s"));
                if (r.get("aelab_float32_samples_per_s") instanceof Number) {
                    r.put("float32_ratio_vs_" + ref, number(r, "aelab_float32_samples_per_s")
                            / number(r, ref + "_samples_per_s"));
                }
            }
        }
        return r;
    }

    /** The losses of aelab's sides: the same seed trains the same bits, so every round must report the same ones. */
    static final List<String> AELAB_LOSS_KEYS = List.of("aelab_final_loss", "aelab_float32_final_loss",
            "long_lived_final_loss", "long_lived_float32_final_loss");
    /** What must be equal across rounds for their rows to be the same measurement. */
    private static final List<String> SAME_RUN_KEYS = List.of("epochs", "samples", "hidden", "latent", "batch_size",
            "seed", "data_seed", "data_sum");

    /** Whether a member is a speed figure of one round (the combined row holds the median over the rounds). */
    static boolean isSpeedKey(String k) {
        return k.endsWith("_samples_per_s") || k.endsWith("_samples_per_cpu_s") || k.startsWith("ratio_vs_")
                || k.startsWith("float32_ratio_vs_") || k.endsWith("_over_fresh");
    }

    /**
     * Rows of several rounds of the bench (each a file of {@link Lockstep#coordinate}'s rows), one per config: each speed figure
     * and each ratio is the median over the rounds of that round's value, so a ratio pairs two measurements taken
     * minutes apart in the same round (the median of per-round ratios, not a ratio of medians); peak RSS is the
     * largest of the rounds; the losses are the first round's, with {@code aelab_losses_equal_across_rounds} saying
     * whether aelab's were bit-identical in every round (they must be: same seed, same bits). Every round's full row
     * is kept under {@code per_round}.
     *
     * @throws IllegalArgumentException when the rounds did not train the same configs on the same data
     */
    static List<Map<String, Object>> combineRounds(List<Path> roundFiles) throws IOException {
        List<List<Map<String, Object>>> rounds = new ArrayList<>();
        for (Path p : roundFiles) {
            rounds.add(results(p));
        }
        List<Map<String, Object>> first = rounds.get(0);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int c = 0; c < first.size(); c++) {
            Map<String, Object> head = first.get(c);
            List<Map<String, Object>> same = new ArrayList<>();
            for (int r = 0; r < rounds.size(); r++) {
                List<Map<String, Object>> round = rounds.get(r);
                if (round.size() != first.size() || !head.get("config").equals(round.get(c).get("config"))) {
                    throw new IllegalArgumentException("round files must hold the same configs in the same order: "
                            + roundFiles.get(0) + " has " + configs(first) + ", " + roundFiles.get(r) + " has "
                            + configs(round));
                }
                for (String k : SAME_RUN_KEYS) {
                    if (!Objects.equals(head.get(k), round.get(c).get(k))) {
                        throw new IllegalArgumentException("rounds must train the same run: " + head.get("config")
                                + " has " + k + " = " + head.get(k) + " in " + roundFiles.get(0) + " and "
                                + round.get(c).get(k) + " in " + roundFiles.get(r));
                    }
                }
                same.add(round.get(c));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : head.entrySet()) {
                String k = e.getKey();
                if (k.endsWith("_epoch_seconds")) {
                    continue;
                }
                if (isSpeedKey(k) || k.endsWith("_peak_rss_mb")) {
                    double[] v = new double[same.size()];
                    boolean all = true;
                    for (int r = 0; r < v.length; r++) {
                        Object o = same.get(r).get(k);
                        all &= o instanceof Number;
                        v[r] = o instanceof Number n ? n.doubleValue() : Double.NaN;
                    }
                    if (all) {
                        row.put(k, isSpeedKey(k) ? median(v) : Arrays.stream(v).max().getAsDouble());
                    }
                    continue;
                }
                row.put(k, e.getValue());
            }
            boolean equal = true;
            for (String k : AELAB_LOSS_KEYS) {
                for (Map<String, Object> r : same) {
                    equal &= Objects.equals(head.get(k), r.get(k));
                }
            }
            row.put("rounds", (long) same.size());
            row.put("aelab_losses_equal_across_rounds", equal);
            row.put("per_round", new ArrayList<Object>(same));
            rows.add(row);
        }
        return rows;
    }

    private static List<Object> configs(List<Map<String, Object>> rows) {
        List<Object> names = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            names.add(r.get("config"));
        }
        return names;
    }

    /** Median of the values (the mean of the middle two for an even count). */
    static double median(double[] v) {
        double[] t = v.clone();
        Arrays.sort(t);
        int m = t.length / 2;
        return t.length % 2 == 1 ? t[m] : 0.5 * (t[m - 1] + t[m]);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Path p) throws IOException {
        Object v = Json.parseObject(Files.readString(p, StandardCharsets.UTF_8)).get("results");
        if (!(v instanceof List)) {
            throw new IllegalArgumentException(p + " must hold {\"results\": [...]}");
        }
        return (List<Map<String, Object>>) v;
    }

    private static String fmt(Map<String, Object> r, String key, String format) {
        Object v = r.get(key);
        return v instanceof Number ? String.format(Locale.ROOT, format, ((Number) v).doubleValue()) : "-";
    }

    /**
     * Each round's ratios, when the rows combine several rounds: the spread of a ratio between rounds minutes apart is
     * the host's noise, against which the medians of {@link #printTable} are to be read.
     */
    @SuppressWarnings("unchecked")
    static void printRounds(List<Map<String, Object>> rows, PrintStream out) {
        if (rows.stream().noneMatch(r -> r.get("per_round") instanceof List)) {
            return;
        }
        out.printf(Locale.ROOT, "%-16s %5s %8s %8s %7s %11s %11s   %s%n", "config", "round", "vs t64", "vs tdef",
                "lived/f", "f32 vs tdef", "f32 lived/f", "aelab losses equal in every round");
        for (Map<String, Object> r : rows) {
            if (!(r.get("per_round") instanceof List<?> list)) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> x = (Map<String, Object>) list.get(i);
                out.printf(Locale.ROOT, "%-16s %5d %8s %8s %7s %11s %11s   %s%n", r.get("config"), i + 1,
                        fmt(x, "ratio_vs_torch_f64_1thread", "%.2f"), fmt(x, "ratio_vs_torch_defaults", "%.2f"),
                        fmt(x, "long_lived_over_fresh", "%.2f"), fmt(x, "float32_ratio_vs_torch_defaults", "%.2f"),
                        fmt(x, "long_lived_float32_over_fresh", "%.2f"),
                        i == 0 ? r.get("aelab_losses_equal_across_rounds") : "");
            }
        }
        out.println("rounds: the bench trained every config's sides once per round, one round after the other; the"
                + " tables above give the median over the rounds of each figure and of each round's ratio");
    }

    static void printTable(List<Map<String, Object>> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%-16s %6s %11s %11s %11s %11s %8s %8s %7s %10s %10s %10s %8s %8s %8s%n", "config",
                "epochs", "aelab s/s", "long-lived", "torch64 s/s", "torchdef s/s", "vs t64", "vs tdef", "lived/f",
                "aelab loss", "t64 loss", "tdef loss", "aelab MB", "t64 MB", "tdef MB");
        for (Map<String, Object> r : rows) {
            out.printf(Locale.ROOT, "%-16s %6s %11s %11s %11s %11s %8s %8s %7s %10s %10s %10s %8s %8s %8s%n",
                    r.get("config"), fmt(r, "epochs", "%.0f"), fmt(r, "aelab_samples_per_s", "%.0f"),
                    fmt(r, "long_lived_samples_per_s", "%.0f"), fmt(r, "torch_f64_1thread_samples_per_s", "%.0f"),
                    fmt(r, "torch_defaults_samples_per_s", "%.0f"), fmt(r, "ratio_vs_torch_f64_1thread", "%.2f"),
                    fmt(r, "ratio_vs_torch_defaults", "%.2f"), fmt(r, "long_lived_over_fresh", "%.2f"),
                    fmt(r, "aelab_final_loss", "%.3f"), fmt(r, "torch_f64_1thread_final_loss", "%.3f"),
                    fmt(r, "torch_defaults_final_loss", "%.3f"), fmt(r, "aelab_peak_rss_mb", "%.0f"),
                    fmt(r, "torch_f64_1thread_peak_rss_mb", "%.0f"), fmt(r, "torch_defaults_peak_rss_mb", "%.0f"));
        }
        if (rows.stream().anyMatch(r -> r.get("aelab_float32_samples_per_s") instanceof Number)) {
            out.printf(Locale.ROOT, "%-16s %6s %11s %11s %11s %8s %7s %10s %10s %8s%n", "config", "epochs",
                    "f32 s/s", "long-lived", "torchdef s/s", "vs tdef", "lived/f", "f32 loss", "tdef loss", "f32 MB");
            for (Map<String, Object> r : rows) {
                out.printf(Locale.ROOT, "%-16s %6s %11s %11s %11s %8s %7s %10s %10s %8s%n", r.get("config"),
                        fmt(r, "epochs", "%.0f"), fmt(r, "aelab_float32_samples_per_s", "%.0f"),
                        fmt(r, "long_lived_float32_samples_per_s", "%.0f"),
                        fmt(r, "torch_defaults_samples_per_s", "%.0f"),
                        fmt(r, "float32_ratio_vs_torch_defaults", "%.2f"),
                        fmt(r, "long_lived_float32_over_fresh", "%.2f"), fmt(r, "aelab_float32_final_loss", "%.3f"),
                        fmt(r, "torch_defaults_final_loss", "%.3f"), fmt(r, "aelab_float32_peak_rss_mb", "%.0f"));
            }
            boolean lockstep = rows.stream().anyMatch(r -> r.containsKey("lockstep_sides"));
            out.println("f32: aelab with Vae.builder(...).productPrecision(FLOAT32) (trained in float32 storage, like"
                    + " PyTorch's defaults), " + (lockstep
                            ? "in its own fresh JVM, and in the long-lived JVM" : "same JVMs as above"));
        }
        out.println("s/s: samples / median epoch wall time (first epoch excluded); aelab: fresh JVM with the kernel's"
                + " options; long-lived: one JVM that trained every config in turn; torch64: float64, 1 thread;"
                + " torchdef: PyTorch defaults (float32, its own threads); MB: peak RSS"
                + (rows.stream().anyMatch(r -> r.containsKey("lockstep_sides"))
                        ? "; lockstep: each side trained its epoch e before any side started e + 1, one at a time"
                        : ""));
    }
}
