package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broken and hostile submissions, graded end to end through {@code GradeCommand} (files in, results.json out, two at
 * a time, 2 s per cell, 40 s per submission). In every case: the affected parts get a clear verdict, unaffected parts
 * keep their points, nothing hangs, no student JVM is left running, the submission files are unchanged.
 */
class HostileSubmissionsIT {
    private static Path dir;
    private static Path out;
    private static int exitStatus;
    private static String log;
    private static final Map<String, String> hashes = new LinkedHashMap<>();
    private static final Map<String, Map<String, Object>> results = new LinkedHashMap<>();

    private static final String LEAVE = "double mseMeanPerElement(double[][] x, double[][] xHat) {\n"
            + "    double sum = 0; int n = 0;\n"
            + "    for (double[] r : x) n += r.length;\n"
            + "    for (int i = 0; i < x.length; i++) for (int j = 0; j < x[i].length; j++) {\n"
            + "        double d = x[i][j] - xHat[i][j]; sum += d * d; }\n"
            + "    return sum / n;\n}";

    /** The correct MSE with a typo in line 5: {@code lenght}. */
    private static final String TYPO = "double mseMeanPerElement(double[][] x, double[][] xHat) {\n"
            + "    double sum = 0;\n"
            + "    for (int i = 0; i < x.length; i++) for (int j = 0; j < x[i].length; j++) {\n"
            + "        double d = x[i][j] - xHat[i][j]; sum += d * d; }\n"
            + "    return sum / (x.length * x[0].lenght);\n}";
    /** The correct gain without the semicolon at the end of line 3. */
    private static final String MISSING_SEMICOLON = "double denoisingGain(double m, double s) {\n"
            + "    if (s < 0) throw new IllegalArgumentException(\"s\");\n"
            + "    double v = s * s\n"
            + "    return m / (m + v);\n}";

    /** The correct gain, except that the second gain probe, denoisingGain(2.0, 0.5), runs {@code code}. */
    private static String gainThat(String code) {
        return "double denoisingGain(double m, double s) {\n"
                + "    if (m == 2.0) { " + code + " }\n"
                + "    if (!(s >= 0)) throw new IllegalArgumentException(\"s < 0\");\n"
                + "    return m / (m + s * s);\n}";
    }

    /** The library's MSE per element (aelab.loss, forbidden in the MSE part) with {@code pkg} spelled as given. */
    private static String libraryMse(String pkg) {
        return pkg + ".ReconstructionLoss.mse(new org.ejml.data.DMatrixRMaj(x), new org.ejml.data.DMatrixRMaj(xHat), "
                + pkg + ".Reduction.MEAN_PER_ELEMENT)";
    }

    private static final String MSE_HEADER = "double mseMeanPerElement(double[][] x, double[][] xHat) {\n";

    /** Reflection on a class found some way: the library's mse(DMatrixRMaj, DMatrixRMaj, Reduction). */
    private static final String INVOKE_MSE = "    java.lang.reflect.Method m = null;\n"
            + "    for (java.lang.reflect.Method c : loss.getMethods()) if (c.getName().equals(\"mse\")\n"
            + "        && c.getParameterTypes()[0] == org.ejml.data.DMatrixRMaj.class) m = c;\n"
            + "    Object mean = null;\n"
            + "    for (Object e : m.getParameterTypes()[2].getEnumConstants())\n"
            + "        if (((Enum<?>) e).name().equals(\"MEAN_PER_ELEMENT\")) mean = e;\n"
            + "    return (double) m.invoke(null, new org.ejml.data.DMatrixRMaj(x), new org.ejml.data.DMatrixRMaj(xHat), mean);\n";

    /** A copy of the notebook with the cell {@code gradeId} moved before the cell {@code beforeGradeId}. */
    @SuppressWarnings("unchecked")
    private static Notebook moved(Notebook nb, String gradeId, String beforeGradeId) {
        Map<String, Object> json = Json.parseObject(nb.toJson());
        List<Object> cells = (List<Object>) json.get("cells");
        Object cell = cells.remove(nb.cell(gradeId).index());
        cells.add(nb.cell(beforeGradeId).index(), cell);
        return Notebook.parse(Json.write(json));
    }

    @BeforeAll
    static void gradeEverything() throws Exception {
        dir = Files.createTempDirectory("aelab-hostile-");
        out = dir.resolve("out");
        Notebook sol = Fixtures.solution();
        Map<String, String> subs = new LinkedHashMap<>();
        subs.put("malformed-json", "{\"cells\": [ {\"cell_type\": \"code\", \"source\": \"int x = 1;\"");
        subs.put("not-a-notebook", "[1, 2, 3]");
        subs.put("missing-solution-cell", Fixtures.without(sol, "mse-impl").toJson());
        subs.put("renamed-solution-cell", Fixtures.renamed(sol, "mse-impl", "my-mse").toJson());
        subs.put("missing-grade-cell", Fixtures.without(sol, "gain-check").toJson());
        subs.put("edited-grade-cell", Fixtures.withCell(Fixtures.withCell(sol, "mse-impl", Fixtures.MSE_SUM),
                "mse-check", "System.out.println(\"PASS mse-check 3/3\");").toJson());
        subs.put("compile-error", Fixtures.withCell(sol, "mse-impl",
                "double mseMeanPerElement(double[][] x, double[][] xHat) { return x.length + ; }").toJson());
        // a student's typo and a forgotten semicolon: the feedback shows the line and javac's message once
        subs.put("typo-identifier", Fixtures.withCell(sol, "mse-impl", TYPO).toJson());
        subs.put("missing-semicolon", Fixtures.withCell(sol, "gain-impl", MISSING_SEMICOLON).toJson());
        subs.put("uncaught-exception-in-cell", Fixtures.withExtraCell(sol, "gain-impl",
                "throw new IllegalStateException(\"boom\");").toJson());
        subs.put("exception-in-function", Fixtures.withCell(sol, "gain-impl",
                "double denoisingGain(double m, double s) { int zero = 0; return m / (m + s * s) + 1 / zero; }")
                .toJson());
        subs.put("infinite-loop", Fixtures.withCell(sol, "mse-impl",
                "double mseMeanPerElement(double[][] x, double[][] xHat) { while (true) { } }").toJson());
        subs.put("loop-in-solution-cell", Fixtures.withCell(sol, "gain-impl",
                "double denoisingGain(double m, double s) {\n"
                        + "    if (!(s >= 0)) throw new IllegalArgumentException(\"s < 0\");\n"
                        + "    return m / (m + s * s);\n}\n"
                        + "while (true) { }").toJson());
        subs.put("loop-catching-throwable-in-cell", Fixtures.withExtraCell(sol, "gain-impl",
                "while (true) { try { Thread.sleep(5); } catch (Throwable t) { } }").toJson());
        subs.put("loop-catching-throwable-in-function", Fixtures.withCell(sol, "mse-impl",
                "double mseMeanPerElement(double[][] x, double[][] xHat) {\n"
                        + "    while (true) { try { Thread.sleep(5); } catch (Throwable t) { } }\n}").toJson());
        subs.put("system-exit", Fixtures.withExtraCell(sol, "gain-impl", "System.exit(0);").toJson());
        subs.put("halt-in-function", Fixtures.withCell(sol, "gain-impl",
                "double denoisingGain(double m, double s) { Runtime.getRuntime().halt(1); return 0; }").toJson());
        subs.put("out-of-memory", Fixtures.withCell(sol, "mse-impl",
                "double mseMeanPerElement(double[][] x, double[][] xHat) {\n"
                        + "    java.util.List<long[]> keep = new java.util.ArrayList<>();\n"
                        + "    while (true) keep.add(new long[1 << 22]);\n}").toJson());
        subs.put("fifty-megabytes-of-output", Fixtures.withExtraCell(sol, "gain-impl",
                "String line = \"x\".repeat(1023) + \"\\n\";\n"
                        + "for (int i = 0; i < 51200; i++) System.out.print(line);").toJson());
        subs.put("fake-pass-and-score-json", Fixtures.withExtraCell(Fixtures.withCell(sol, "mse-impl",
                Fixtures.MSE_SUM), "gain-impl", "System.out.println(\"PASS one row (1x4) (1 pt)\");\n"
                + "System.out.println(\"{\\\"score\\\": 8.0, \\\"tests\\\": []}\");").toJson());
        String shadows = "class Math { static double abs(double x) { return 0; } static double sqrt(double x) { return 0; } }\n"
                + "class Double { static double parseDouble(String s) { return 0; } }\n"
                + "class String { }\nclass Long { }\nclass Character { }\nclass Boolean { }";
        subs.put("shadowed-jdk-classes", Fixtures.withExtraCell(sol, "mse-impl", shadows).toJson());
        subs.put("shadowed-jdk-classes-wrong-answer", Fixtures.withExtraCell(Fixtures.withCell(sol, "mse-impl",
                Fixtures.MSE_SUM), "mse-impl", shadows).toJson());
        subs.put("redefined-selfcheck", Fixtures.withExtraCell(Fixtures.withCell(sol, "mse-impl", Fixtures.MSE_SUM),
                "mse-impl", "class SelfCheck { static String report(String... s) { return \"PASS 8/8\"; }\n"
                        + "  static String close(Object... o) { return \"PASS\"; } }").toJson());
        Path fake = out.resolve("shutdown-hook-and-stray-thread").resolve("results.json").toAbsolutePath();
        subs.put("shutdown-hook-and-stray-thread", Fixtures.withExtraCell(Notebook.read(Fixtures.PILOT_EXERCISE),
                "gain-impl", "java.nio.file.Path target = java.nio.file.Path.of(\"" + fake + "\");\n"
                        + "Runnable fake = () -> { try { java.nio.file.Files.createDirectories(target.getParent());\n"
                        + "  java.nio.file.Files.writeString(target, \"{\\\"score\\\": 999}\"); } catch (Exception e) { } };\n"
                        + "Runtime.getRuntime().addShutdownHook(new Thread(fake));\n"
                        + "Thread stray = new Thread(() -> { while (true) { fake.run(); try { Thread.sleep(20); }"
                        + " catch (Throwable t) { } } });\n"
                        + "stray.start();").toJson());
        subs.put("equals-always-true", Fixtures.withCell(sol, "quiz1-answer",
                "Object quiz1() { return new Object() { public boolean equals(Object o) { return true; }\n"
                        + "  public String toString() { return \"B\"; } }; }").toJson());
        // the probes of a grade cell run in one snippet first: a hang or exit in its second probe must still cost
        // only that probe and the ones after it, each with its own time limit and verdict
        subs.put("hang-in-second-probe", Fixtures.withCell(sol, "gain-impl", gainThat("while (true) { }")).toJson());
        subs.put("exit-in-second-probe", Fixtures.withCell(sol, "gain-impl", gainThat("System.exit(3);")).toJson());
        subs.put("correct-but-leaves-a-thread", Fixtures.withExtraCell(Fixtures.withCell(sol, "mse-impl", LEAVE),
                "gain-impl", "new Thread(() -> { while (true) { } }).start();").toJson());
        // issue 9 part 5: the MSE part forbids aelab.loss; each of these reaches it without spelling it
        subs.put("forbidden-unicode-escape", Fixtures.withCell(sol, "mse-impl", MSE_HEADER + "    return "
                + libraryMse("aelab.\\u006coss") + ";\n}").toJson());
        subs.put("forbidden-class-for-name", Fixtures.withCell(sol, "mse-impl", MSE_HEADER + "  try {\n"
                + "    Class<?> loss = Class.forName(\"aelab.\" + \"lo\" + \"ss.Reconstruction\" + \"Loss\");\n"
                + INVOKE_MSE + "  } catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }\n}")
                .toJson());
        subs.put("forbidden-method-handle", Fixtures.withCell(sol, "mse-impl", MSE_HEADER + "  try {\n"
                + "    String p = new StringBuilder(\"ssol.balea\").reverse() + \".\";\n"
                + "    ClassLoader cl = ClassLoader.getSystemClassLoader();\n"
                + "    Class<?> red = cl.loadClass(p + \"Reduction\");\n"
                + "    var h = java.lang.invoke.MethodHandles.publicLookup().findStatic(cl.loadClass(p + "
                + "\"ReconstructionLoss\"), \"mse\",\n"
                + "        java.lang.invoke.MethodType.methodType(double.class, org.ejml.data.DMatrixRMaj.class, "
                + "org.ejml.data.DMatrixRMaj.class, red));\n"
                + "    return (double) h.invoke(new org.ejml.data.DMatrixRMaj(x), new org.ejml.data.DMatrixRMaj(xHat), "
                + "red.getField(\"MEAN_PER_ELEMENT\").get(null));\n"
                + "  } catch (Throwable t) { throw new IllegalStateException(t); }\n}").toJson());
        subs.put("forbidden-reflection", Fixtures.withCell(sol, "mse-impl", MSE_HEADER + "  try {\n"
                + "    Class<?> loss = Thread.currentThread().getContextClassLoader().loadClass(\n"
                + "        new String(new char[] {97, 101, 108, 97, 98, 46, 108, 111, 115, 115}) + "
                + "\".ReconstructionLoss\");\n"
                + INVOKE_MSE + "  } catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }\n}")
                .toJson());
        // the helper sits in the quiz's solution cell, moved before the MSE cell (cells run in the submission's order)
        subs.put("forbidden-helper-in-quiz-cell", moved(Fixtures.withCell(Fixtures.withCell(sol, "quiz1-answer",
                "import aelab.loss.*;\n"
                        + "double helper(double[][] x, double[][] xHat) {\n    return " + libraryMse("aelab.loss")
                        + ";\n}\nchar quiz1() { return 'B'; }"), "mse-impl", MSE_HEADER
                + "    return helper(x, xHat);\n}"), "quiz1-answer", "mse-impl").toJson());
        // honest: aelab.loss used where it is allowed (the gain part forbids nothing): no part loses points
        subs.put("library-in-an-unrelated-part", Fixtures.withCell(sol, "gain-impl",
                "double denoisingGain(double m, double s) {\n"
                        + "    if (!(s >= 0)) throw new IllegalArgumentException(\"s < 0\");\n"
                        + "    double s2 = aelab.loss.ReconstructionLoss.mse(new double[] {s}, new double[] {0}, "
                        + "aelab.loss.Reduction.SUM);\n"
                        + "    return m / (m + s2);\n}").toJson());
        for (Map.Entry<String, String> e : subs.entrySet()) {
            Path f = dir.resolve("subs").resolve(e.getKey() + ".ipynb");
            Fixtures.write(f, e.getValue());
            hashes.put(e.getKey(), Fixtures.sha256(f));
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        exitStatus = GradeCommand.run(new String[] {dir.resolve("subs").toString(), "--key", Fixtures.PILOT.toString(),
            "--out", out.toString(), "--cell-seconds", "2", "--total-seconds", "40", "--jobs", "2"},
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        log = buf.toString(StandardCharsets.UTF_8);
        Thread.sleep(300); // give a surviving stray thread a chance to overwrite a result file
        for (String name : subs.keySet()) {
            results.put(name, Json.parseObject(Files.readString(out.resolve(name).resolve("results.json"))));
        }
    }

    @AfterAll
    static void noStudentJvmIsLeft() throws Exception {
        assertEquals(List.of(), Fixtures.strayChildren());
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> test(String name, int index) {
        return (Map<String, Object>) ((List<Object>) results.get(name).get("tests")).get(index);
    }

    private static String outputs(String name) {
        return results.get(name).get("output") + "\n" + results.get(name).get("tests");
    }

    /** Asserts the three parts' scores (mse, gain, quiz) and that the verdict text appears. */
    private static void assertScores(String name, double mse, double gain, double quiz, String verdict) {
        String all = outputs(name);
        assertEquals(mse, ((Number) test(name, 0).get("score")).doubleValue(), 1e-12, all);
        assertEquals(gain, ((Number) test(name, 1).get("score")).doubleValue(), 1e-12, all);
        assertEquals(quiz, ((Number) test(name, 2).get("score")).doubleValue(), 1e-12, all);
        assertEquals(mse + gain + quiz, ((Number) results.get(name).get("score")).doubleValue(), 1e-12, all);
        assertTrue(all.contains(verdict), "expected \"" + verdict + "\" in\n" + all);
        assertTrue(((Number) results.get(name).get("execution_time")).doubleValue() <= 60, all);
    }

    @Test
    void gradingRanAndExitedZeroWithASummaryRowPerSubmission() throws Exception {
        assertEquals(0, exitStatus, log);
        // some pilot probes take their expected value from the instructor's copy
        assertTrue(log.contains("running the instructor's 01-pilot-exercises for the expected values"), log);
        List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("submission,assignment,score,max_score,mse-check,gain-check,quiz1-check", rows.get(0));
        assertEquals(results.size() + 1, rows.size());
    }

    @Test
    void submissionFilesAreUnchanged() throws Exception {
        for (Map.Entry<String, String> e : hashes.entrySet()) {
            assertEquals(e.getValue(), Fixtures.sha256(dir.resolve("subs").resolve(e.getKey() + ".ipynb")), e.getKey());
        }
    }

    @Test
    void malformedJsonScoresZeroWithTheParseError() {
        assertScores("malformed-json", 0, 0, 0, "malformed JSON");
    }

    @Test
    void validJsonThatIsNotANotebookScoresZero() {
        assertScores("not-a-notebook", 0, 0, 0, "expected a JSON object at the top level");
    }

    @Test
    void aMissingSolutionCellLosesOnlyItsPart() {
        assertScores("missing-solution-cell", 0, 4, 1, "solution cell mse-impl is missing");
    }

    @Test
    void aRenamedSolutionCellStillRunsAndIsReported() {
        assertScores("renamed-solution-cell", 3, 4, 1, "grade_id my-mse, which the assignment does not have");
    }

    @Test
    void aDeletedGradeCellIsRestoredFromTheInstructorsCopy() {
        assertScores("missing-grade-cell", 3, 4, 1, "grade cell gain-check is missing; it was restored");
    }

    @Test
    void anEditedGradeCellIsReplacedAndItsFakePassIsIgnored() {
        assertScores("edited-grade-cell", 0, 4, 1, "grade cell mse-check was changed; the instructor's version was used");
    }

    @Test
    void aCompileErrorCostsOnlyThatExercise() {
        assertScores("compile-error", 0, 4, 1, "solution cell mse-impl: compile error");
    }

    @Test
    void anUncaughtExceptionInACellIsReportedAndNothingElseIsLost() {
        assertScores("uncaught-exception-in-cell", 3, 4, 1, "threw java.lang.IllegalStateException: boom");
    }

    @Test
    void anExceptionInsideTheFunctionFailsItsProbes() {
        assertScores("exception-in-function", 3, 0, 1, "threw java.lang.ArithmeticException");
    }

    @Test
    void anInfiniteLoopIsStoppedAtTheTimeLimit() {
        // the limit is stated where the check failed (2 s per cell and check in this test's run)
        assertScores("infinite-loop", 0, 4, 1,
                "FAIL one row (1x4) (1 pt): stopped after 2 s, the time limit for one check\n");
        assertFalse(outputs("infinite-loop").contains(" hint: "), outputs("infinite-loop"));
    }

    @Test
    void aLoopInASolutionCellIsStoppedAtTheCellLimitAndSaysSo() {
        // the function was defined before the loop: the part keeps its points
        assertScores("loop-in-solution-cell", 3, 4, 1,
                "solution cell gain-impl: stopped after 2 s, the time limit for one cell");
    }

    /** The number of non-overlapping occurrences of {@code part} in {@code text}. */
    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /**
     * The part's feedback starts with the cell's line number, javac's message, the student's line and a caret; the
     * message and the line appear once in the whole result; the part's probes carry no hint.
     */
    private static String assertCompileErrorShownOnce(String name, int part, String head, String line, int caret,
            String message, int probes) {
        String out = (String) test(name, part).get("output");
        assertTrue(out.startsWith(head + message + "\n    " + line + "\n    " + " ".repeat(caret) + "^\n"), out);
        String all = outputs(name);
        assertEquals(1, count(all, message), all);
        assertEquals(1, count(all, line.strip()), all);
        assertFalse(out.contains(" hint: "), out);
        assertEquals(probes, count(out, "not checked: your code for this part has a problem (see above)"), out);
        return all;
    }

    @Test
    void aTypoShowsTheStudentsLineAndTheCompilerMessageOnceWithoutAHint() {
        assertScores("typo-identifier", 0, 4, 1, "");
        String all = assertCompileErrorShownOnce("typo-identifier", 0,
                "solution cell mse-impl: compile error in line 5: ", "    return sum / (x.length * x[0].lenght);", 33,
                "cannot find symbol: variable lenght (in class double[])", 3);
        assertFalse(all.contains("location: class"), all);
        assertEquals("solution cell mse-impl: compile error in line 5 (details under \u201cExercise 1: MSE per "
                + "element\u201d)", results.get("typo-identifier").get("output"));
    }

    @Test
    void aMissingSemicolonShowsTheLineOnceWithoutAHint() {
        assertScores("missing-semicolon", 3, 0, 1, "");
        assertCompileErrorShownOnce("missing-semicolon", 1, "solution cell gain-impl: compile error in line 3: ",
                "    double v = s * s", 20, "';' expected", 4);
    }

    @Test
    void aTopLevelLoopThatCatchesThrowableIsKilledAndTheRestStillGraded() {
        assertScores("loop-catching-throwable-in-cell", 3, 4, 1, "it ignored the stop request, so its JVM was killed");
    }

    @Test
    void aFunctionLoopingAndCatchingThrowableLosesOnlyItsPart() {
        assertScores("loop-catching-throwable-in-function", 0, 4, 1, "skipped: an earlier check of this part");
    }

    @Test
    void systemExitIsSurvivedByRestartingWithoutThatCell() {
        assertScores("system-exit", 3, 4, 1, "the JVM died while this cell ran");
    }

    @Test
    void runtimeHaltInsideAFunctionLosesOnlyItsPart() {
        assertScores("halt-in-function", 3, 0, 1, "the JVM died while it ran");
    }

    @Test
    void outOfMemoryInsideAFunctionLosesOnlyItsPart() {
        // on a very busy machine filling 256 MB can take longer than the 2 s limit: then the verdict is a timeout
        String all = outputs("out-of-memory");
        assertScores("out-of-memory", 0, 4, 1, "");
        assertTrue(all.contains("threw java.lang.OutOfMemoryError") || all.contains("stopped after 2 s"), all);
    }

    @Test
    void fiftyMegabytesOfOutputAreCappedOrStopped() {
        String all = outputs("fifty-megabytes-of-output");
        assertScores("fifty-megabytes-of-output", 3, 4, 1, "");
        assertTrue(all.contains("output beyond 65536 bytes was discarded") || all.contains("stopped after 2 s"), all);
    }

    @Test
    void printedPassLinesAndFakeScoreJsonAreIgnored() {
        assertScores("fake-pass-and-score-json", 0, 4, 1, "FAIL one row (1x4)");
    }

    @Test
    void shadowingJdkClassesDoesNotChangeHowValuesAreRead() {
        assertScores("shadowed-jdk-classes", 3, 4, 1, "");
        assertScores("shadowed-jdk-classes-wrong-answer", 0, 4, 1, "FAIL one row (1x4)");
    }

    @Test
    void aRedefinedSelfCheckCannotPassAnything() {
        assertScores("redefined-selfcheck", 0, 4, 1, "FAIL 2x2 with differences of both signs");
        assertScores("redefined-selfcheck", 0, 4, 1, "declares class SelfCheck");
        assertScores("redefined-selfcheck", 0, 4, 1, "it was removed");
    }

    @Test
    void aShutdownHookAndAStrayThreadCannotOverwriteTheResults() {
        assertScores("shutdown-hook-and-stray-thread", 0, 0, 0, "not implemented");
        assertFalse(results.get("shutdown-hook-and-stray-thread").toString().contains("999"));
    }

    @Test
    void anEqualsThatAlwaysReturnsTrueIsNeverCalled() {
        assertScores("equals-always-true", 3, 4, 0, "the check could not call your code: incompatible types");
    }

    @Test
    void aHangInTheSecondProbeOfAPartCostsThatProbeAndTheRest() {
        assertScores("hang-in-second-probe", 3, 1, 1,
                "FAIL m = 2, sigma = 0.5 (1 pt): stopped after 2 s, the time limit for one check\n");
        assertScores("hang-in-second-probe", 3, 1, 1,
                "skipped: an earlier check of this part ran past the time limit");
    }

    @Test
    void anExitInTheSecondProbeOfAPartCostsThatProbeAndTheRest() {
        assertScores("exit-in-second-probe", 3, 1, 1, "the JVM died while it ran");
        assertScores("exit-in-second-probe", 3, 1, 1, "skipped: an earlier check of this part killed the JVM");
    }

    @Test
    void aStrayBusyThreadDoesNotCostPointsAndIsKilled() {
        assertScores("correct-but-leaves-a-thread", 3, 4, 1, "");
    }

    @Test
    void aForbiddenPackageReachedWithoutSpellingItEarnsNothingForThatPartOnly() {
        List<String> names = List.of("forbidden-unicode-escape", "forbidden-class-for-name", "forbidden-method-handle",
                "forbidden-reflection", "forbidden-helper-in-quiz-cell");
        List<String> earned = names.stream().filter(n -> ((Number) test(n, 0).get("score")).doubleValue() != 0)
                .map(n -> n + " " + test(n, 0).get("score")).toList();
        assertEquals(List.of(), earned, "disguised calls that earned points in the MSE part");
        for (String name : names) {
            assertScores(name, 0, 4, 1, "reaches aelab.loss");
            assertTrue(((String) test(name, 0).get("output")).contains("implement it by hand"), outputs(name));
        }
    }

    @Test
    void theForbiddenPackageUsedInAPartThatAllowsItCostsNothing() {
        assertScores("library-in-an-unrelated-part", 3, 4, 1, "");
        assertFalse(outputs("library-in-an-unrelated-part").contains("reaches"), outputs("library-in-an-unrelated-part"));
    }
}
