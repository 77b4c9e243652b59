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

    private static String file(double[] aelab, double[] torch, int epochs) {
        Map<String, Object> digits = new LinkedHashMap<>();
        digits.put("date", "2026-12-07T00:40:00Z");
        digits.put("epochs", (long) epochs);
        digits.put("seeds", List.of(1L, 2L, 3L, 4L, 5L));
        digits.put("aelab", Map.of("final_losses", toList(aelab)));
        digits.put("torch_f64_1thread", Map.of("final_losses", toList(torch)));
        return Json.write(Map.of("configs", Map.of("digits", digits)));
    }

    private static List<Object> toList(double[] v) {
        List<Object> l = new ArrayList<>();
        for (double x : v) {
            l.add(x);
        }
        return l;
    }

    private static Map<String, Object> row(String config, long epochs, long seed, double aelabLoss, double torchLoss) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("config", config);
        r.put("epochs", epochs);
        r.put("seed", seed);
        r.put("aelab_final_loss", aelabLoss);
        r.put("torch_f64_1thread_final_loss", torchLoss);
        return r;
    }

    @Test
    void benchRowsGetTheVerdictFromTheFileReadByTheJsonCode() {
        SeedSpread.File f = SeedSpread.parse(file(A, shifted(-0.35), 20), "spread.json");
        List<Map<String, Object>> rows = new ArrayList<>(List.of(row("digits", 20, 1, A[0], A[0] - 0.35),
                row("digits", 20, 2, A[1], 0.0), row("digits", 3, 1, A[0], 0.0), row("mnist", 10, 1, 1.0, 1.0)));
        SeedSpread.addTo(rows, f);
        Map<String, Object> r = Json.parseObject(Json.write(rows.get(0)));
        assertEquals("fail", r.get("loss_spread"));
        assertEquals(false, r.get("loss_within_spread"));
        assertEquals(0.35, BenchCommand.number(r, "loss_mean_difference"), 1e-12);
        assertEquals(0.3, BenchCommand.number(r, "loss_bound"), 1e-12);
        assertEquals(10.0, BenchCommand.number(r, "aelab_seed_mean_loss"), 1e-12);
        assertEquals(Math.sqrt(0.025), BenchCommand.number(r, "torch_f64_1thread_seed_sd_loss"), 1e-12);
        assertEquals("seed 1: same losses", r.get("loss_spread_this_run"));
        assertEquals("seed 2: differs (stale?)", rows.get(1).get("loss_spread_this_run"));
        assertEquals("recorded for 20 epochs, this run trained 3", rows.get(2).get("loss_spread"));
        assertFalse(rows.get(2).containsKey("loss_within_spread"));
        assertEquals("not recorded", rows.get(3).get("loss_spread"));

        List<Map<String, Object>> passing = new ArrayList<>(List.of(row("digits", 20, 9, 10.0, 10.0)));
        SeedSpread.addTo(passing, SeedSpread.parse(file(A, shifted(0.25), 20), "spread.json"));
        assertEquals("pass", passing.get(0).get("loss_spread"));
        assertEquals("seed 9 not recorded", passing.get(0).get("loss_spread_this_run"));

        var out = new ByteArrayOutputStream();
        SeedSpread.printTable(rows, f, new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("10.000±0.158") && table.contains("0.3500") && table.contains("0.3000")
                && table.contains("fail") && table.contains("recorded for 20 epochs"), table);
    }

    @Test
    void aFileWithoutOneLossPerSeedIsRejected() {
        String text = file(new double[] {1, 2, 3}, A, 20);
        var e = assertThrows(IllegalArgumentException.class, () -> SeedSpread.parse(text, "spread.json"));
        assertTrue(e.getMessage().contains("one loss per seed") && e.getMessage().contains("got 3 (aelab)"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeedSpread.parse("{\"results\": []}", "spread.json"));
    }
}
