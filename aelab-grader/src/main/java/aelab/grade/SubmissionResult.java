package aelab.grade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grade of one submission: one {@link TestResult} per grade cell and a general feedback text, convertible to
 * Gradescope's results.json ({@code score}, {@code execution_time}, {@code output}, {@code tests[]} with
 * {@code name}, {@code score}, {@code max_score}, {@code output}, {@code visibility}).
 *
 * @param submission   the submission's file name without .ipynb
 * @param assignment   the instructor notebook's name
 * @param tests        per-part results in notebook order
 * @param output       feedback for the whole submission (missing or changed cells, errors, time limits)
 * @param seconds      wall-clock time spent grading
 * @param graderError  why the grader itself failed on this submission (its sandbox could not start), or null: a
 *                     submission with a grader error was not graded, whatever its score says
 */
public record SubmissionResult(String submission, String assignment, List<TestResult> tests, String output,
        double seconds, String graderError) {

    /** A result the grader produced without failing itself. */
    public SubmissionResult(String submission, String assignment, List<TestResult> tests, String output,
            double seconds) {
        this(submission, assignment, tests, output, seconds, null);
    }

    public double score() {
        return round(tests.stream().mapToDouble(TestResult::score).sum());
    }

    public double maxScore() {
        return round(tests.stream().mapToDouble(TestResult::maxScore).sum());
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /** The same result with a line added to the general feedback. */
    public SubmissionResult withNote(String note) {
        return new SubmissionResult(submission, assignment, tests, output + "\n" + note, seconds, graderError);
    }

    /** The score of the part with this grade_id, or NaN. */
    public double score(String gradeId) {
        return tests.stream().filter(t -> t.gradeId().equals(gradeId)).mapToDouble(TestResult::score)
                .findFirst().orElse(Double.NaN);
    }

    /** The output of the part with this grade_id, or null. */
    public String output(String gradeId) {
        return tests.stream().filter(t -> t.gradeId().equals(gradeId)).map(TestResult::output)
                .findFirst().orElse(null);
    }

    /** Gradescope's results.json object. */
    public Map<String, Object> toGradescope() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("score", score());
        root.put("execution_time", Math.round(seconds));
        root.put("output", output);
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        List<Object> list = new ArrayList<>();
        int n = 1;
        for (TestResult t : tests) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("number", Integer.toString(n++));
            m.put("score", round(t.score()));
            m.put("max_score", round(t.maxScore()));
            m.put("output", t.output());
            m.put("visibility", "visible");
            list.add(m);
        }
        root.put("tests", list);
        return root;
    }
}
