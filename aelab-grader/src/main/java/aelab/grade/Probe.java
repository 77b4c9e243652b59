package aelab.grade;

import java.util.Locale;
import java.util.Map;

/**
 * One hidden check of a grade cell, declared in the instructor's copy under {@code metadata.aelab.probes[]}:
 * a Java expression the grader evaluates in the student's JShell, the kind of value it must produce, the points
 * it is worth and a hint shown when it fails.
 *
 * <p>JSON fields: {@code name} (shown in the feedback), {@code expr} (Java expression; use only literals, arrays
 * and the exercise's own names — a student's {@code class Math} would shadow {@code Math}), {@code type}
 * ({@code double}, {@code long} (also for int/short/byte), {@code boolean}, {@code char}, {@code String} or
 * {@code throws}), {@code points} (optional: the grade cell's points are split equally among probes without
 * points), {@code tol} and {@code rtol} (doubles only; passes when {@code |actual - expected| <= tol + rtol*|expected|};
 * defaults 1e-9 and 1e-9), {@code expected} (optional literal expected value as a string, e.g. {@code "0.5"},
 * {@code "B"}, {@code "true"}, or for {@code throws} the exception's class name such as
 * {@code "java.lang.IllegalArgumentException"}; without it the expected value is obtained by running the same
 * expression against the instructor's solution), {@code hint} (optional: shown after a wrong value or exception; a
 * conceptual pointer such as "the noise enters through its variance (notebook 03, &ldquo;Summary&rdquo;)", never a
 * formula or a value, see docs/grading.md, "Feedback").
 */
public final class Probe {
    /** The kind of value a probe reads back. */
    public enum Type {
        DOUBLE("double"), LONG("long"), BOOLEAN("boolean"), CHAR("char"), STRING("String"), THROWS("throws");

        final String jsonName;

        Type(String jsonName) {
            this.jsonName = jsonName;
        }

        static Type of(String name) {
            for (Type t : values()) {
                if (t.jsonName.equals(name)) {
                    return t;
                }
            }
            return null;
        }
    }

    private final String id;
    private final String name;
    private final String expr;
    private final Type type;
    private final double points;
    private final double tol;
    private final double rtol;
    private final String expected;
    private final String hint;

    private Probe(String id, String name, String expr, Type type, double points, double tol, double rtol,
            String expected, String hint) {
        this.id = id;
        this.name = name;
        this.expr = expr;
        this.type = type;
        this.points = points;
        this.tol = tol;
        this.rtol = rtol;
        this.expected = expected;
        this.hint = hint;
    }

    /** Reads probe number {@code index} of grade cell {@code gradeId}; {@code points} is its share if unspecified. */
    static Probe fromJson(String gradeId, int index, Map<?, ?> json, double defaultPoints) {
        String where = "grade cell " + gradeId + ", probe " + index;
        Object expr = json.get("expr");
        if (!(expr instanceof String) || ((String) expr).isBlank()) {
            throw new NotebookException(where + ": \"expr\" must be a non-empty string, got " + expr);
        }
        Object typeName = json.containsKey("type") ? json.get("type") : "double";
        Type type = typeName instanceof String ? Type.of((String) typeName) : null;
        if (type == null) {
            throw new NotebookException(where + ": \"type\" must be one of double, long, boolean, char, String, "
                    + "throws, got " + typeName);
        }
        double points = number(where, json, "points", defaultPoints);
        if (!(points >= 0) || Double.isInfinite(points)) {
            throw new NotebookException(where + ": \"points\" must be >= 0 and finite, got " + points);
        }
        double tol = number(where, json, "tol", 1e-9);
        double rtol = number(where, json, "rtol", 1e-9);
        if (!(tol >= 0) || !(rtol >= 0)) {
            throw new NotebookException(where + ": \"tol\" and \"rtol\" must be >= 0, got " + tol + " and " + rtol);
        }
        Object expected = json.get("expected");
        if (expected != null && !(expected instanceof String)) {
            throw new NotebookException(where + ": \"expected\" must be a string, got " + expected);
        }
        if (type == Type.THROWS && expected == null) {
            throw new NotebookException(where + ": a throws probe needs \"expected\": the exception class name");
        }
        Object name = json.get("name");
        Object hint = json.get("hint");
        return new Probe(gradeId + "/" + index, name instanceof String ? (String) name : (String) expr,
                (String) expr, type, points, tol, rtol, (String) expected, hint instanceof String ? (String) hint : null);
    }

    private static double number(String where, Map<?, ?> json, String key, double fallback) {
        Object v = json.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number)) {
            throw new NotebookException(where + ": \"" + key + "\" must be a number, got " + v);
        }
        return ((Number) v).doubleValue();
    }

    /** "gradeId/index", unique within an assignment. */
    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String expr() {
        return expr;
    }

    public Type type() {
        return type;
    }

    public double points() {
        return points;
    }

    public double tol() {
        return tol;
    }

    public double rtol() {
        return rtol;
    }

    /** The literal expected value, or null when it comes from running the instructor's solution. */
    public String expected() {
        return expected;
    }

    /** The hint, or null. */
    public String hint() {
        return hint;
    }

    /**
     * Whether an observed canonical value matches the expected canonical value (both as produced by
     * {@link Observation#value()}: Double.toString / Long.toString / "true" / the character / the string).
     */
    public boolean matches(String actual, String expectedValue) {
        switch (type) {
            case DOUBLE: {
                double a = Double.parseDouble(actual);
                double e = Double.parseDouble(expectedValue);
                if (Double.isNaN(e) || Double.isNaN(a)) {
                    return Double.isNaN(e) && Double.isNaN(a);
                }
                if (Double.isInfinite(e) || Double.isInfinite(a)) {
                    return a == e;
                }
                return Math.abs(a - e) <= tol + rtol * Math.abs(e);
            }
            case LONG:
                return Long.parseLong(actual.trim()) == Long.parseLong(expectedValue.trim());
            case BOOLEAN:
                return actual.trim().toLowerCase(Locale.ROOT).equals(expectedValue.trim().toLowerCase(Locale.ROOT));
            default:
                return actual.equals(expectedValue);
        }
    }
}
