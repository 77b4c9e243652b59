package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sheets 02–05 graded by the real grader ({@link SheetSubmissions}): no FAIL line of the untouched exercises and of
 * the typical wrong answers ({@link WrongAnswers}) contains an expected value, a keyed quiz letter or the exception
 * class a part expects; hints appear only where the student's code returned or threw something.
 */
class FeedbackSheetGradingIT {
    @Test
    void noFailLineGivesAnExpectedValueAway() throws Exception {
        List<String> leaks = new ArrayList<>();
        int failLines = 0;
        for (Map.Entry<String, SubmissionResult> e : SheetSubmissions.results().entrySet()) {
            String sheet = e.getKey().substring(0, e.getKey().indexOf('/'));
            Assignment a = Assignment.read(SheetSubmissions.solutionPath(sheet));
            Map<String, String> expected = new LinkedHashMap<>();
            for (GradeItem g : a.items()) {
                for (Probe p : g.probes()) {
                    // a literal expected value, canonical as the grader compares; without one (sheet 05's probes on
                    // the trained model) the value the instructor's solution returned in this very grading run
                    expected.put(p.id(), p.expected() == null ? solutionValue(sheet, g, p)
                            : p.type() == Probe.Type.DOUBLE ? Double.toString(Double.parseDouble(p.expected()))
                            : p.expected());
                }
            }
            leaks.addAll(AnswerLeaks.inFailLines(a, expected, e.getValue()));
            failLines += (int) e.getValue().tests().stream().flatMap(t -> t.output().lines())
                    .filter(l -> l.startsWith("FAIL ")).count();
        }
        assertTrue(failLines > 100, "FAIL lines checked: " + failLines);
        assertEquals(List.of(), leaks);
    }

    /** What the solution returned for a probe without a literal expected value ("PASS name (1 pt): returned v"). */
    private static String solutionValue(String sheet, GradeItem g, Probe p) throws Exception {
        String head = "PASS " + p.name() + " (";
        for (String line : SheetSubmissions.result(sheet, "solution").output(g.gradeId()).split("\n")) {
            int at = line.indexOf("): returned ");
            if (line.startsWith(head) && at > 0) {
                return line.substring(at + "): returned ".length()).split(" ")[0];
            }
        }
        throw new AssertionError("the solution of " + sheet + " has no PASS line for " + p.name());
    }

    @Test
    void theWrongQuizAnswersSayOnlyThatTheyAreNotTheKey() throws Exception {
        String out = SheetSubmissions.result(SheetSubmissions.LINEAR, "wrong").output("quiz3-check");
        assertTrue(out.startsWith("FAIL answer (1 pt): returned D: not the keyed answer hint: "), out);
        out = SheetSubmissions.result(SheetSubmissions.VAE, "wrong-a").output("quiz4-check");
        assertTrue(out.startsWith("FAIL answer (1 pt): returned A: not the keyed answer hint: "), out);
    }
}
