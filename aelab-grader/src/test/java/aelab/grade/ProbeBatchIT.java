package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * All probes of a grade cell in one snippet: the display of the results array is split correctly, and in a real
 * JShell the batch gives exactly the observations of evaluating each probe on its own ({@link Sandbox#probe}), stops
 * at a probe that hangs (so that the caller evaluates it again on its own), and gives nothing when one probe does
 * not compile or the JVM dies.
 */
class ProbeBatchIT {
    private static final String FUNCTIONS = "double f(int k) {\n"
            + "    if (k == 2) while (true) { }\n"
            + "    if (k == 3) throw new IllegalStateException(\"a, \\\"b\\\" }\\n\" + \"x\".repeat(600));\n"
            + "    if (k == 4) throw new UnsupportedOperationException();\n"
            + "    if (k == 5) System.exit(1);\n"
            + "    return k / 3.0;\n}\n"
            + "char c(int k) { return k == 0 ? '\\'' : ','; }\n"
            + "boolean b() { return true; }\n"
            + "int n() { return -7; }\n";

    private static Probe probe(int index, String expr, String type, String expected) {
        return expected == null ? Probe.fromJson("cell", index, Map.of("expr", expr, "type", type), 1)
                : Probe.fromJson("cell", index, Map.of("expr", expr, "type", type, "expected", expected), 1);
    }

    @Test
    void theDisplayOfTheResultsArrayIsSplitIntoItsLiterals() {
        assertEquals(List.of("\"V\"", "2.5", "null", "\"T\"", "\"java.lang.X\"", "\"a, \\\"b\\\" }\"", "\"V\"",
                "','", "null"), ProbeBatch.elements("Object[9] { \"V\", 2.5, null, \"T\", \"java.lang.X\", "
                + "\"a, \\\"b\\\" }\", \"V\", ',', null }"));
        assertThrows(IllegalArgumentException.class, () -> ProbeBatch.elements("null"));
        assertThrows(IllegalArgumentException.class, () -> ProbeBatch.elements("Object[3] { \"V, 1.0, null }"));
        List<Probe> two = List.of(probe(0, "f(1)", "double", null), probe(1, "f(2)", "double", null));
        // the second probe did not finish: only the first is reported
        assertEquals(List.of(new Observation(Observation.Kind.VALUE, "0.5", "")),
                ProbeBatch.read(two, "Object[6] { \"V\", 0.5, null, null, null, null }"));
        assertThrows(IllegalArgumentException.class, () -> ProbeBatch.read(two, "Object[3] { \"V\", 0.5, null }"));
    }

    @Test
    void aBatchGivesTheSameObservationsAsSingleProbesAndStopsAtAHang() {
        try (Sandbox s = new Sandbox(Limits.defaults(), Sandbox.defaultClasspath(), new CappedOutput(1024))) {
            assertEquals(List.of(), s.evalCell(FUNCTIONS, 10_000).problems);
            List<Probe> probes = List.of(probe(0, "f(1)", "double", null), probe(1, "f(3)", "throws",
                    "java.lang.IllegalStateException"), probe(2, "f(4)", "double", null), probe(3, "f(6)", "throws",
                    "java.lang.IllegalStateException"), probe(4, "c(0)", "char", null), probe(5, "c(1)", "char", null),
                    probe(6, "b()", "boolean", null), probe(7, "n()", "long", null), probe(8, "n()", "double", null));
            List<Observation> single = new ArrayList<>();
            for (Probe p : probes) {
                single.add(s.probe(p, 10_000));
            }
            Sandbox.Batch batch = s.probeBatch(probes, 10_000);
            assertEquals(single, batch.finished);
            assertFalse(batch.firstTimedOut);

            List<Probe> hangSecond = List.of(probe(0, "f(1)", "double", null), probe(1, "f(2)", "double", null),
                    probe(2, "f(1)", "double", null));
            Sandbox.Batch stopped = s.probeBatch(hangSecond, 1500);
            assertEquals(List.of(single.get(0)), stopped.finished);
            assertFalse(stopped.firstTimedOut);
            Sandbox.Batch stoppedFirst = s.probeBatch(List.of(probe(0, "f(2)", "double", null), probe(1, "f(1)",
                    "double", null)), 1500);
            assertTrue(stoppedFirst.firstTimedOut);
            assertFalse(s.isDead());

            Sandbox.Batch oneDoesNotCompile = s.probeBatch(List.of(probe(0, "f(1)", "double", null),
                    probe(1, "g(1)", "double", null)), 10_000);
            assertEquals(List.of(), oneDoesNotCompile.finished);
            Sandbox.Batch exits = s.probeBatch(List.of(probe(0, "f(1)", "double", null), probe(1, "f(5)", "double",
                    null)), 10_000);
            assertEquals(List.of(), exits.finished);
            assertTrue(s.isDead());
        }
    }
}
