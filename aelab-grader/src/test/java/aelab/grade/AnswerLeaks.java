package aelab.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds feedback that gives an answer away: a text that contains a probe's expected value (a number within a
 * relative 1e-6 of it, the keyed quiz letter as a word of its own, the exception class a throws probe expects), or a
 * hint written as a formula. Used on the committed hints ({@code CommittedHintsTest}) and on the FAIL lines the real
 * grader writes for wrong submissions (the grading ITs).
 */
final class AnswerLeaks {
    private AnswerLeaks() {
    }

    /** A pointer to a lecture notebook, e.g. {@code notebook 03}: its number is not a value. */
    static final Pattern NOTEBOOK = Pattern.compile("notebook (\\d\\d)");
    /**
     * A pointer with a section, {@code notebook 03, \u201cheading\u201d}: the heading is the lecture's own text
     * (checked to exist), so it is not read as a formula; its numbers still count as values.
     */
    static final Pattern POINTER = Pattern.compile("notebook (\\d\\d)(?:, \u201c([^\u201d]+)\u201d)?");
    private static final Pattern NUMBER =
            Pattern.compile("(?<![\\w.])-?(\\d+(\\.\\d+)?([eE]-?\\d+)?|Infinity)(?![\\w])");
    /** Characters that make a hint a formula: relations, operators, powers, subscripts, calls such as exp(x). */
    private static final Pattern FORMULA = Pattern.compile("[=^*/+<>|_\\\\\\[\\]{}]|\\b[A-Za-z]+\\(|\\d");

    /** The numbers in a text (lecture notebook numbers left out). */
    static List<Double> numbers(String text) {
        Matcher m = NUMBER.matcher(NOTEBOOK.matcher(text).replaceAll("notebook"));
        List<Double> out = new ArrayList<>();
        while (m.find()) {
            String t = m.group();
            out.add(t.endsWith("Infinity") ? (t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                    : Double.parseDouble(t));
        }
        return out;
    }

    /** Why {@code text} gives away the expected value of {@code p}, or null. */
    static String leak(Probe p, String expected, String text) {
        switch (p.type()) {
            case DOUBLE:
            case LONG: {
                double e = Double.parseDouble(expected);
                for (double v : numbers(text)) {
                    if (v == e || Math.abs(v - e) <= 1e-6 * Math.abs(e)) {
                        return "contains the expected value " + expected + " (as " + v + ")";
                    }
                }
                return null;
            }
            case CHAR:
                boolean word = Pattern.compile("(?<![A-Za-z'])" + Pattern.quote(expected) + "(?![A-Za-z'])")
                        .matcher(text).find();
                return word || text.contains("'" + expected + "'") ? "contains the keyed answer " + expected : null;
            case THROWS: {
                String simple = expected.substring(expected.lastIndexOf('.') + 1);
                return text.contains(simple) ? "names the expected exception " + simple : null;
            }
            default:
                return text.contains(expected) ? "contains the expected value " + expected : null;
        }
    }

    /** Why a hint is a formula rather than a pointer, or null. */
    static String formula(String hint) {
        Matcher m = FORMULA.matcher(POINTER.matcher(hint).replaceAll("notebook"));
        return m.find() ? "reads like a formula or a value (\"" + m.group() + "\")" : null;
    }

    /**
     * The FAIL lines of a graded submission that give an expected value away: for each probe, its line after
     * "FAIL name (n pts): ", without the value the student returned (their own).
     *
     * @param expected the expected value by probe id (canonical, as the grader compares)
     */
    static List<String> inFailLines(Assignment a, Map<String, String> expected, SubmissionResult r) {
        List<String> out = new ArrayList<>();
        for (GradeItem g : a.items()) {
            String part = r.output(g.gradeId());
            for (String line : part.split("\n")) {
                for (Probe p : g.probes()) {
                    String head = "FAIL " + p.name() + " (";
                    if (!line.startsWith(head)) {
                        continue;
                    }
                    String rest = line.substring(line.indexOf("): ", head.length()) + 3);
                    String text = rest;
                    if (rest.startsWith("returned ")) {
                        int end = rest.indexOf(' ', "returned ".length());
                        text = end < 0 ? "" : rest.substring(end);
                    }
                    String why = leak(p, expected.get(p.id()), text);
                    if (why != null) {
                        out.add(r.submission() + " / " + g.gradeId() + ": " + why + ": " + line);
                    }
                }
            }
        }
        return out;
    }
}
