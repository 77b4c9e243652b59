package aelab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void medianExcludesTheFirstEpoch() {
        assertEquals(2.0, BenchCommand.medianAfterFirst(new double[] {100, 3, 1, 2}), 0.0);
        assertEquals(2.5, BenchCommand.medianAfterFirst(new double[] {100, 3, 2}), 0.0);
        assertEquals(7.0, BenchCommand.medianAfterFirst(new double[] {7}), 0.0);
    }

    @Test
    void topLevelReadsOnlyTopLevelKeys() {
        String json = "{\n \"config\": \"digits\",\n \"runs\": [\n  {\n   \"samples_per_s\": 1.0\n  }\n ],\n"
                + " \"samples_per_s\": 83000.5,\n \"final_loss\": 24.86\n}\n";
        assertEquals(83000.5, BenchCommand.topLevel(json, "samples_per_s"), 0.0);
        assertEquals(24.86, BenchCommand.topLevel(json, "final_loss"), 0.0);
        assertThrows(IllegalStateException.class, () -> BenchCommand.topLevel(json, "peak_rss_mb"));
    }

    @Test
    void jsonHasTheRequiredFields() {
        var side = new BenchCommand.Side(1000, 2000, 25.5, 70, new double[] {0.5, 0.25});
        var ref = new BenchCommand.Side(800, 1600, 25.4, 240, null);
        String json = BenchCommand.toJson(List.of(new BenchCommand.Row(BenchCommand.DIGITS, 2, 1797, side, ref)));
        for (String s : new String[] {"{\"results\": [", "\"config\": \"digits\"", "\"aelab_samples_per_s\": 1000",
            "\"reference_samples_per_s\": 800", "\"aelab_final_loss\": 25.5", "\"reference_final_loss\": 25.4",
            "\"ratio\": 1.25"}) {
            assertTrue(json.contains(s), s + " missing in " + json);
        }
    }
}
