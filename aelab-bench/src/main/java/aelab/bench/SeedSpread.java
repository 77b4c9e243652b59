package aelab.bench;

import aelab.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether aelab's final loss lies within PyTorch's seed-to-seed spread: the comparison that {@code ./aelab bench}
 * reports from the spread file written by {@code bench/seed_spread.py} (both sides trained with the same K seeds on
 * the same data).
 *
 * <p>With the final losses a<sub>1..K<sub>a</sub></sub> of aelab and t<sub>1..K<sub>t</sub></sub> of PyTorch (float64,
 * one thread), their means ā, t̄ and sample standard deviations s<sub>a</sub>, s<sub>t</sub> (divisor K − 1), the
 * two implementations agree when
 * <pre>  |ā − t̄| ≤ z · sqrt(s_a²/K_a + s_t²/K_t),  z = 3,</pre>
 * i.e. the difference of the means is within z standard errors of that difference (Welch's two-sample statistic,
 * B. L. Welch, Biometrika 34, 1947). With K = 5 per side Welch's t has about 8 degrees of freedom, so two identical
 * implementations fail with probability about 2 % (t<sub>8</sub> beyond ±3), not the 0.3 % of a normal law — if the
 * per-seed losses are normal. They need not be: on digits, aelab's seeds 1-5 and 6-10 differ by 4.5 of these standard
 * errors (bench/results/README.md, 2026-12-07), so a verdict from K = 5 is a screen, and a failure is confirmed
 * with more seeds before it is believed.
 *
 * <p>The file is read with the project's JSON code ({@link Json}):
 * {@code {"configs": {"digits": {"epochs": 20, "seeds": [1, ...], "date": "...",
 * "aelab": {"final_losses": [...]}, "torch_f64_1thread": {"final_losses": [...]}}, ...}}}; means and deviations are
 * recomputed here from the per-seed losses.
 */
final class SeedSpread {
    /** Standard errors of the difference of means allowed. */
    static final double Z = 3.0;

    private SeedSpread() {
    }

    /** Number of values, mean and sample standard deviation (divisor k − 1). */
    record Stats(int k, double mean, double sd) {
        static Stats of(double[] v) {
            if (v == null || v.length < 2) {
                throw new IllegalArgumentException("values must hold at least 2 losses (one per seed) for a standard"
                        + " deviation, got " + (v == null ? "null" : v.length));
            }
            double mean = 0;
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("values must be finite, got " + x);
                }
                mean += x;
            }
            mean /= v.length;
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            return new Stats(v.length, mean, Math.sqrt(ss / (v.length - 1)));
        }

        /** Standard error of the mean, s / sqrt(k). */
        double standardError() {
            return sd / Math.sqrt(k);
        }
    }

    /** The verdict for one config: difference ā − t̄, its bound z·sqrt(s_a²/K_a + s_t²/K_t), and |ā − t̄| ≤ bound. */
    record Comparison(Stats aelab, Stats torch, double difference, double bound, boolean within) {
    }

    /** Compares aelab's per-seed final losses with PyTorch's. */
    static Comparison compare(double[] aelab, double[] torch) {
        Stats a = Stats.of(aelab);
        Stats t = Stats.of(torch);
        double difference = a.mean - t.mean;
        double bound = Z * Math.hypot(a.standardError(), t.standardError());
        return new Comparison(a, t, difference, bound, Math.abs(difference) <= bound);
    }

    /** One config of the spread file. */
    record Entry(String config, int epochs, List<Long> seeds, double[] aelab, double[] torch, String date) {
        Comparison comparison() {
            return compare(aelab, torch);
        }
    }

    /** The parsed spread file: entries by config name. */
    record File(String source, Map<String, Entry> entries) {
    }

    static File read(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    static File parse(String text, String source) {
        Object configs = Json.parseObject(text).get("configs");
        if (!(configs instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + ": must hold {\"configs\": {...}}, got " + Json.kind(configs));
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = (String) e.getKey();
            if (!(e.getValue() instanceof Map<?, ?> c)) {
                throw new IllegalArgumentException(source + ": configs." + name + " must be an object");
            }
            List<Long> seeds = new ArrayList<>();
            for (Object s : list(c.get("seeds"), source + ": configs." + name + ".seeds")) {
                seeds.add(((Number) s).longValue());
            }
            double[] a = losses(c.get("aelab"), source + ": configs." + name + ".aelab");
            double[] t = losses(c.get("torch_f64_1thread"), source + ": configs." + name + ".torch_f64_1thread");
            if (a.length != seeds.size() || t.length != seeds.size()) {
                throw new IllegalArgumentException(source + ": configs." + name + " must hold one loss per seed on each"
                        + " side (" + seeds.size() + " seeds), got " + a.length + " (aelab) and " + t.length
                        + " (torch)");
            }
            Object epochs = c.get("epochs");
            if (!(epochs instanceof Number)) {
                throw new IllegalArgumentException(source + ": configs." + name + ".epochs must be a number, got "
                        + Json.kind(epochs));
            }
            Object date = c.get("date");
            entries.put(name, new Entry(name, ((Number) epochs).intValue(), seeds, a, t,
                    date instanceof String d ? d : "?"));
        }
        return new File(source, entries);
    }

    private static List<?> list(Object v, String what) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(what + " must be an array, got " + Json.kind(v));
        }
        for (Object x : l) {
            if (!(x instanceof Number)) {
                throw new IllegalArgumentException(what + " must hold numbers, got " + Json.kind(x));
            }
        }
        return l;
    }

    private static double[] losses(Object side, String what) {
        if (!(side instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(what + " must be an object, got " + Json.kind(side));
        }
        List<?> l = list(m.get("final_losses"), what + ".final_losses");
        double[] v = new double[l.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) l.get(i)).doubleValue();
        }
        return v;
    }

    /**
     * Adds to every bench row the comparison for its config ({@code loss_spread}: "pass", "fail", or why there is
     * none; the means, deviations, difference and bound) and whether this run's losses equal the recorded ones of
     * the same seed ({@code loss_spread_this_run}: the file is current for this build, or stale).
     */
    static void addTo(List<Map<String, Object>> rows, File file) {
        for (Map<String, Object> r : rows) {
            Entry e = file.entries.get((String) r.get("config"));
            r.put("loss_spread_file", file.source);
            if (e == null) {
                r.put("loss_spread", "not recorded");
                continue;
            }
            int epochs = (int) BenchCommand.number(r, "epochs");
            if (epochs != e.epochs) {
                r.put("loss_spread", "recorded for " + e.epochs + " epochs, this run trained " + epochs);
                continue;
            }
            Comparison c = e.comparison();
            r.put("loss_spread", c.within ? "pass" : "fail");
            r.put("loss_spread_date", e.date);
            r.put("loss_spread_seeds", (long) c.aelab.k);
            r.put("aelab_seed_mean_loss", c.aelab.mean);
            r.put("aelab_seed_sd_loss", c.aelab.sd);
            r.put("torch_f64_1thread_seed_mean_loss", c.torch.mean);
            r.put("torch_f64_1thread_seed_sd_loss", c.torch.sd);
            r.put("loss_mean_difference", c.difference);
            r.put("loss_bound", c.bound);
            r.put("loss_within_spread", c.within);
            r.put("loss_spread_this_run", thisRun(r, e));
        }
    }

    /** "seed S: same losses", "seed S: differs (stale?)", or "seed S not recorded". */
    static String thisRun(Map<String, Object> r, Entry e) {
        if (!(r.get("seed") instanceof Number s)) {
            return "no seed in this run";
        }
        int i = e.seeds.indexOf(s.longValue());
        if (i < 0) {
            return "seed " + s + " not recorded";
        }
        boolean same = r.get("aelab_final_loss") instanceof Number a && a.doubleValue() == e.aelab[i];
        if (r.get("torch_f64_1thread_final_loss") instanceof Number t) {
            same &= t.doubleValue() == e.torch[i];
        }
        return "seed " + s + (same ? ": same losses" : ": differs (stale?)");
    }

    static void printTable(List<Map<String, Object>> rows, File file, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "final loss over seeds (%s): pass when |mean a - mean t| <= %.0f*sqrt(sa^2/K + st^2/K)%n",
                file.source, Z);
        out.printf(Locale.ROOT, "%-16s %3s %18s %18s %9s %9s %6s  %s%n", "config", "K", "aelab mean±sd",
                "t64 mean±sd", "a-t", "bound", "within", "this run");
        for (Map<String, Object> r : rows) {
            if (!(r.get("loss_within_spread") instanceof Boolean)) {
                out.printf(Locale.ROOT, "%-16s %s%n", r.get("config"), r.get("loss_spread"));
                continue;
            }
            out.printf(Locale.ROOT, "%-16s %3d %18s %18s %9.4f %9.4f %6s  %s%n", r.get("config"),
                    (long) BenchCommand.number(r, "loss_spread_seeds"),
                    pm(r, "aelab_seed_mean_loss", "aelab_seed_sd_loss"),
                    pm(r, "torch_f64_1thread_seed_mean_loss", "torch_f64_1thread_seed_sd_loss"),
                    BenchCommand.number(r, "loss_mean_difference"), BenchCommand.number(r, "loss_bound"),
                    r.get("loss_spread"), r.get("loss_spread_this_run"));
        }
    }

    private static String pm(Map<String, Object> r, String mean, String sd) {
        return String.format(Locale.ROOT, "%.3f±%.3f", BenchCommand.number(r, mean), BenchCommand.number(r, sd));
    }
}
