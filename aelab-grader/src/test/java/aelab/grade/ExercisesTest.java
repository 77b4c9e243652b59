package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExercisesTest {
    @Test
    void committedExercisesAreExactlyWhatTheCommandGenerates(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = ExercisesCommand.run(new String[] {"--out", tmp.toString()},
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(0, status, log.toString(StandardCharsets.UTF_8));
        List<Path> generated;
        try (Stream<Path> s = Files.list(tmp)) {
            generated = s.sorted().toList();
        }
        List<Path> solutions;
        try (Stream<Path> s = Files.list(Path.of("solutions"))) {
            solutions = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertEquals(solutions.size(), generated.size());
        for (Path g : generated) {
            Path committed = Path.of("exercises").resolve(g.getFileName());
            assertTrue(Files.exists(committed), "missing " + committed + ": run ./aelab exercises");
            assertEquals(Files.readString(g), Files.readString(committed),
                    committed + " is stale: run ./aelab exercises and commit the result");
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(g), Files.readAllBytes(committed)));
        }
        // --check agrees
        assertEquals(0, ExercisesCommand.run(new String[] {"--check"}, new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void checkModeReportsAStaleExercise(@TempDir Path tmp) throws Exception {
        Files.copy(Fixtures.PILOT_EXERCISE, tmp.resolve(Fixtures.PILOT_EXERCISE.getFileName()));
        Files.writeString(tmp.resolve(Fixtures.PILOT_EXERCISE.getFileName()), "{}");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(1, ExercisesCommand.run(new String[] {"--out", tmp.toString(), "--check"},
                new PrintStream(log, true, StandardCharsets.UTF_8)));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("differs from what"));
    }

    @Test
    void theExerciseHidesSolutionsAndProbesAndClearsOutputs() {
        Notebook ex = Exercises.exerciseOf("pilot", Fixtures.solution());
        String json = ex.toJson();
        assertFalse(json.contains("BEGIN SOLUTION"));
        assertFalse(json.contains("\"probes\""));
        assertFalse(json.contains("return 'B'"));
        Cell mse = ex.cell("mse-impl");
        assertEquals("double mseMeanPerElement(double[][] x, double[][] xHat) {\n    // YOUR CODE HERE\n"
                + "    throw new UnsupportedOperationException(\"not implemented\");\n}", mse.source());
        assertEquals(Boolean.FALSE, ex.cell("mse-check").metadata().get("editable"));
        for (Cell c : ex.cells()) {
            if (c.isCode()) {
                assertTrue(json.contains("\"outputs\": []"));
            }
        }
    }

    @Test
    void explanationCellsStayInTheSolutionOnly() {
        Notebook sol = Fixtures.solution();
        @SuppressWarnings("unchecked")
        java.util.List<Object> cells = (java.util.List<Object>) sol.json().get("cells");
        java.util.Map<String, Object> explain = new java.util.LinkedHashMap<>();
        explain.put("cell_type", "markdown");
        explain.put("metadata", new java.util.LinkedHashMap<>(java.util.Map.of("aelab",
                new java.util.LinkedHashMap<>(java.util.Map.of("solution_only", Boolean.TRUE)))));
        explain.put("source", "Why the key is B: the secret explanation");
        cells.add(explain);
        Notebook withExplanation = Notebook.parse(sol.toJson());
        Notebook ex = Exercises.exerciseOf("pilot", withExplanation);
        assertTrue(withExplanation.toJson().contains("secret explanation"));
        assertFalse(ex.toJson().contains("secret explanation"));
        long solutionOnly = withExplanation.cells().stream()
                .filter(c -> Boolean.TRUE.equals(c.aelab().get("solution_only"))).count();
        assertTrue(solutionOnly >= 1);
        assertEquals(withExplanation.cells().size() - solutionOnly, ex.cells().size());
    }

    @Test
    void stubLinesReplaceARegionThatIsNotAMethodBody() {
        String src = "double answer() {\n  return ANSWER;\n}\n// BEGIN SOLUTION\n// STUB: double ANSWER = Double.NaN;"
                + " // your value\ndouble ANSWER = 0.5;\n// END SOLUTION\nint after = 1;";
        assertEquals("double answer() {\n  return ANSWER;\n}\ndouble ANSWER = Double.NaN; // your value\nint after = 1;",
                SolutionRegions.stub(src, "cell 1"));
    }

    @Test
    void theDefaultStubKeepsTheMarkersIndentation() {
        assertEquals("int f() {\n        // YOUR CODE HERE\n        " + SolutionRegions.NOT_IMPLEMENTED + "\n}",
                SolutionRegions.stub("int f() {\n        // BEGIN SOLUTION\n        return 1;\n        // END SOLUTION\n}",
                        "x"));
    }

    private static void assertBadRegion(String src, String message) {
        NotebookException e = assertThrows(NotebookException.class, () -> SolutionRegions.stub(src, "cell 7"));
        assertTrue(e.getMessage().startsWith("cell 7: "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void malformedRegionsAreRejectedNamingTheCell() {
        assertBadRegion("// BEGIN SOLUTION\nint x;", "// BEGIN SOLUTION without // END SOLUTION");
        assertBadRegion("int x;\n// END SOLUTION", "// END SOLUTION without // BEGIN SOLUTION at line 2");
        assertBadRegion("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "nested // BEGIN SOLUTION at line 2");
        assertBadRegion("int x = 1;", "a solution cell needs a // BEGIN SOLUTION ... // END SOLUTION region");
    }
}
