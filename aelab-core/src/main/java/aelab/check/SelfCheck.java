package aelab.check;

import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Checks that students run in the grade cells of an exercise notebook. Each returns one line,
 * {@code "PASS id: ..."} or {@code "FAIL id: ... hint: ..."}, never throws (an exception from the student's code,
 * such as the stub's "not implemented", is reported as a FAIL), and prints nothing: the cell's last expression,
 * usually {@link #report(String...)}, shows the lines.
 *
 * <p>These lines are for the student only. The autograder ignores them (and everything else a notebook prints):
 * it scores each grade cell with its own hidden probes (see the grader's {@code aelab.grade.Probe}).
 *
 * <p>Self-checks are public examples: their expected values stand in the cell's source, so a FAIL line may show
 * them. They follow the grader's rule for everything else: a hint is a conceptual pointer, never the formula or
 * value that answers the exercise, and a multiple-choice answer is only checked for being a valid letter
 * ({@link #oneOf}), never against its key (the repository's {@code CommittedHintsTest} checks the committed sheets).
 *
 * <pre>
 * SelfCheck.report(
 *     SelfCheck.close("mse-mean", () -> mseMeanPerElement(new double[][] {{1, 2}}, new double[][] {{0, 0}}), 2.5,
 *             1e-12, "divide the sum of squares by the number of elements"),
 *     SelfCheck.oneOf("quiz-1", () -> quiz1(), "ABCD", "re-read the definition of the ELBO"));
 * </pre>
 */
public final class SelfCheck {
    private SelfCheck() {
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String fail(String id, String detail, String hint) {
        return "FAIL " + id + ": " + detail + (hint == null || hint.isEmpty() ? "" : " hint: " + hint);
    }

    private static String thrown(Throwable t) {
        if (t instanceof UnsupportedOperationException && "not implemented".equals(t.getMessage())) {
            return "not implemented yet";
        }
        return "threw " + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** PASS when actual and expected are finite and {@code |actual - expected| <= tol} (NaN or ±∞ never passes). */
    public static String close(String id, DoubleSupplier actual, double expected, double tol, String hint) {
        double a;
        try {
            a = actual.getAsDouble();
        } catch (RuntimeException | Error e) {
            return fail(id, thrown(e), hint);
        }
        String detail = "got " + fmt(a) + ", expected " + fmt(expected) + " \u00b1 " + fmt(tol);
        boolean pass = Double.isFinite(a) && Double.isFinite(expected) && Math.abs(a - expected) <= tol;
        return pass ? "PASS " + id + ": " + detail : fail(id, detail, hint);
    }

    /** PASS when the value equals {@code expected} ({@link Objects#equals}, called on the expected value). */
    public static String equal(String id, Supplier<?> actual, Object expected, String hint) {
        Object a;
        try {
            a = actual.get();
        } catch (RuntimeException | Error e) {
            return fail(id, thrown(e), hint);
        }
        String detail = "got " + a + ", expected " + expected;
        return expected != null && expected.equals(a) ? "PASS " + id + ": " + detail : fail(id, detail, hint);
    }

    /** PASS when running {@code action} throws an exception of the given type (a claim that bad input is rejected). */
    public static String throwsA(String id, Class<? extends Throwable> type, Runnable action, String hint) {
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            if (type.isInstance(e)) {
                return "PASS " + id + ": " + type.getSimpleName() + ": " + e.getMessage();
            }
            return fail(id, "expected " + type.getSimpleName() + ", " + thrown(e), hint);
        }
        return fail(id, "expected " + type.getSimpleName() + ", nothing was thrown", hint);
    }

    /**
     * PASS when the answer is one of the allowed characters (a multiple-choice answer that is graded later: the
     * self-check only confirms that the answer is well formed, without revealing it).
     */
    public static String oneOf(String id, Supplier<Character> answer, String allowed, String hint) {
        Character a;
        try {
            a = answer.get();
        } catch (RuntimeException | Error e) {
            return fail(id, thrown(e), hint);
        }
        if (a != null && allowed.indexOf(a) >= 0) {
            return "PASS " + id + ": answered " + a + " (one of " + allowed + "; graded by the autograder)";
        }
        return fail(id, "got " + a + ", expected one of " + allowed, hint);
    }

    /** The lines joined, followed by "n of m checks passed". */
    public static String report(String... lines) {
        int passed = 0;
        for (String l : lines) {
            if (l.startsWith("PASS ")) {
                passed++;
            }
        }
        return String.join("\n", lines) + "\n" + passed + " of " + lines.length + " checks passed"
                + (passed == lines.length ? "" : " (the autograder also runs hidden checks)");
    }
}
