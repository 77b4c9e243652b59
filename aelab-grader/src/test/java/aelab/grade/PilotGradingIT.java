package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pilot's checks can fail: the instructor's solution earns full marks, the untouched exercise earns 0, and each
 * typical wrong answer loses exactly the points of the probes it gets wrong (worked out by hand below from the
 * probe inputs, not copied from the grader's output).
 */
class PilotGradingIT {
    private static Map<String, SubmissionResult> results;

    private static final String MSE_HEAD = "double mseMeanPerElement(double[][] x, double[][] xHat) {\n"
            + "    double sum = 0;\n"
            + "    for (int i = 0; i < x.length; i++) for (int j = 0; j < x[i].length; j++) {\n"
            + "        double d = x[i][j] - xHat[i][j]; sum += d * d; }\n";

    @BeforeAll
    static void gradeAll() throws Exception {
        Notebook sol = Fixtures.solution();
        Map<String, Notebook> subs = new LinkedHashMap<>();
        subs.put("solution", sol);
        subs.put("exercise", Notebook.read(Fixtures.PILOT_EXERCISE));
        subs.put("mse-sum", Fixtures.withCell(sol, "mse-impl", Fixtures.MSE_SUM));
        subs.put("mse-rows", Fixtures.withCell(sol, "mse-impl", MSE_HEAD + "    return sum / x.length;\n}"));
        subs.put("mse-cols", Fixtures.withCell(sol, "mse-impl", MSE_HEAD + "    return sum / x[0].length;\n}"));
        subs.put("mse-library", Fixtures.withCell(sol, "mse-impl",
                "double mseMeanPerElement(double[][] x, double[][] xHat) {\n"
                        + "    return aelab.loss.Mse.meanPerElement(x, xHat);\n}"));
        subs.put("gain-sigma", Fixtures.withCell(sol, "gain-impl",
                "double denoisingGain(double m, double s) {\n"
                        + "    if (s < 0) throw new IllegalArgumentException(\"s\");\n"
                        + "    return m / (m + s);\n}"));
        subs.put("gain-inverted", Fixtures.withCell(sol, "gain-impl",
                "double denoisingGain(double m, double s) {\n"
                        + "    if (s < 0) throw new IllegalArgumentException(\"s\");\n"
                        + "    return s * s / (m + s * s);\n}"));
        subs.put("gain-no-check", Fixtures.withCell(sol, "gain-impl",
                "double denoisingGain(double m, double s) { return m / (m + s * s); }"));
        subs.put("quiz-wrong", Fixtures.withCell(sol, "quiz1-answer", "char quiz1() { return 'A'; }"));
        subs.put("quiz-lowercase", Fixtures.withCell(sol, "quiz1-answer", "char quiz1() { return 'b'; }"));
        // an explanation cell (solution_only) that, if it ran, would replace the gain with 0 and exit the JVM
        Notebook explained = Fixtures.withExtraCell(sol, "gain-check",
                "double denoisingGain(double m, double s) { return 0; }\nSystem.exit(3);");
        for (Cell c : explained.cells()) {
            if (c.isCode() && c.source().contains("System.exit(3)")) {
                c.metadata().put("aelab", new LinkedHashMap<>(Map.of("solution_only", Boolean.TRUE)));
            }
        }
        subs.put("explanation-cell", Notebook.parse(explained.toJson()));
        results = Fixtures.gradePilot(subs);
    }

    private static void assertScores(String name, double mse, double gain, double quiz) {
        SubmissionResult r = results.get(name);
        String all = r.output() + "\n" + r.tests();
        assertEquals(mse, r.score("mse-check"), 1e-12, all);
        assertEquals(gain, r.score("gain-check"), 1e-12, all);
        assertEquals(quiz, r.score("quiz1-check"), 1e-12, all);
        assertEquals(8, r.maxScore(), 1e-12);
    }

    @Test
    void theSolutionEarnsFullMarks() {
        assertScores("solution", 3, 4, 1);
        assertEquals("All cells ran without problems.", results.get("solution").output());
    }

    @Test
    void anExplanationCellIsNotRun() {
        // solution_only cells are the instructor's (students never receive them): the grader skips them
        assertScores("explanation-cell", 3, 4, 1);
        assertEquals("All cells ran without problems.", results.get("explanation-cell").output());
    }

    @Test
    void theUntouchedExerciseEarnsZeroAndSaysNotImplemented() {
        assertScores("exercise", 0, 0, 0);
        assertTrue(results.get("exercise").output("mse-check").contains("FAIL one row (1x4) (1 pt): not implemented"));
    }

    @Test
    void sumInsteadOfMeanFailsEveryMseProbe() {
        // 1x4: 8 != 2; 3x1: 14 != 14/3; 2x2: 12 != 3
        assertScores("mse-sum", 0, 4, 1);
    }

    @Test
    void dividingByRowsOnlyPassesOnlyTheSingleColumnProbe() {
        // 1x4: 8/1 != 2; 3x1: 14/3 == 14/3; 2x2: 12/2 != 3
        assertScores("mse-rows", 1, 4, 1);
        assertTrue(results.get("mse-rows").output("mse-check").contains("not by how many rows"));
    }

    @Test
    void dividingByColumnsOnlyPassesOnlyTheSingleRowProbe() {
        // 1x4: 8/4 == 2; 3x1: 14/1 != 14/3; 2x2: 12/2 != 3
        assertScores("mse-cols", 1, 4, 1);
    }

    @Test
    void callingTheLibraryEarnsNothingAndSaysWhy() {
        assertScores("mse-library", 0, 4, 1);
        assertTrue(results.get("mse-library").output("mse-check").contains("the solution uses aelab.loss"),
                results.get("mse-library").output("mse-check"));
    }

    @Test
    void sigmaInsteadOfSigmaSquaredFailsOnlyWhereSigmaIsNotOne() {
        // (1,1): 1/2 == 1/2; (2,0.5): 2/2.5 != 2/2.25; (0,2): 0 == 0; negative sigma still rejected
        assertScores("gain-sigma", 3, 3, 1);
        assertTrue(results.get("gain-sigma").output("gain-check").contains("FAIL m = 2, sigma = 0.5"));
    }

    @Test
    void theNoiseFractionInsteadOfTheGainLosesTwoProbes() {
        // (1,1): 1/2 == 1/2; (2,0.5): 0.25/2.25 != 2/2.25; (0,2): 1 != 0; negative sigma rejected
        assertScores("gain-inverted", 3, 2, 1);
    }

    @Test
    void missingArgumentValidationLosesOnlyTheThrowsProbe() {
        assertScores("gain-no-check", 3, 3, 1);
        assertTrue(results.get("gain-no-check").output("gain-check")
                .contains("FAIL negative sigma rejected (1 pt): nothing was thrown: this input must be rejected "
                        + "with the exception the exercise names hint: "));
    }

    @Test
    void aWrongQuizAnswerEarnsNothingForTheQuizOnly() {
        assertScores("quiz-wrong", 3, 4, 0);
        assertScores("quiz-lowercase", 3, 4, 0);
        assertTrue(results.get("quiz-wrong").output("quiz1-check").startsWith("FAIL answer (1 pt): returned A: not the "
                + "keyed answer hint: "), results.get("quiz-wrong").output("quiz1-check"));
    }

    /**
     * No FAIL line of a wrong or untouched submission gives the expected value away. The pilot's probes take their
     * expected values from the instructor's notebook: here they are read from the solution's PASS lines.
     */
    @Test
    void noFailLineGivesTheExpectedValueAway() {
        Assignment a = Assignment.read(Fixtures.PILOT);
        Map<String, String> expected = new LinkedHashMap<>();
        SubmissionResult solution = results.get("solution");
        for (GradeItem g : a.items()) {
            for (Probe p : g.probes()) {
                String head = "PASS " + p.name() + " (";
                String line = solution.output(g.gradeId()).lines().filter(l -> l.startsWith(head)).findFirst()
                        .orElseThrow();
                String value = line.substring(line.indexOf("): ", head.length()) + 3);
                expected.put(p.id(), value.startsWith("returned ") ? value.substring(9) : value.substring(6));
            }
        }
        java.util.List<String> leaks = new java.util.ArrayList<>();
        int failLines = 0;
        for (SubmissionResult r : results.values()) {
            leaks.addAll(AnswerLeaks.inFailLines(a, expected, r));
            failLines += (int) r.tests().stream().flatMap(t -> t.output().lines()).filter(l -> l.startsWith("FAIL "))
                    .count();
        }
        assertTrue(failLines >= 20, "FAIL lines checked: " + failLines);
        assertEquals(java.util.List.of(), leaks);
    }
}
