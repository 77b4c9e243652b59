package aelab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @Test
    void medianExcludesTheFirstEpoch() {
        assertEquals(2.0, BenchCommand.medianAfterFirst(new double[] {100, 3, 1, 2}), 0.0);
        assertEquals(2.5, BenchCommand.medianAfterFirst(new double[] {100, 3, 2}), 0.0);
        assertEquals(7.0, BenchCommand.medianAfterFirst(new double[] {7}), 0.0);
    }

    @Test
    void aSideRefusesAPrecisionItDoesNotKnowNamingTheOption() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> BenchCommand.main(new String[] {"--side", "--precision", "FLOAT16"}));
        assertTrue(e.getMessage().contains("--precision") && e.getMessage().contains("FLOAT16")
                && e.getMessage().contains("FLOAT32"), e.getMessage());
    }

    @Test
    void numberReadsParsedMembersAndRejectsMissingOnes() {
        var o = aelab.json.Json.parseObject("{\"runs\": [{\"samples_per_s\": 1.0}], \"samples_per_s\": 83000.5}");
        assertEquals(83000.5, BenchCommand.number(o, "samples_per_s"), 0.0);
        assertThrows(IllegalStateException.class, () -> BenchCommand.number(o, "peak_rss_mb"));
    }

    @Test
    void longLivedFiguresAndRatiosThroughTheJsonCode() throws Exception {
        var side = new BenchCommand.Side(1000, 2000, 25.5, 70, new double[] {0.5, 0.25});
        var ref = new BenchCommand.Side(800, 1600, 25.4, 240, null);
        var def = new BenchCommand.Side(500, 400, 25.6, 260, null);
        var lived = new BenchCommand.Side(900, 1900, 25.5, 90, new double[] {0.6, 0.3});
        var f32 = new BenchCommand.Side(1500, 2900, 25.7, 75, new double[] {0.4, 0.2});
        var livedF32 = new BenchCommand.Side(1200, 2500, 25.7, 95, new double[] {0.5, 0.25});
        List<Map<String, Object>> rows = List.of(BenchCommand.withLongLivedAndRatios(
                throughJson(new BenchCommand.Row(BenchCommand.DIGITS, 2, 1797, side, f32, ref, def)),
                throughJson(new BenchCommand.Row(BenchCommand.DIGITS, 2, 1797, lived, livedF32, null, null))));
        assertEquals(1, rows.size());
        Map<String, Object> r = Json.parseObject(Json.write(rows.get(0)));
        assertEquals("digits", r.get("config"));
        assertEquals(1000.0, BenchCommand.number(r, "aelab_samples_per_s"), 0.0);
        assertEquals(1.25, BenchCommand.number(r, "ratio_vs_torch_f64_1thread"), 0.0);
        assertEquals(2.0, BenchCommand.number(r, "ratio_vs_torch_defaults"), 0.0);
        assertEquals(0.9, BenchCommand.number(r, "long_lived_over_fresh"), 1e-15);
        assertEquals(25.6, BenchCommand.number(r, "torch_defaults_final_loss"), 0.0);
        assertEquals(3.0, BenchCommand.number(r, "float32_ratio_vs_torch_defaults"), 0.0);
        assertEquals(0.8, BenchCommand.number(r, "long_lived_float32_over_fresh"), 1e-15);
        assertEquals(25.7, BenchCommand.number(r, "aelab_float32_final_loss"), 0.0);
        var out = new java.io.ByteArrayOutputStream();
        BenchCommand.printTable(rows, new java.io.PrintStream(out, true, "UTF-8"));
        String table = out.toString("UTF-8");
        assertTrue(table.contains("digits") && table.contains("1.25") && table.contains("0.90"), table);
        assertTrue(table.contains("f32 s/s") && table.contains("3.00") && table.contains("0.80"), table);
    }

    /** A row as the bench writes and reads it back: through the JSON code. */
    private static Map<String, Object> throughJson(BenchCommand.Row row) {
        return Json.parseObject(Json.write(BenchCommand.toMap(row)));
    }

    /** One round of the digits config, written through the JSON code as the bench writes it. */
    private static Path round(Path dir, String name, double aelab, double torchDefaults, double lived, double loss)
            throws Exception {
        var side = new BenchCommand.Side(aelab, aelab, loss, 70 + aelab / 100, new double[] {0.5, 0.25});
        var ref = new BenchCommand.Side(800, 800, 25.4, 240, null);
        var def = new BenchCommand.Side(torchDefaults, torchDefaults, 25.6, 260, null);
        var livedSide = new BenchCommand.Side(lived, lived, loss, 90, new double[] {0.6, 0.3});
        Path round = dir.resolve(name + ".json");
        Files.writeString(round, Json.write(Map.of("results", List.of(BenchCommand.withLongLivedAndRatios(
                throughJson(new BenchCommand.Row(BenchCommand.DIGITS, 2, 1797, side, null, ref, def)),
                throughJson(new BenchCommand.Row(BenchCommand.DIGITS, 2, 1797, livedSide, null, null, null)))))));
        return round;
    }

    @Test
    void roundsCombineIntoTheMedianOfEachRoundsRatioNotTheRatioOfMedians(@TempDir Path dir) throws Exception {
        // the host slows down in round 2: aelab and PyTorch both run at half speed there
        Path r1 = round(dir, "r1", 1000, 500, 900, 25.5);
        Path r2 = round(dir, "r2", 500, 250, 520, 25.5);
        Path r3 = round(dir, "r3", 1100, 600, 1000, 25.5);
        List<Map<String, Object>> rows = BenchCommand.combineRounds(List.of(r1, r2, r3));
        assertEquals(1, rows.size());
        Map<String, Object> r = Json.parseObject(Json.write(rows.get(0)));
        // per-round ratios vs PyTorch's defaults: 2.0, 2.0, 1.8333 -> median 2.0 (the ratio of medians is 1000/500 = 2.0
        // too; the long-lived ratios tell the two apart: 0.9, 1.04, 0.909 -> 0.909, while 900/1000 = 0.9)
        assertEquals(2.0, BenchCommand.number(r, "ratio_vs_torch_defaults"), 1e-15);
        assertEquals(1000.0 / 1100.0, BenchCommand.number(r, "long_lived_over_fresh"), 1e-15);
        assertEquals(1000.0, BenchCommand.number(r, "aelab_samples_per_s"), 0.0);
        assertEquals(1.25, BenchCommand.number(r, "ratio_vs_torch_f64_1thread"), 0.0);
        assertEquals(81.0, BenchCommand.number(r, "aelab_peak_rss_mb"), 1e-12, "peak RSS: the largest round's");
        assertEquals(3L, ((Number) r.get("rounds")).longValue());
        assertEquals(Boolean.TRUE, r.get("aelab_losses_equal_across_rounds"));
        assertEquals(3, ((List<?>) r.get("per_round")).size());
        assertTrue(!r.containsKey("aelab_epoch_seconds"), "epoch times stay with their round");
        var out = new java.io.ByteArrayOutputStream();
        BenchCommand.printRounds(rows, new java.io.PrintStream(out, true, "UTF-8"));
        String table = out.toString("UTF-8");
        assertTrue(table.contains("1.83") && table.contains("1.04") && table.contains("true"), table);

        // a round whose aelab loss differs is reported, not averaged away
        Path other = round(dir, "r4", 1000, 500, 900, 25.5000001);
        Map<String, Object> differing = BenchCommand.combineRounds(List.of(r1, other)).get(0);
        assertEquals(Boolean.FALSE, differing.get("aelab_losses_equal_across_rounds"));
        // and rounds of different configs or data are not one measurement
        Path mnist = dir.resolve("mnist.json");
        var side = new BenchCommand.Side(10, 10, 121, 400, new double[] {1, 1});
        Files.writeString(mnist, Json.write(Map.of("results", List.of(BenchCommand.toMap(
                new BenchCommand.Row(BenchCommand.MNIST, 2, 8000, side, null, null, null))))));
        var e = assertThrows(IllegalArgumentException.class, () -> BenchCommand.combineRounds(List.of(r1, mnist)));
        assertTrue(e.getMessage().contains("same configs"), e.getMessage());
    }

    /** A stand-in for the reference script: prints the given JSON (sh's printf, no Python needed). */
    private static List<String> printing(String json) {
        return List.of("/bin/sh", "-c", "printf '%s' '" + json + "'");
    }

    @Test
    void theReferenceMustHaveDifferentiatedTheBatchMeanLikeAelab() throws Exception {
        String figures = "\"samples_per_s\": 800, \"samples_per_cpu_s\": 900, \"final_loss\": 25.4,"
                + " \"peak_rss_mb\": 240, \"data_sum\": 35107.375";
        var side = BenchCommand.runReference(printing("{" + figures + ", \"reduction\": \"mean\"}"), 35107.375, 16);
        assertEquals(25.4, side.finalLoss(), 0.0);
        var e = assertThrows(IllegalStateException.class, () -> BenchCommand.runReference(
                printing("{" + figures + ", \"reduction\": \"sum\"}"), 35107.375, 16));
        assertTrue(e.getMessage().contains("differentiated the batch sum, not the mean"), e.getMessage());
        // an old reference script, which did not say
        assertThrows(IllegalStateException.class, () -> BenchCommand.runReference(printing("{" + figures + "}"),
                35107.375, 16));
        // and the data check still applies: one pixel of 1/16 more
        e = assertThrows(IllegalStateException.class, () -> BenchCommand.runReference(
                printing("{" + figures + ", \"reduction\": \"mean\"}"), 35107.375 + 1.0 / 16, 16));
        assertTrue(e.getMessage().contains("different data"), e.getMessage());
    }
}
