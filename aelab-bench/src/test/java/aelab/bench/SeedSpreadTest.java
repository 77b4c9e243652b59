package aelab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedSpreadTest {
    // Deviations 0, ±0.1, ±0.2 from the mean: sum of squares 0.1, sample variance 0.1/4 = 0.025, so the standard
    // error of a mean of 5 is sqrt(0.005) and that of a difference of two such means sqrt(0.01) = 0.1: bound 0.3.
    private static final double[] A = {10.0, 10.2, 9.8, 10.1, 9.9};

    private static double[] shifted(double by) {
        double[] t = new double[A.length];
        for (int i = 0; i < A.length; i++) {
            t[i] = A[i] + by;
        }
        return t;
    }

    @Test
    void statsAreTheMeanAndTheSampleStandardDeviation() {
        SeedSpread.Stats s = SeedSpread.Stats.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(5, s.k());
        assertEquals(3.0, s.mean(), 1e-15);
        assertEquals(Math.sqrt(2.5), s.sd(), 1e-15); // (4+1+0+1+4)/(5-1)
        assertEquals(Math.sqrt(0.5), s.standardError(), 1e-15);
    }

    @Test
    void aDifferenceWithinThreeStandardErrorsPassesAndOneBeyondFails() {
        SeedSpread.Comparison in = SeedSpread.compare(A, shifted(0.25));
        assertEquals(-0.25, in.difference(), 1e-12);
        assertEquals(0.3, in.bound(), 1e-12);
        assertTrue(in.within());
        SeedSpread.Comparison out = SeedSpread.compare(A, shifted(-0.35));
        assertEquals(0.35, out.difference(), 1e-12);
        assertEquals(0.3, out.bound(), 1e-12);
        assertFalse(out.within());
    }

    @Test
    void theBoundUsesBothSpreads() {
        // aelab without any spread (all seeds equal): only PyTorch's standard error remains, 3 * sqrt(0.005) = 0.212
        double[] constant = {10, 10, 10, 10, 10};
        SeedSpread.Comparison c = SeedSpread.compare(constant, shifted(0.25));
        assertEquals(3 * Math.sqrt(0.005), c.bound(), 1e-12);
        assertFalse(c.within());
        assertTrue(SeedSpread.compare(shifted(0.25), A).within());
    }

    @Test
    void fewerThanTwoSeedsOrANonFiniteLossIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> SeedSpread.compare(new double[] {1}, A));
        assertTrue(e.getMessage().contains("at least 2") && e.getMessage().contains("got 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeedSpread.compare(A, new double[] {1, Double.NaN}));
    }

    private static final List<Object> PAIRS = List.of(
            Map.of("aelab", "aelab", "reference", "torch_f64_1thread", "meaning", "float64 against float64"),
            Map.of("aelab", "aelab_float32", "reference", "torch_defaults", "meaning", "float32 against defaults"));

    private static Map<String, Object> side(double[] losses) {
        List<Object> seeds = new ArrayList<>();
        for (int i = 1; i <= losses.length; i++) {
            seeds.add((long) i);
        }
        return Map.of("seeds", seeds, "final_losses", toList(losses));
    }

    /** A spread file with one digits entry holding the given sides (name, losses, name, losses, ...). */
    private static String file(int epochs, Object... sides) {
        Map<String, Object> bySide = new LinkedHashMap<>();
        for (int i = 0; i < sides.length; i += 2) {
            bySide.put((String) sides[i], side((double[]) sides[i + 1]));
        }
        return file(PAIRS, epochs, bySide);
    }

    private static String file(List<Object> pairs, int epochs, Map<String, Object> sides) {
        Map<String, Object> digits = new LinkedHashMap<>();
        digits.put("date", "2026-12-07T03:20:00Z");
        digits.put("epochs", (long) epochs);
        digits.put("sides", sides);
        return Json.write(Map.of("pairs", pairs, "configs", Map.of("digits", digits)));
    }

    private static List<Object> toList(double[] v) {
        List<Object> l = new ArrayList<>();
        for (double x : v) {
            l.add(x);
        }
        return l;
    }

    private static Map<String, Object> row(String config, long epochs, long seed, double aelabLoss, double t64Loss,
            double tdefLoss) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("config", config);
        r.put("epochs", epochs);
        r.put("seed", seed);
        r.put("aelab_final_loss", aelabLoss);
        r.put("torch_f64_1thread_final_loss", t64Loss);
        r.put("torch_defaults_final_loss", tdefLoss);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> pairs(Map<String, Object> row) {
        return (List<Map<String, Object>>) row.get("loss_spread");
    }

    @Test
    void benchRowsGetOneVerdictPerRecordedPairFromTheFileReadByTheJsonCode() {
        // aelab float64 is 0.35 above PyTorch float64 (bound 0.3: fail); the float32 pair passes (0.25 < 0.3);
        // PyTorch's defaults have only 4 seeds, so that pair's bound is 3 * sqrt(0.025/5 + var/4).
        double[] t32 = {9.8, 10.0, 10.2, 10.0};
        double[] a32 = shifted(0.25);
        SeedSpread.File f = SeedSpread.parse(file(20, "aelab", A, "torch_f64_1thread", shifted(-0.35),
                "aelab_float32", a32, "torch_defaults", t32), "spread.json");
        List<Map<String, Object>> rows = new ArrayList<>(List.of(row("digits", 20, 1, A[0], A[0] - 0.35, 9.8),
                row("digits", 20, 2, A[1], 0.0, 0.0), row("digits", 3, 1, A[0], 0.0, 0.0),
                row("mnist", 10, 1, 1.0, 1.0, 1.0)));
        SeedSpread.addTo(rows, f);
        Map<String, Object> r = Json.parseObject(Json.write(rows.get(0)));
        assertEquals("compared", r.get("loss_spread_status"));
        assertEquals("fail", r.get("loss_spread_verdict"));
        List<Map<String, Object>> p = pairs(r);
        assertEquals(2, p.size());
        Map<String, Object> f64 = p.get(0);
        assertEquals("aelab", f64.get("aelab"));
        assertEquals("torch_f64_1thread", f64.get("reference"));
        assertEquals("fail", f64.get("verdict"));
        assertEquals(false, f64.get("within"));
        assertEquals(5.0, BenchCommand.number(f64, "k_aelab"));
        assertEquals(5.0, BenchCommand.number(f64, "k_reference"));
        assertEquals(0.35, BenchCommand.number(f64, "difference"), 1e-12);
        assertEquals(0.3, BenchCommand.number(f64, "bound"), 1e-12);
        assertEquals(10.0, BenchCommand.number(f64, "aelab_mean"), 1e-12);
        assertEquals(Math.sqrt(0.025), BenchCommand.number(f64, "reference_sd"), 1e-12);
        assertEquals("seed 1: same losses", f64.get("this_run"));
        Map<String, Object> f32 = p.get(1);
        assertEquals("aelab_float32", f32.get("aelab"));
        assertEquals("torch_defaults", f32.get("reference"));
        assertEquals(4.0, BenchCommand.number(f32, "k_reference"));
        assertEquals(10.25 - 10.0, BenchCommand.number(f32, "difference"), 1e-12);
        // t32: deviations -0.2, 0, 0.2, 0 -> variance 0.08/3
        assertEquals(3 * Math.sqrt(0.025 / 5 + 0.08 / 3 / 4), BenchCommand.number(f32, "bound"), 1e-12);
        assertEquals("pass", f32.get("verdict"));
        // the row has no aelab_float32 loss: only PyTorch's defaults are checked, and they match seed 1
        assertEquals("seed 1: same losses", f32.get("this_run"));
        assertEquals("seed 2: torch_f64_1thread differs (stale?)", pairs(rows.get(1)).get(0).get("this_run"));
        assertEquals("seed 2: torch_defaults differs (stale?)", pairs(rows.get(1)).get(1).get("this_run"));
        assertEquals("recorded for 20 epochs, this run trained 3", rows.get(2).get("loss_spread_status"));
        assertFalse(rows.get(2).containsKey("loss_spread"));
        assertEquals("not recorded", rows.get(3).get("loss_spread_status"));

        // Only the float64 pair is recorded (no float32 aelab side yet): one comparison, which passes.
        List<Map<String, Object>> passing = new ArrayList<>(List.of(row("digits", 20, 9, 10.0, 10.0, 10.0)));
        SeedSpread.addTo(passing, SeedSpread.parse(file(20, "aelab", A, "torch_f64_1thread", shifted(0.25),
                "torch_defaults", t32), "spread.json"));
        assertEquals(1, pairs(passing.get(0)).size());
        assertEquals("pass", pairs(passing.get(0)).get(0).get("verdict"));
        assertEquals("pass", passing.get(0).get("loss_spread_verdict"));
        assertEquals("seed 9 not recorded", pairs(passing.get(0)).get(0).get("this_run"));
        // PyTorch's defaults are recorded but no float32 aelab side: reported on their own, not compared
        @SuppressWarnings("unchecked")
        var unpaired = (List<Map<String, Object>>) passing.get(0).get("loss_spread_unpaired");
        assertEquals(1, unpaired.size());
        assertEquals("torch_defaults", unpaired.get(0).get("side"));
        assertEquals(4L, unpaired.get(0).get("k"));
        assertEquals(10.0, BenchCommand.number(unpaired.get(0), "mean"), 1e-12);
        assertFalse(rows.get(0).containsKey("loss_spread_unpaired"));
        // the same row compared again with a file where the float32 pair is recorded: the old "unpaired" goes
        SeedSpread.addTo(passing, f);
        assertFalse(passing.get(0).containsKey("loss_spread_unpaired"), passing.get(0).toString());
        assertEquals(2, pairs(passing.get(0)).size());

        var out = new ByteArrayOutputStream();
        SeedSpread.printTable(rows, f, new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        String[] lines = table.split("\n");
        String f64Line = lines[3];
        assertTrue(f64Line.startsWith("digits") && f64Line.contains("aelab ") && f64Line.contains("torch_f64_1thread")
                && f64Line.contains("10.000±0.158") && f64Line.contains("0.3500") && f64Line.contains("0.3000")
                && f64Line.contains("fail"), table);
        String f32Line = lines[4];
        assertTrue(f32Line.contains("aelab_float32") && f32Line.contains("torch_defaults") && f32Line.contains("  4 ")
                && f32Line.contains("pass"), table);
        assertTrue(table.contains("recorded for 20 epochs") && table.contains("aelab vs torch_f64_1thread: float64"),
                table);
    }

    @Test
    void aFileWithoutOneLossPerSeedOrWithoutPairsIsRejected() {
        Map<String, Object> sides = new LinkedHashMap<>();
        sides.put("aelab", Map.of("seeds", List.of(1L, 2L, 3L, 4L), "final_losses", List.of(1.0, 2.0, 3.0)));
        sides.put("torch_f64_1thread", side(A));
        String text = file(PAIRS, 20, sides);
        var e = assertThrows(IllegalArgumentException.class, () -> SeedSpread.parse(text, "spread.json"));
        assertTrue(e.getMessage().contains("configs.digits.sides.aelab must hold one loss per seed (4 seeds)")
                && e.getMessage().contains("got 3 losses"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeedSpread.parse("{\"results\": []}", "spread.json"));
        String noPairs = file(List.of(), 20, Map.of("aelab", side(A)));
        e = assertThrows(IllegalArgumentException.class, () -> SeedSpread.parse(noPairs, "spread.json"));
        assertTrue(e.getMessage().contains("pairs must name at least one comparison"), e.getMessage());
    }
}
