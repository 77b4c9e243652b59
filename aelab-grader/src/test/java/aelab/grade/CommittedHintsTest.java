package aelab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed hints teach without giving answers away: no hint of a hidden probe (printed by the autograder when
 * the probe fails) and no hint of a visible self-check (in the grade cell's source, which students read) is a
 * formula or contains an expected value of its part, no grade cell's source contains the keyed quiz letter, and
 * every pointer to a lecture notebook names a notebook and a section heading that exist.
 */
class CommittedHintsTest {
    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private static List<Path> sheets() throws IOException {
        try (Stream<Path> s = Files.list(REPO.resolve("solutions"))) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    /** The hints written in a grade cell's source: its string literals that contain a space (ids have none). */
    static List<String> visibleHints(String source) {
        List<String> out = new ArrayList<>();
        Matcher m = STRING_LITERAL.matcher(source);
        while (m.find()) {
            if (m.group(1).contains(" ")) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Problems of one hint of the part {@code g}: a formula, an expected value of the part, a broken pointer. */
    private static List<String> problems(GradeItem g, String hint) throws IOException {
        List<String> out = new ArrayList<>();
        String f = AnswerLeaks.formula(hint);
        if (f != null) {
            out.add(f);
        }
        for (Probe p : g.probes()) {
            if (p.expected() != null) {
                String leak = AnswerLeaks.leak(p, p.type() == Probe.Type.DOUBLE
                        ? Double.toString(Double.parseDouble(p.expected())) : p.expected(), hint);
                if (leak != null) {
                    out.add(leak + " of probe \"" + p.name() + "\"");
                }
            }
        }
        Matcher m = AnswerLeaks.POINTER.matcher(hint);
        while (m.find()) {
            List<Path> nb;
            try (Stream<Path> s = Files.list(REPO.resolve("notebooks"))) {
                nb = s.filter(p -> p.getFileName().toString().startsWith(m.group(1) + "-")).toList();
            }
            if (nb.size() != 1) {
                out.add("points to notebook " + m.group(1) + ", which does not exist");
            } else if (m.group(2) != null && !headings(nb.get(0)).contains(m.group(2))) {
                out.add("points to the section \u201c" + m.group(2) + "\u201d, which " + nb.get(0).getFileName()
                        + " does not have");
            }
        }
        return out;
    }

    /** The markdown headings of a notebook, without the leading #s. */
    static List<String> headings(Path notebook) {
        List<String> out = new ArrayList<>();
        for (Cell c : Notebook.read(notebook).cells()) {
            if ("markdown".equals(c.type())) {
                for (String line : c.source().split("\n")) {
                    if (line.startsWith("#")) {
                        out.add(line.replaceFirst("^#+\\s*", "").strip());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void noHintIsAFormulaOrAnExpectedValueAndEveryPointerResolves() throws IOException {
        List<String> problems = new ArrayList<>();
        int hints = 0;
        for (Path sheet : sheets()) {
            Assignment a = Assignment.read(sheet);
            for (GradeItem g : a.items()) {
                for (Probe p : g.probes()) {
                    if (p.hint() != null) {
                        hints++;
                        for (String why : problems(g, p.hint())) {
                            problems.add(sheet.getFileName() + " / " + g.gradeId() + " / probe \"" + p.name()
                                    + "\": hint \"" + p.hint() + "\" " + why);
                        }
                    }
                }
                String source = a.key().cell(g.gradeId()).source();
                for (String hint : visibleHints(source)) {
                    hints++;
                    for (String why : problems(g, hint)) {
                        problems.add(sheet.getFileName() + " / " + g.gradeId() + " (visible self-check): hint \""
                                + hint + "\" " + why);
                    }
                }
                for (Probe p : g.probes()) {
                    if (p.type() == Probe.Type.CHAR && p.expected() != null
                            && source.contains("'" + p.expected() + "'")) {
                        problems.add(sheet.getFileName() + " / " + g.gradeId() + ": the grade cell's source contains "
                                + "the keyed answer '" + p.expected() + "'");
                    }
                }
            }
        }
        assertTrue(hints > 100, "hints found: " + hints);
        assertTrue(problems.isEmpty(), problems.size() + " hints give answers away:\n  "
                + String.join("\n  ", problems));
    }

    @Test
    void theChecksCatchFormulasValuesQuizLettersAndBrokenPointers() throws IOException {
        Probe gain = Probe.fromJson("c", 0, Map.of("expr", "f()", "expected", "0"), 1);
        Probe quiz = Probe.fromJson("c", 1, Map.of("expr", "q()", "type", "char", "expected", "B"), 1);
        Probe reject = Probe.fromJson("c", 2, Map.of("expr", "f()", "type", "throws",
                "expected", "java.lang.IllegalArgumentException"), 1);
        assertNotNull(AnswerLeaks.formula("g = m / (m + sigma^2)"));
        assertNotNull(AnswerLeaks.formula("multiply by exp(logVar / 2)"));
        assertNotNull(AnswerLeaks.formula("E[m] for a Bernoulli mask"));
        assertNotNull(AnswerLeaks.formula("W_d is d x k"));
        assertNotNull(AnswerLeaks.formula("divide by n*d"));
        assertNotNull(AnswerLeaks.formula("with no signal the best gain is 0"));
        assertNull(AnswerLeaks.formula("the noise enters through its variance (notebook 03, \u201cSummary\u201d)"));
        assertNotNull(AnswerLeaks.leak(gain, "0.0", "the gain is 0 without signal"));
        assertNull(AnswerLeaks.leak(gain, "0.0", "see notebook 03"));
        assertNotNull(AnswerLeaks.leak(quiz, "B", "returned A, expected B"));
        assertNotNull(AnswerLeaks.leak(quiz, "B", "the answer is 'B'"));
        assertNull(AnswerLeaks.leak(quiz, "B", "Bernoulli: which term depends on q?"));
        assertNotNull(AnswerLeaks.leak(reject, "java.lang.IllegalArgumentException",
                "expected java.lang.IllegalArgumentException to be thrown"));
        assertEquals(List.of(1.5, -2.0, Double.POSITIVE_INFINITY), AnswerLeaks.numbers("a 1.5, -2 and Infinity in "
                + "notebook 07"));
        assertEquals(List.of("a hint", "another hint"), visibleHints("SelfCheck.close(\"id-1\", () -> f(), 2.0, 1e-9, "
                + "\"a hint\"), SelfCheck.oneOf(\"q\", () -> q(), \"ABCD\", \"another hint\")"));
        assertFalse(headings(REPO.resolve("notebooks").resolve("03-denoising-autoencoders.ipynb")).isEmpty());
    }
}
