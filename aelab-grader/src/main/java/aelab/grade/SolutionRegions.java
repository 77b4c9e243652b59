package aelab.grade;

import java.util.ArrayList;
import java.util.List;

/**
 * Solution regions in Java cells and the stubs that replace them in the students' copy.
 *
 * <p>A region is the lines from a line reading {@code // BEGIN SOLUTION} to a line reading {@code // END SOLUTION}
 * (surrounding whitespace ignored; no nesting). In the exercise it becomes, at the BEGIN line's indentation:
 * <pre>
 *     // YOUR CODE HERE
 *     throw new UnsupportedOperationException("not implemented");
 * </pre>
 * so regions are meant to be whole method bodies (the stub then still compiles, whatever the return type). A region
 * that is not a method body states its own replacement with one or more {@code // STUB: code} lines inside it:
 * those lines' code (after "// STUB:") replaces the region instead, e.g.
 * <pre>
 * // BEGIN SOLUTION
 * // STUB: double answer = Double.NaN; // replace NaN with your answer
 * double answer = 0.5;
 * // END SOLUTION
 * </pre>
 */
public final class SolutionRegions {
    /** The marker opening a region. */
    public static final String BEGIN = "// BEGIN SOLUTION";
    /** The marker closing a region. */
    public static final String END = "// END SOLUTION";
    /** Prefix of a line giving the region's replacement. */
    public static final String STUB = "// STUB:";
    /** The statement the default stub throws. */
    public static final String NOT_IMPLEMENTED = "throw new UnsupportedOperationException(\"not implemented\");";

    private SolutionRegions() {
    }

    /** Whether the source contains a BEGIN SOLUTION marker line. */
    public static boolean hasRegion(String source) {
        for (String line : source.split("\n", -1)) {
            if (line.trim().equals(BEGIN)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The source with each solution region replaced by its stub. Throws {@link NotebookException} naming
     * {@code where} for an unterminated or nested region, an END without BEGIN, or a source without any region.
     */
    public static String stub(String source, String where) {
        String[] lines = source.split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        int regions = 0;
        String indent = "";
        List<String> stubs = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.trim();
            boolean last = i == lines.length - 1;
            if (trimmed.equals(BEGIN)) {
                if (inside) {
                    throw new NotebookException(where + ": nested " + BEGIN + " at line " + (i + 1));
                }
                inside = true;
                regions++;
                indent = line.substring(0, line.indexOf('/'));
                stubs.clear();
            } else if (trimmed.equals(END)) {
                if (!inside) {
                    throw new NotebookException(where + ": " + END + " without " + BEGIN + " at line " + (i + 1));
                }
                inside = false;
                if (stubs.isEmpty()) {
                    out.append(indent).append("// YOUR CODE HERE\n");
                    out.append(indent).append(NOT_IMPLEMENTED);
                } else {
                    out.append(String.join("\n", stubs));
                }
                if (!last) {
                    out.append('\n');
                }
            } else if (inside) {
                if (trimmed.startsWith(STUB)) {
                    stubs.add(indent + trimmed.substring(STUB.length()).trim());
                }
            } else {
                out.append(line);
                if (!last) {
                    out.append('\n');
                }
            }
        }
        if (inside) {
            throw new NotebookException(where + ": " + BEGIN + " without " + END);
        }
        if (regions == 0) {
            throw new NotebookException(where + ": a solution cell needs a " + BEGIN + " ... " + END + " region");
        }
        return out.toString();
    }
}
