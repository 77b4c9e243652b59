package aelab.grade;

/**
 * What the grader read back for one probe from the student's JShell: a value in canonical form (computed by the
 * JDK's own code from a primitive or a real java.lang.String, never by the student's toString), the class name of
 * a thrown exception, or why nothing could be read.
 *
 * @param kind   what happened
 * @param value  VALUE: the canonical value ({@code Double.toString}, {@code Long.toString}, "true"/"false", the
 *               character or string itself); THREW: the exception's class name; otherwise null
 * @param detail a short explanation for the feedback (compile error text, exception message; TIMEOUT: the limit
 *               that stopped it, e.g. "10 s, the time limit for one check"), may be empty
 */
public record Observation(Kind kind, String value, String detail) {
    /** The outcome of evaluating a probe. */
    public enum Kind {
        /** The expression produced a value. */
        VALUE,
        /** The expression threw; {@code value} is the exception class name. */
        THREW,
        /** The expression did not compile (missing or misspelled function, wrong types). */
        COMPILE_ERROR,
        /** The expression produced something that is not the declared kind of value (e.g. not a real String). */
        UNREADABLE,
        /** The expression ran past the time limit and was stopped. */
        TIMEOUT,
        /** The student's JVM died during the probe. */
        CRASHED,
        /** The probe was not run (total time limit, JVM could not be restarted, grader error). */
        NOT_RUN
    }

    static Observation notRun(String why) {
        return new Observation(Kind.NOT_RUN, null, why);
    }

    /** A short human description: "returned 0.5", "threw java.lang.Foo: msg", "did not compile: ...". */
    public String describe() {
        switch (kind) {
            case VALUE:
                return "returned " + value;
            case THREW:
                return "threw " + value + (detail.isEmpty() ? "" : ": " + detail);
            case COMPILE_ERROR:
                return "did not compile: " + detail;
            case UNREADABLE:
                return "returned " + detail;
            case TIMEOUT:
                return detail.isEmpty() ? "ran past the time limit and was stopped" : "stopped after " + detail;
            case CRASHED:
                return "the JVM died while it ran (" + detail + ")";
            default:
                return "not run: " + detail;
        }
    }
}
