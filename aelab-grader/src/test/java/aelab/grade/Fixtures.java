package aelab.grade;

import aelab.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: the pilot assignment, submissions derived from it, small limits, process and file checks. */
final class Fixtures {
    static final Path PILOT = Path.of("solutions/01-pilot-exercises.ipynb");
    static final Path PILOT_EXERCISE = Path.of("exercises/01-pilot-exercises.ipynb");
    /** Small limits so the hostile tests stay fast: 2 s per cell, 40 s per submission. */
    static final Limits LIMITS = new Limits("256m", 2000, 40_000, 64 * 1024, 3);

    private static Grader pilotGrader;

    private Fixtures() {
    }

    static Assignment pilot() {
        return Assignment.read(PILOT);
    }

    /** One grader for the pilot (its reference run happens once per test JVM). */
    static synchronized Grader pilotGrader() {
        if (pilotGrader == null) {
            pilotGrader = Grader.forAssignment(pilot(), LIMITS, Sandbox.defaultClasspath());
        }
        return pilotGrader;
    }

    static Notebook solution() {
        return Notebook.read(PILOT);
    }

    /** A copy of the notebook with the source of the cell with this grade_id replaced. */
    static Notebook withCell(Notebook nb, String gradeId, String source) {
        Notebook copy = Notebook.parse(nb.toJson());
        Cell c = copy.cell(gradeId);
        if (c == null) {
            throw new IllegalArgumentException("no cell " + gradeId);
        }
        c.setSource(source);
        return copy;
    }

    /** A copy with an unmarked code cell inserted before the cell with this grade_id (null: at the end). */
    @SuppressWarnings("unchecked")
    static Notebook withExtraCell(Notebook nb, String beforeGradeId, String source) {
        Map<String, Object> json = Json.parseObject(nb.toJson());
        List<Object> cells = (List<Object>) json.get("cells");
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("cell_type", "code");
        cell.put("execution_count", null);
        cell.put("metadata", new LinkedHashMap<>());
        cell.put("outputs", new ArrayList<>());
        cell.put("source", source);
        int at = cells.size();
        if (beforeGradeId != null) {
            at = nb.cell(beforeGradeId).index();
        }
        cells.add(at, cell);
        return Notebook.parse(Json.write(json));
    }

    /** A copy without the cell with this grade_id. */
    @SuppressWarnings("unchecked")
    static Notebook without(Notebook nb, String gradeId) {
        Map<String, Object> json = Json.parseObject(nb.toJson());
        ((List<Object>) json.get("cells")).remove(nb.cell(gradeId).index());
        return Notebook.parse(Json.write(json));
    }

    /** A copy where the cell's grade_id is renamed. */
    @SuppressWarnings("unchecked")
    static Notebook renamed(Notebook nb, String gradeId, String newId) {
        Notebook copy = Notebook.parse(nb.toJson());
        ((Map<String, Object>) copy.cell(gradeId).metadata().get("nbgrader")).put("grade_id", newId);
        return Notebook.parse(copy.toJson());
    }

    /** Grades named submissions of the pilot, two at a time (like the command's pool). */
    static Map<String, SubmissionResult> gradePilot(Map<String, Notebook> submissions) throws Exception {
        Grader grader = pilotGrader();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            Map<String, java.util.concurrent.Future<SubmissionResult>> futures = new LinkedHashMap<>();
            submissions.forEach((name, nb) -> futures.put(name, pool.submit(() -> grader.grade(name, nb))));
            Map<String, SubmissionResult> out = new LinkedHashMap<>();
            for (Map.Entry<String, java.util.concurrent.Future<SubmissionResult>> e : futures.entrySet()) {
                out.put(e.getKey(), e.getValue().get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Child JVMs started by any Sandbox of this process that are still running. */
    static List<ProcessHandle> strayChildren() {
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("-Daelab.grade.sandbox="))
                        .orElse(false))
                .forEach(out::add);
        return out;
    }

    static final String MSE_SUM = "double mseMeanPerElement(double[][] x, double[][] xHat) {\n"
            + "    double sum = 0;\n"
            + "    for (int i = 0; i < x.length; i++) for (int j = 0; j < x[i].length; j++) {\n"
            + "        double d = x[i][j] - xHat[i][j]; sum += d * d; }\n"
            + "    return sum;\n}";
}
