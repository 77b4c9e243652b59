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
 * Whether aelab's final loss lies within PyTorch's seed-to-seed spread: the comparisons that {@code ./aelab bench}
 * reports from the spread file written by {@code bench/seed_spread.py}.
 *
 * <p>The file records, per config, several <i>sides</i> trained on the same data with K seeds each: {@code aelab}
 * (the bench's float64 training), {@code torch_f64_1thread} (PyTorch float64 on one thread) and
 * {@code torch_defaults} (PyTorch's defaults: float32, its own threads), both PyTorch sides differentiating the batch
 * mean of the per-sample loss as aelab's Trainer does. Its {@code pairs} name which aelab side is held against which
 * PyTorch side: aelab float64 against PyTorch float64 (like for like), and a float32 aelab variant (e.g.
 * {@code aelab_float32}) against PyTorch's defaults. Every pair whose two sides are recorded for a config is checked;
 * a new side or pair needs no change here.
 *
 * <p>Criterion of one pair: with the final losses a<sub>1..K<sub>a</sub></sub> of the aelab side and
 * t<sub>1..K<sub>t</sub></sub> of the PyTorch side, their means ā, t̄ and sample standard deviations s<sub>a</sub>,
 * s<sub>t</sub> (divisor K − 1), the two implementations agree when
 * <pre>  |ā − t̄| ≤ z · sqrt(s_a²/K_a + s_t²/K_t),  z = 3,</pre>
 * i.e. the difference of the means is within z standard errors of that difference (Welch's two-sample statistic,
 * B. L. Welch, Biometrika 34, 1947). With K = 20 per side Welch's t has about 38 degrees of freedom, so two
 * identical implementations fail with probability about 0.5 % (t<sub>38</sub> beyond ±3), if the per-seed losses
 * are normal; with K = 5 (8 degrees of freedom) about 2 %, and on digits aelab's seeds 1-5 and 6-10 differed by 4.5
 * of these standard errors (bench/results/README.md, 2026-12-07), which is why the file is recorded with K = 20 for
 * digits and mnist. The smallest difference the criterion detects reliably is about (z + 2)·sqrt(s_a²/K_a + s_t²/K_t)
 * (a 98 % chance to fail).
 *
 * <p>The file is read with the project's JSON code ({@link Json}):
 * <pre>{"pairs": [{"aelab": "aelab", "reference": "torch_f64_1thread", "meaning": "..."}, ...],
 *  "configs": {"digits": {"epochs": 20, "date": "...",
 *     "sides": {"aelab": {"seeds": [1, ...], "final_losses": [...]}, "torch_f64_1thread": {...}, ...}}, ...}}</pre>
 * Means and deviations are recomputed here from the per-seed losses.
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

    /** The verdict for one pair: difference ā − t̄, its bound z·sqrt(s_a²/K_a + s_t²/K_t), and |ā − t̄| ≤ bound. */
    record Comparison(Stats aelab, Stats reference, double difference, double bound, boolean within) {
    }

    /** Compares an aelab side's per-seed final losses with a PyTorch side's. */
    static Comparison compare(double[] aelab, double[] reference) {
        Stats a = Stats.of(aelab);
        Stats t = Stats.of(reference);
        double difference = a.mean - t.mean;
        double bound = Z * Math.hypot(a.standardError(), t.standardError());
        return new Comparison(a, t, difference, bound, Math.abs(difference) <= bound);
    }

    /** One side of one config: the seeds and the final loss of each. */
    record Side(String name, List<Long> seeds, double[] losses) {
        /** The recorded loss of a seed, or null when the seed was not trained. */
        Double loss(long seed) {
            int i = seeds.indexOf(seed);
            return i < 0 ? null : losses[i];
        }
    }

    /** One comparison the file asks for: an aelab side against a PyTorch side, and what it means. */
    record Pair(String aelab, String reference, String meaning) {
    }

    /** One config of the spread file. */
    record Entry(String config, int epochs, Map<String, Side> sides, String date) {
        /** The comparison of a pair, or null when one of its sides is not recorded for this config. */
        Comparison comparison(Pair p) {
            Side a = sides.get(p.aelab);
            Side t = sides.get(p.reference);
            return a == null || t == null ? null : compare(a.losses, t.losses);
        }
    }

    /** The parsed spread file: the pairs to compare and the entries by config name. */
    record File(String source, List<Pair> pairs, Map<String, Entry> entries) {
    }

    static File read(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    static File parse(String text, String source) {
        Map<String, Object> doc = Json.parseObject(text);
        List<Pair> pairs = new ArrayList<>();
        for (Object p : array(doc.get("pairs"), source + ": pairs")) {
            if (!(p instanceof Map<?, ?> m) || !(m.get("aelab") instanceof String a)
                    || !(m.get("reference") instanceof String t)) {
                throw new IllegalArgumentException(source + ": pairs must hold objects {\"aelab\": side,"
                        + " \"reference\": side}, got " + Json.kind(p));
            }
            pairs.add(new Pair(a, t, m.get("meaning") instanceof String s ? s : ""));
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(source + ": pairs must name at least one comparison, got none");
        }
        if (!(doc.get("configs") instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + ": must hold {\"configs\": {...}}, got "
                    + Json.kind(doc.get("configs")));
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = (String) e.getKey();
            String where = source + ": configs." + name;
            if (!(e.getValue() instanceof Map<?, ?> c)) {
                throw new IllegalArgumentException(where + " must be an object, got " + Json.kind(e.getValue()));
            }
            if (!(c.get("sides") instanceof Map<?, ?> sideMap)) {
                throw new IllegalArgumentException(where + ".sides must be an object, got " + Json.kind(c.get("sides")));
            }
            Map<String, Side> sides = new LinkedHashMap<>();
            for (Map.Entry<?, ?> s : sideMap.entrySet()) {
                sides.put((String) s.getKey(), side((String) s.getKey(), s.getValue(), where + ".sides." + s.getKey()));
            }
            if (!(c.get("epochs") instanceof Number epochs)) {
                throw new IllegalArgumentException(where + ".epochs must be a number, got " + Json.kind(c.get("epochs")));
            }
            entries.put(name, new Entry(name, epochs.intValue(), sides, c.get("date") instanceof String d ? d : "?"));
        }
        return new File(source, List.copyOf(pairs), entries);
    }

    private static Side side(String name, Object v, String where) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + " must be an object, got " + Json.kind(v));
        }
        List<?> seedList = numbers(m.get("seeds"), where + ".seeds");
        List<?> lossList = numbers(m.get("final_losses"), where + ".final_losses");
        if (lossList.size() != seedList.size()) {
            throw new IllegalArgumentException(where + " must hold one loss per seed (" + seedList.size() + " seeds),"
                    + " got " + lossList.size() + " losses");
        }
        List<Long> seeds = new ArrayList<>();
        for (Object s : seedList) {
            seeds.add(((Number) s).longValue());
        }
        double[] losses = new double[lossList.size()];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = ((Number) lossList.get(i)).doubleValue();
        }
        return new Side(name, List.copyOf(seeds), losses);
    }

    private static List<?> array(Object v, String what) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(what + " must be an array, got " + Json.kind(v));
        }
        return l;
    }

    private static List<?> numbers(Object v, String what) {
        List<?> l = array(v, what);
        for (Object x : l) {
            if (!(x instanceof Number)) {
                throw new IllegalArgumentException(what + " must hold numbers, got " + Json.kind(x));
            }
        }
        return l;
    }

    /**
     * Adds to every bench row the comparisons for its config: {@code loss_spread_status} ("compared", "not recorded",
     * or why the file does not apply), and when compared {@code loss_spread}, one object per pair recorded for the
     * config (sides, K of each, means, deviations, difference, bound, "pass"/"fail", and whether this run's losses
     * equal the recorded ones of the same seed: the file is current for this build, or stale), and
     * {@code loss_spread_verdict}: "pass" when every pair passes; sides recorded but in no compared pair (e.g.
     * PyTorch's defaults before a float32 aelab side exists) go to {@code loss_spread_unpaired} with their K, mean
     * and deviation.
     */
    static void addTo(List<Map<String, Object>> rows, File file) {
        for (Map<String, Object> r : rows) {
            // a row read back from a merged file carries an earlier comparison: replace it, do not mix the two
            r.keySet().removeIf(k -> k.startsWith("loss_spread"));
            Entry e = file.entries.get((String) r.get("config"));
            r.put("loss_spread_file", file.source);
            if (e == null) {
                r.put("loss_spread_status", "not recorded");
                continue;
            }
            int epochs = (int) BenchCommand.number(r, "epochs");
            if (epochs != e.epochs) {
                r.put("loss_spread_status", "recorded for " + e.epochs + " epochs, this run trained " + epochs);
                continue;
            }
            List<Object> compared = new ArrayList<>();
            boolean all = true;
            for (Pair p : file.pairs) {
                Comparison c = e.comparison(p);
                if (c == null) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("aelab", p.aelab);
                m.put("reference", p.reference);
                m.put("meaning", p.meaning);
                m.put("k_aelab", (long) c.aelab.k);
                m.put("k_reference", (long) c.reference.k);
                m.put("aelab_mean", c.aelab.mean);
                m.put("aelab_sd", c.aelab.sd);
                m.put("reference_mean", c.reference.mean);
                m.put("reference_sd", c.reference.sd);
                m.put("difference", c.difference);
                m.put("bound", c.bound);
                m.put("within", c.within);
                m.put("verdict", c.within ? "pass" : "fail");
                m.put("this_run", thisRun(r, e.sides.get(p.aelab), e.sides.get(p.reference)));
                compared.add(m);
                all &= c.within;
            }
            if (compared.isEmpty()) {
                r.put("loss_spread_status", "no pair of " + file.pairs + " has both sides recorded (sides: "
                        + e.sides.keySet() + ")");
                continue;
            }
            r.put("loss_spread_status", "compared");
            r.put("loss_spread_date", e.date);
            r.put("loss_spread", compared);
            r.put("loss_spread_verdict", all ? "pass" : "fail");
            List<Object> unpaired = new ArrayList<>();
            for (Side side : e.sides.values()) {
                boolean paired = false;
                for (Pair p : file.pairs) {
                    paired |= e.comparison(p) != null && (p.aelab.equals(side.name) || p.reference.equals(side.name));
                }
                if (!paired) {
                    Stats st = Stats.of(side.losses);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("side", side.name);
                    m.put("k", (long) st.k);
                    m.put("mean", st.mean);
                    m.put("sd", st.sd);
                    unpaired.add(m);
                }
            }
            if (!unpaired.isEmpty()) {
                r.put("loss_spread_unpaired", unpaired);
            }
        }
    }

    /**
     * Whether this bench run reproduced the recorded losses of its seed, for each side of a pair whose loss the row
     * holds (key {@code <side>_final_loss}): "seed S: same losses", "seed S: SIDE differs (stale?)", "seed S not
     * recorded", or "no loss of this run to check".
     */
    static String thisRun(Map<String, Object> r, Side... sides) {
        if (!(r.get("seed") instanceof Number s)) {
            return "no seed in this run";
        }
        long seed = s.longValue();
        List<String> differ = new ArrayList<>();
        int checked = 0;
        boolean recorded = false;
        for (Side side : sides) {
            Double rec = side.loss(seed);
            recorded |= rec != null;
            if (rec != null && r.get(side.name + "_final_loss") instanceof Number loss) {
                checked++;
                if (loss.doubleValue() != rec) {
                    differ.add(side.name);
                }
            }
        }
        if (!recorded) {
            return "seed " + seed + " not recorded";
        }
        if (checked == 0) {
            return "no loss of this run to check";
        }
        return "seed " + seed + (differ.isEmpty() ? ": same losses" : ": " + String.join(", ", differ)
                + " differs (stale?)");
    }

    static void printTable(List<Map<String, Object>> rows, File file, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "final loss over seeds (%s): a pair passes when |mean a - mean t| <= %.0f*sqrt(sa^2/Ka"
                + " + st^2/Kt)%n", file.source, Z);
        out.printf(Locale.ROOT, "%-16s %-13s %-17s %3s %3s %17s %17s %8s %7s %6s  %s%n", "config", "aelab side",
                "vs PyTorch side", "Ka", "Kt", "aelab mean±sd", "torch mean±sd", "a-t", "bound", "within", "this run");
        for (Map<String, Object> r : rows) {
            if (!(r.get("loss_spread") instanceof List<?> pairs)) {
                out.printf(Locale.ROOT, "%-16s %s%n", r.get("config"), r.get("loss_spread_status"));
                continue;
            }
            for (Object o : pairs) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) o;
                out.printf(Locale.ROOT, "%-16s %-13s %-17s %3d %3d %17s %17s %8.4f %7.4f %6s  %s%n", r.get("config"),
                        p.get("aelab"), p.get("reference"), (long) BenchCommand.number(p, "k_aelab"),
                        (long) BenchCommand.number(p, "k_reference"), pm(p, "aelab_mean", "aelab_sd"),
                        pm(p, "reference_mean", "reference_sd"), BenchCommand.number(p, "difference"),
                        BenchCommand.number(p, "bound"), p.get("verdict"), p.get("this_run"));
            }
            if (r.get("loss_spread_unpaired") instanceof List<?> unpaired) {
                for (Object o : unpaired) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> u = (Map<String, Object>) o;
                    out.printf(Locale.ROOT, "%-16s %-13s %-17s %3s %3d %17s %17s  (recorded; no side of its pair yet)%n",
                            r.get("config"), "-", u.get("side"), "", (long) BenchCommand.number(u, "k"), "",
                            pm(u, "mean", "sd"));
                }
            }
        }
        for (Pair p : file.pairs) {
            out.printf(Locale.ROOT, "  %s vs %s: %s%n", p.aelab, p.reference, p.meaning);
        }
    }

    private static String pm(Map<String, Object> r, String mean, String sd) {
        return String.format(Locale.ROOT, "%.3f±%.3f", BenchCommand.number(r, mean), BenchCommand.number(r, sd));
    }
}
