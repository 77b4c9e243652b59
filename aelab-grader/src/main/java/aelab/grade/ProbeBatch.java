package aelab.grade;

import java.util.ArrayList;
import java.util.List;

/**
 * All probes of one grade cell as ONE JShell snippet (one javac compilation instead of one per probe), and the
 * reading of its results.
 *
 * <p>The snippet is a block that stores, for probe {@code i}, a status in {@code R[3i]} ("V" value, "T" threw),
 * the value in {@code R[3i+1]} (the probe's primitive, boxed by the language itself; for a throw the exception's
 * {@code getClass().getName()}) and the exception message in {@code R[3i+2]}, where {@code R} is an
 * {@code Object[]} variable the grader declared. Each probe's value goes through a local variable of the probe's
 * type, so the assignment rules are the ones of the single-probe snippet {@code double v = (expr);}. The array is
 * read back with JShell's {@code varValue}: the JDK formats Strings, boxed primitives and null itself, so no
 * student code runs while reading. JShell's own exceptions (its stop request, calls of undefined methods) are not
 * caught, so the probe they hit is not recorded and is evaluated again on its own.
 *
 * <p>Only double, long, boolean, char and throws probes are batched (a String probe's value can be arbitrarily
 * long, and the grader checks its class separately).
 */
final class ProbeBatch {
    /** Messages are cut here in the child; {@link Sandbox#shorten} cuts at 400 and marks the cut. */
    private static final int MESSAGE_CHARS = 401;

    private ProbeBatch() {
    }

    /** Whether the probes can share one snippet. */
    static boolean batchable(List<Probe> probes) {
        return probes.size() > 1 && probes.stream().noneMatch(p -> p.type() == Probe.Type.STRING);
    }

    /** The block evaluating every probe in order; {@code results} names an {@code Object[]} variable. */
    static String source(List<Probe> probes, String results, String localSuffix) {
        String v = "aelab$v" + localSuffix;
        String t = "aelab$t" + localSuffix;
        String m = "aelab$m" + localSuffix;
        StringBuilder b = new StringBuilder("{\n").append(results).append(" = new java.lang.Object[")
                .append(3 * probes.size()).append("];\n");
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            String slot = results + "[" + 3 * i;
            b.append("try {\n");
            if (p.type() == Probe.Type.THROWS) {
                String expr = p.expr().strip();
                b.append(expr).append(expr.endsWith(";") ? "" : ";").append('\n');
            } else {
                b.append(p.type().jsonName).append(' ').append(v).append(" = (").append(p.expr()).append(");\n");
                b.append(slot).append(" + 1] = ").append(v).append(";\n");
            }
            b.append(slot).append("] = \"V\";\n");
            b.append("} catch (java.lang.Throwable ").append(t).append(") {\n");
            // JShell's own exceptions and the sandbox agent's stop (ThreadDeath) end the batch
            b.append("if (").append(t).append(" instanceof java.lang.ThreadDeath || ").append(t)
                    .append(".getClass().getName().startsWith(\"jdk.jshell.\")) throw ").append(t).append(";\n");
            b.append(slot).append(" + 1] = ").append(t).append(".getClass().getName();\n");
            b.append("var ").append(m).append(" = ").append(t).append(".getMessage();\n");
            b.append(slot).append(" + 2] = ").append(m).append(" == null || ").append(m).append(".length() <= ")
                    .append(MESSAGE_CHARS).append(" ? ").append(m).append(" : ").append(m).append(".substring(0, ")
                    .append(MESSAGE_CHARS).append(");\n");
            b.append(slot).append("] = \"T\";\n");
            b.append("}\n");
        }
        return b.append("}").toString();
    }

    /**
     * The observations of the probes that finished, in order, from JShell's display of the results array
     * ({@code Object[6] { "V", 2.5, null, "T", "java.lang.IllegalArgumentException", "bad" }}); stops at the first
     * probe without a status. Throws IllegalArgumentException if the text is not such an array.
     */
    static List<Observation> read(List<Probe> probes, String display) {
        List<String> items = elements(display);
        if (items.size() != 3 * probes.size()) {
            throw new IllegalArgumentException("expected " + 3 * probes.size() + " elements, got " + items.size());
        }
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            String status = items.get(3 * i);
            String value = items.get(3 * i + 1);
            String message = items.get(3 * i + 2);
            Probe p = probes.get(i);
            if (status.equals("\"T\"")) {
                String detail = message.equals("null") ? "" : Sandbox.shorten(JavaLiterals.unquote(message, '"'));
                out.add(new Observation(Observation.Kind.THREW, JavaLiterals.unquote(value, '"'), detail));
            } else if (status.equals("\"V\"")) {
                out.add(new Observation(Observation.Kind.VALUE, canonical(p.type(), value), ""));
            } else if (status.equals("null")) {
                break;
            } else {
                throw new IllegalArgumentException("bad status " + status);
            }
        }
        return out;
    }

    private static String canonical(Probe.Type type, String value) {
        switch (type) {
            case DOUBLE: return Double.toString(Double.parseDouble(value));
            case LONG: return Long.toString(Long.parseLong(value));
            case BOOLEAN:
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException("not a boolean: " + value);
                }
                return value;
            case CHAR: return JavaLiterals.unquote(value, '\'');
            case THROWS: return "(nothing thrown)";
            default: throw new IllegalArgumentException("not batched: " + type);
        }
    }

    /** The elements of {@code Object[n] { a, b, ... }} as displayed (quoted literals kept quoted). */
    static List<String> elements(String display) {
        int open = display.indexOf(" { ");
        if (!display.startsWith("Object[") || open < 0 || !display.endsWith(" }")) {
            throw new IllegalArgumentException("not an Object[] display: " + Sandbox.shorten(display));
        }
        List<String> out = new ArrayList<>();
        int end = display.length() - 2;
        int i = open + 3;
        while (i < end) {
            int start = i;
            char c = display.charAt(i);
            if (c == '"' || c == '\'') {
                i++;
                while (i < end && display.charAt(i) != c) {
                    i += display.charAt(i) == '\\' ? 2 : 1;
                }
                if (i >= end) {
                    throw new IllegalArgumentException("unterminated literal in " + Sandbox.shorten(display));
                }
                i++;
            } else {
                while (i < end && display.charAt(i) != ',') {
                    i++;
                }
            }
            out.add(display.substring(start, i));
            if (i < end) {
                if (!display.startsWith(", ", i)) {
                    throw new IllegalArgumentException("expected \", \" at " + i + " in " + Sandbox.shorten(display));
                }
                i += 2;
            }
        }
        return out;
    }
}
