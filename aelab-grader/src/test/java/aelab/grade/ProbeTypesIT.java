package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe types the pilot does not use (long, boolean, String, a literal double) on a small assignment built here,
 * graded against a correct and a wrong submission; the wrong one's String comes from a student class named String.
 */
class ProbeTypesIT {
    private static SubmissionResult right;
    private static SubmissionResult wrong;

    private static Map<String, Object> cell(String source, Map<String, Object> nbgrader, Map<String, Object> aelab) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cell_type", "code");
        c.put("execution_count", null);
        Map<String, Object> meta = new LinkedHashMap<>();
        if (nbgrader != null) {
            Map<String, Object> nb = new LinkedHashMap<>(Map.of("schema_version", 3L, "grade", false, "locked", false,
                    "solution", false, "task", false));
            nb.putAll(nbgrader);
            meta.put("nbgrader", nb);
        }
        if (aelab != null) {
            meta.put("aelab", aelab);
        }
        c.put("metadata", meta);
        c.put("outputs", new ArrayList<>());
        c.put("source", source);
        return c;
    }

    private static Map<String, Object> probe(String expr, String type, String expected) {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("expr", expr, "type", type, "name", type));
        if (expected != null) {
            p.put("expected", expected);
        }
        return p;
    }

    private static Notebook notebook(String solution) {
        List<Object> cells = new ArrayList<>();
        cells.add(cell(solution, Map.of("solution", true, "grade_id", "impl"), null));
        cells.add(cell("// checks", Map.of("grade", true, "locked", true, "grade_id", "check", "points", 4L),
                Map.of("probes", List.of(
                        probe("count(10)", "long", null),
                        probe("isEven(7)", "boolean", "false"),
                        probe("label(2)", "String", null),
                        probe("ratio(1, 3)", "double", "0.3333333333333333")))));
        Map<String, Object> nb = new LinkedHashMap<>();
        nb.put("cells", cells);
        nb.put("metadata", new LinkedHashMap<>());
        nb.put("nbformat", 4L);
        nb.put("nbformat_minor", 5L);
        return Notebook.parse(Json.write(nb));
    }

    @BeforeAll
    static void grade() {
        Notebook key = notebook("// BEGIN SOLUTION\nlong count(int n) { return (long) n * n; }\n"
                + "boolean isEven(int n) { return n % 2 == 0; }\nString label(int k) { return \"item \\\"\" + k + \"\\\"\\n\"; }\n"
                + "double ratio(int a, int b) { return (double) a / b; }\n// END SOLUTION");
        Assignment a = Assignment.of("types", key);
        Grader g = Grader.forAssignment(a, Fixtures.LIMITS, Sandbox.defaultClasspath());
        right = g.grade("right", key);
        wrong = g.grade("wrong", notebook("class String { public java.lang.String toString() { return \"item \\\"2\\\"\\n\"; } }\n"
                + "long count(int n) { return n; }\nboolean isEven(int n) { return true; }\n"
                + "String label(int k) { return new String(); }\ndouble ratio(int a, int b) { return a / b; }"));
    }

    @Test
    void theSolutionPassesEveryType() {
        assertEquals(4, right.score(), 1e-12, right.tests().toString());
        assertTrue(right.output("check").contains("PASS String (1 pt): returned item \"2\"\n"), right.output("check"));
    }

    @Test
    void wrongValuesAndAFakeStringFailEachProbe() {
        String out = wrong.output("check");
        assertEquals(0, wrong.score(), 1e-12, out);
        assertTrue(out.contains("FAIL long (1 pt): returned 10: not the expected value\n"), out);
        assertTrue(out.contains("FAIL boolean (1 pt): returned true: not the expected value\n"), out);
        assertTrue(out.contains("FAIL String (1 pt): returned a value that is not a java.lang.String"), out);
        assertTrue(out.contains("FAIL double (1 pt): returned 0.0: not within the tolerance of the expected value"), out);
    }
}
