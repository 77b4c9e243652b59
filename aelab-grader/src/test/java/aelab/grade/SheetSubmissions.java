package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The graded submissions of the exercise sheets 02–05, graded once per test JVM, all sheets in one pool of two
 * JShell JVMs (like {@code ./aelab grade --jobs 2}) so the three test classes share the wall-clock time.
 *
 * <p>Wrong submissions are the instructor's notebook with some solution regions replaced ({@link #withRegion}).
 * Mistakes in different parts are combined in one submission (parts are independent: no solution calls another
 * part's function), which keeps the number of JShell JVMs small; every test then checks the score of every part.
 */
final class SheetSubmissions {
    static final String LINEAR = "02-linear-autoencoders-and-pca";
    static final String LOSSES = "03-losses-and-denoising";
    static final String VAE = "04-vae-kl-elbo";
    static final String MNIST = "05-vae-on-mnist";
    /** The graded sheets, in order. */
    static final List<String> SHEETS = List.of(LINEAR, LOSSES, VAE, MNIST);
    /** Generous limits: the machine running the tests may be busy. */
    static final Limits LIMITS = Limits.defaults().withTimes(30_000, 300_000);

    private static Map<String, SubmissionResult> results;
    private static double seconds;

    private SheetSubmissions() {
    }

    static Path solutionPath(String sheet) {
        return Path.of("solutions", sheet + ".ipynb");
    }

    static Notebook solution(String sheet) {
        return Notebook.read(solutionPath(sheet));
    }

    /**
     * A copy of the notebook where the solution region of the cell with this grade_id (the lines from
     * {@code // BEGIN SOLUTION} to {@code // END SOLUTION}, markers included) is replaced by {@code body},
     * indented like the markers — what a student who wrote {@code body} would submit.
     */
    static Notebook withRegion(Notebook nb, String gradeId, String body) {
        Notebook copy = Notebook.parse(nb.toJson());
        Cell c = copy.cell(gradeId);
        if (c == null) {
            throw new IllegalArgumentException("no cell " + gradeId);
        }
        List<String> out = new ArrayList<>();
        boolean inside = false;
        boolean replaced = false;
        for (String line : c.source().split("\n", -1)) {
            if (line.trim().equals(SolutionRegions.BEGIN)) {
                inside = true;
                String indent = line.substring(0, line.indexOf('/'));
                for (String b : body.split("\n", -1)) {
                    out.add(indent + b);
                }
                replaced = true;
            } else if (line.trim().equals(SolutionRegions.END)) {
                inside = false;
            } else if (!inside) {
                out.add(line);
            }
        }
        if (!replaced) {
            throw new IllegalArgumentException("cell " + gradeId + " has no solution region");
        }
        c.setSource(String.join("\n", out));
        return copy;
    }

    /** {@link #withRegion} for several cells: grade_id, body, grade_id, body, ... */
    static Notebook withRegions(Notebook nb, String... idsAndBodies) {
        Notebook out = nb;
        for (int i = 0; i < idsAndBodies.length; i += 2) {
            out = withRegion(out, idsAndBodies[i], idsAndBodies[i + 1]);
        }
        return out;
    }

    /** All submissions by name "sheet/variant"; graded on first use. */
    static synchronized Map<String, SubmissionResult> results() throws Exception {
        if (results == null) {
            long start = System.nanoTime();
            results = gradeAll(submissions());
            seconds = (System.nanoTime() - start) / 1e9;
        }
        return results;
    }

    /** Wall-clock seconds the grading of all submissions took. */
    static double seconds() {
        return seconds;
    }

    static SubmissionResult result(String sheet, String variant) throws Exception {
        SubmissionResult r = results().get(sheet + "/" + variant);
        if (r == null) {
            throw new IllegalArgumentException("no submission " + sheet + "/" + variant);
        }
        return r;
    }

    /** Asserts the score of every part (grade_id → points, in the notebook's order) and the maximum. */
    static void assertScores(SubmissionResult r, double maxScore, Object... idsAndPoints) {
        Map<String, Double> expected = new LinkedHashMap<>();
        for (int i = 0; i < idsAndPoints.length; i += 2) {
            expected.put((String) idsAndPoints[i], ((Number) idsAndPoints[i + 1]).doubleValue());
        }
        assertEquals(expected.keySet(), new java.util.LinkedHashSet<>(r.tests().stream().map(TestResult::gradeId)
                .toList()), "parts of " + r.submission());
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            assertEquals(e.getValue(), r.score(e.getKey()), 1e-12, r.submission() + " / " + e.getKey() + ":\n"
                    + r.output(e.getKey()) + "\n" + r.output());
        }
        assertEquals(maxScore, r.maxScore(), 1e-12);
    }

    /** The instructor's notebook scores every point and runs without problems. */
    static void assertSolutionEarnsFullMarks(String sheet, double maxScore, Object... idsAndPoints) throws Exception {
        SubmissionResult r = result(sheet, "solution");
        assertScores(r, maxScore, idsAndPoints);
        assertEquals(maxScore, r.score(), 1e-12);
        assertEquals("All cells ran without problems.", r.output());
    }

    /** The generated exercise scores 0 (without crashing) and its feedback says which part is not implemented. */
    static void assertExerciseEarnsZero(String sheet, double maxScore, String... partsSayingNotImplemented)
            throws Exception {
        SubmissionResult r = result(sheet, "exercise");
        assertEquals(0, r.score(), 1e-12, r.tests().toString());
        assertEquals(maxScore, r.maxScore(), 1e-12);
        assertEquals("All cells ran without problems.", r.output());
        for (String part : partsSayingNotImplemented) {
            org.junit.jupiter.api.Assertions.assertTrue(r.output(part).contains("not implemented"), r.output(part));
        }
    }

    private static Map<String, Notebook> submissions() {
        Map<String, Notebook> subs = new LinkedHashMap<>();
        for (String sheet : SHEETS) {
            subs.put(sheet + "/solution", solution(sheet));
            subs.put(sheet + "/exercise", Notebook.read(Path.of("exercises", sheet + ".ipynb")));
        }
        subs.put(LINEAR + "/wrong", WrongAnswers.linear(solution(LINEAR)));
        subs.put(LOSSES + "/wrong", WrongAnswers.losses(solution(LOSSES)));
        subs.put(VAE + "/wrong-a", WrongAnswers.vaeA(solution(VAE)));
        subs.put(VAE + "/wrong-b", WrongAnswers.vaeB(solution(VAE)));
        subs.put(MNIST + "/wrong-a", WrongAnswers.mnistA(solution(MNIST)));
        subs.put(MNIST + "/wrong-b", WrongAnswers.mnistB(solution(MNIST)));
        subs.put(VAE + "/disguised-library", WrongAnswers.vaeDisguisedLibrary(solution(VAE)));
        subs.put(LOSSES + "/library-allowed-and-disguised",
                WrongAnswers.lossesLibraryAllowedAndDisguised(solution(LOSSES)));
        return subs;
    }

    private static Map<String, SubmissionResult> gradeAll(Map<String, Notebook> subs) throws Exception {
        Map<String, Grader> graders = new LinkedHashMap<>();
        for (String sheet : SHEETS) {
            graders.put(sheet, Grader.forAssignment(Assignment.read(solutionPath(sheet)), LIMITS,
                    Sandbox.defaultClasspath()));
            assertEquals(Map.of(), graders.get(sheet).referenceProblems());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<String, Future<SubmissionResult>> futures = new LinkedHashMap<>();
            subs.forEach((name, nb) -> futures.put(name, pool.submit(
                    () -> graders.get(name.substring(0, name.indexOf('/'))).grade(name, nb))));
            Map<String, SubmissionResult> out = new LinkedHashMap<>();
            for (Map.Entry<String, Future<SubmissionResult>> e : futures.entrySet()) {
                out.put(e.getKey(), e.getValue().get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
