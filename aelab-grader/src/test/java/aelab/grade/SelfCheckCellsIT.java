package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What students see: every code cell of the pilot, grade cells included, run top to bottom in JShell. In the
 * solution every self-check says PASS; in the untouched exercise every one says FAIL, and "not implemented yet".
 * The solution's explanation cell (the check behind the quiz key, {@code metadata.aelab.solution_only}) passes.
 */
class SelfCheckCellsIT {
    /** Explanation cells run and passed. */
    private static int explanations;

    private static List<String> gradeCellDisplays(Notebook nb) {
        List<String> shown = new ArrayList<>();
        try (Sandbox box = new Sandbox(Fixtures.LIMITS, Sandbox.defaultClasspath(), new CappedOutput(1 << 16))) {
            for (Cell c : nb.cells()) {
                if (!c.isCode()) {
                    continue;
                }
                Sandbox.CellResult r = box.evalCell(c.source(), 60_000);
                if (c.isGrade()) {
                    assertEquals(List.of(), r.problems, c.describe());
                    shown.add(JavaLiterals.unquote(r.lastValue, '"'));
                } else {
                    assertEquals(List.of(), r.problems, c.describe());
                }
                if (Boolean.TRUE.equals(c.aelab().get("solution_only"))) {
                    String shownHere = JavaLiterals.unquote(r.lastValue, '"');
                    assertTrue(shownHere.matches("(?s).*\\n(\\d+) of \\1 checks passed") && !shownHere.contains("FAIL"),
                            c.describe() + ":\n" + shownHere);
                    explanations++;
                }
            }
        }
        return shown;
    }

    @Test
    void theSolutionsSelfChecksAllPassAndTheExercisesAllFail() {
        List<String> solution = gradeCellDisplays(Fixtures.solution());
        assertEquals(3, solution.size());
        assertEquals(1, explanations, "the quiz's explanation cell ran and passed");
        for (String s : solution) {
            assertFalse(s.contains("FAIL"), s);
            assertTrue(s.matches("(?s).*\\n(\\d+) of \\1 checks passed"), s);
        }
        List<String> exercise = gradeCellDisplays(Notebook.read(Fixtures.PILOT_EXERCISE));
        assertEquals(3, exercise.size());
        for (String s : exercise) {
            assertFalse(s.contains("PASS"), s);
            assertTrue(s.contains("FAIL") && s.contains("not implemented yet"), s);
        }
    }
}
