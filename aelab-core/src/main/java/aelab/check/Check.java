package aelab.check;

import aelab.core.Require;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Executable checks: each compares two independently obtained values and either returns a one-line report
 * ("✔ label: ...") or throws {@link CheckFailedException} ("✘ label: ...").
 *
 * <p>Tolerances are absolute unless stated; {@link #close(String, double, double, double)} accepts
 * {@code |actual - expected| <= tol}. No check passes when a compared value is NaN or infinite (an infinite
 * expected value would otherwise make a relative tolerance infinite, and an infinite actual value would pass any
 * bound on one side). A negative, NaN or infinite tolerance, a null matrix or a null
 * action is bad input (IllegalArgumentException), not a failed check.
 *
 * <p>Several checks of one cell are gathered with {@link #report(String...)}: the library prints nothing, the
 * notebook renders the returned {@link Report} (its {@code toString} is one line per check) as the cell's value, or
 * with {@code display(...)} when the cell goes on.
 */
public final class Check {
    private Check() {
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String pass(String label, String detail) {
        return "\u2714 " + label + ": " + detail;
    }

    private static CheckFailedException fail(String label, String detail) {
        return new CheckFailedException("\u2718 " + label + ": " + detail);
    }

    /** Whether both operands are finite (a check on a NaN or an infinity never passes). */
    private static boolean finite(double a, double b) {
        return Double.isFinite(a) && Double.isFinite(b);
    }

    /** Passes when both values are finite and {@code |actual - expected| <= tol}. */
    public static String close(String label, double actual, double expected, double tol) {
        Require.nonNegative("tol", tol);
        double diff = Math.abs(actual - expected);
        String detail = "actual " + fmt(actual) + ", expected " + fmt(expected) + ", |diff| " + fmt(diff)
                + " (tolerance " + fmt(tol) + ")";
        if (!finite(actual, expected) || !(diff <= tol)) {
            throw fail(label, detail);
        }
        return pass(label, detail);
    }

    /**
     * Passes when both values are finite and {@code |actual - expected| <= rtol * max(|expected|, tiny)} (tiny = the
     * smallest normal double).
     */
    public static String relClose(String label, double actual, double expected, double rtol) {
        Require.nonNegative("rtol", rtol);
        double diff = Math.abs(actual - expected);
        double scale = Math.max(Math.abs(expected), Double.MIN_NORMAL);
        String detail = "actual " + fmt(actual) + ", expected " + fmt(expected) + ", relative diff "
                + fmt(diff / scale) + " (tolerance " + fmt(rtol) + ")";
        if (!finite(actual, expected) || !(diff <= rtol * scale)) {
            throw fail(label, detail);
        }
        return pass(label, detail);
    }

    /** Passes when two matrices have the same shape, all entries finite and max |a - b| &le; tol. */
    public static String close(String label, DMatrixRMaj actual, DMatrixRMaj expected, double tol) {
        Require.notNull("actual", actual);
        Require.notNull("expected", expected);
        Require.nonNegative("tol", tol);
        if (actual.numRows != expected.numRows || actual.numCols != expected.numCols) {
            throw fail(label, "shape " + actual.numRows + "x" + actual.numCols + ", expected " + expected.numRows
                    + "x" + expected.numCols);
        }
        double max = 0;
        for (int i = 0; i < actual.getNumElements(); i++) {
            double d = finite(actual.data[i], expected.data[i]) ? Math.abs(actual.data[i] - expected.data[i])
                    : Double.NaN;
            if (!(d <= max)) {
                max = Double.isNaN(d) ? Double.NaN : d;
                if (Double.isNaN(max)) {
                    break;
                }
            }
        }
        String detail = "max |diff| " + fmt(max) + " over " + actual.numRows + "x" + actual.numCols
                + " (tolerance " + fmt(tol) + ")";
        if (!(max <= tol)) {
            throw fail(label, detail);
        }
        return pass(label, detail);
    }

    /** Passes when both values are finite and {@code actual < bound}. */
    public static String less(String label, double actual, double bound) {
        String detail = fmt(actual) + " < " + fmt(bound);
        if (!finite(actual, bound) || !(actual < bound)) {
            throw fail(label, "expected " + detail);
        }
        return pass(label, detail);
    }

    /** Passes when both values are finite and {@code actual > bound}. */
    public static String greater(String label, double actual, double bound) {
        String detail = fmt(actual) + " > " + fmt(bound);
        if (!finite(actual, bound) || !(actual > bound)) {
            throw fail(label, "expected " + detail);
        }
        return pass(label, detail);
    }

    /** Passes when the condition holds; {@code detail} says what was compared. */
    public static String that(String label, boolean condition, String detail) {
        if (!condition) {
            throw fail(label, detail);
        }
        return pass(label, detail);
    }

    /** Passes when running {@code action} throws an exception of the given type (a claim that something is rejected). */
    public static String throwsA(String label, Class<? extends Throwable> type, Runnable action) {
        Require.notNull("type", type);
        Require.notNull("action", action);
        try {
            action.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return pass(label, type.getSimpleName() + ": " + t.getMessage());
            }
            throw fail(label, "expected " + type.getSimpleName() + ", got " + t);
        }
        throw fail(label, "expected " + type.getSimpleName() + ", nothing was thrown");
    }

    /**
     * The checks of one cell as a value to render: its {@code toString} is the lines joined by newlines. Each argument
     * is the (passing) line of a check, so a failing check has already thrown before the report is built.
     *
     * @param lines one or more check lines, none null
     */
    public static Report report(String... lines) {
        Require.notNull("lines", lines);
        if (lines.length == 0) {
            throw new IllegalArgumentException("lines must hold at least one check line, got none");
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == null) {
                throw new IllegalArgumentException("lines[" + i + "] must not be null");
            }
        }
        return new Report(List.of(lines));
    }

    /** Check lines rendered together; {@link #toString} joins them with newlines. */
    public record Report(List<String> lines) {
        /** Copies the lines (immutable). */
        public Report {
            lines = List.copyOf(Require.notNull("lines", lines));
        }

        @Override
        public String toString() {
            return String.join("\n", lines);
        }
    }
}
