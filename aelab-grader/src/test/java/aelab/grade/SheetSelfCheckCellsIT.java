package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What students see on sheets 02–05: every code cell run top to bottom in JShell, as in Jupyter. In the solution
 * every self-check line says PASS; then, in the same JShell, the exercise's cells (which redefine every function as
 * the stub) make every self-check say FAIL with "not implemented yet" — and no cell has a compile error.
 */
class SheetSelfCheckCellsIT {
    /** The display of each grade cell of the solution, then of the exercise, run in one JShell. */
    /** Explanation cells (the checks behind quiz keys, solutions only) run and passed. */
    private static final AtomicInteger explanations = new AtomicInteger();

    private static List<List<String>> displays(String sheet) {
        List<String> solution = new ArrayList<>();
        List<String> exercise = new ArrayList<>();
        // Each notebook in a JShell of its own. (Run after the solution in the same JShell, the exercise's stubs do
        // not replace the solution's methods: the pipe-based sandbox engine has no class redefinition yet, a known
        // defect recorded in docs/grading.md.)
        try (Sandbox box = new Sandbox(SheetSubmissions.LIMITS, Sandbox.defaultClasspath(),
                new CappedOutput(1 << 16))) {
            run(box, SheetSubmissions.solution(sheet), solution);
        }
        try (Sandbox box = new Sandbox(SheetSubmissions.LIMITS, Sandbox.defaultClasspath(),
                new CappedOutput(1 << 16))) {
            run(box, Notebook.read(Path.of("exercises", sheet + ".ipynb")), exercise);
        }
        return List.of(solution, exercise);
    }

    private static void run(Sandbox box, Notebook nb, List<String> shown) {
        for (Cell c : nb.cells()) {
            if (!c.isCode()) {
                continue;
            }
            Sandbox.CellResult r = box.evalCell(c.source(), 60_000);
            assertEquals(List.of(), r.problems, c.describe() + ":\n" + c.source());
            if (c.isGrade()) {
                shown.add(JavaLiterals.unquote(r.lastValue, '"'));
            }
            if (Boolean.TRUE.equals(c.aelab().get("solution_only"))) {
                // the check behind a quiz key (solutions only): every line must pass
                String shownHere = JavaLiterals.unquote(r.lastValue, '"');
                assertTrue(shownHere.matches("(?s).*\\n(\\d+) of \\1 checks passed") && !shownHere.contains("FAIL"),
                        c.describe() + ":\n" + shownHere);
                explanations.incrementAndGet();
            }
        }
    }

    @Test
    void everySelfCheckPassesForTheSolutionAndFailsForTheExercise() throws Exception {
        List<String> sheets = SheetSubmissions.SHEETS;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Map<String, Future<List<List<String>>>> futures = new LinkedHashMap<>();
        try {
            for (String sheet : sheets) {
                futures.put(sheet, pool.submit(() -> displays(sheet)));
            }
            for (String sheet : sheets) {
                List<List<String>> d = futures.get(sheet).get();
                int parts = Assignment.read(SheetSubmissions.solutionPath(sheet)).items().size();
                assertEquals(parts, d.get(0).size(), sheet);
                assertEquals(parts, d.get(1).size(), sheet);
                for (String s : d.get(0)) {
                    assertFalse(s.contains("FAIL"), sheet + ": " + s);
                    assertTrue(s.matches("(?s).*\\n(\\d+) of \\1 checks passed"), sheet + ": " + s);
                }
                for (String s : d.get(1)) {
                    assertFalse(s.contains("PASS"), sheet + ": " + s);
                    assertTrue(s.contains("FAIL") && s.contains("not implemented yet"), sheet + ": " + s);
                }
            }
            int expected = 0;
            for (String sheet : sheets) {
                for (Cell c : SheetSubmissions.solution(sheet).cells()) {
                    if (c.isCode() && Boolean.TRUE.equals(c.aelab().get("solution_only"))) {
                        expected++;
                    }
                }
            }
            assertTrue(expected > 0, "no explanation cells found");
            assertEquals(expected, explanations.get(), "explanation cells run and passed");
        } finally {
            pool.shutdownNow();
        }
    }
}
