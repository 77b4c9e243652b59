package aelab.grade;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One notebook cell: its type, source and the nbgrader metadata that drives grading ({@code metadata.nbgrader},
 * nbgrader cell-metadata schema version 3: {@code grade}, {@code solution}, {@code locked}, {@code task},
 * {@code grade_id}, {@code points}) plus aelab's own {@code metadata.aelab} object (probes, forbidden calls;
 * nbgrader's schema forbids extra keys inside {@code metadata.nbgrader}, so they live beside it).
 */
public final class Cell {
    private final int index;
    private final Map<String, Object> json;

    Cell(int index, Map<String, Object> json) {
        this.index = index;
        this.json = json;
    }

    /** Position in the notebook, from 0. */
    public int index() {
        return index;
    }

    /** "code", "markdown" or "raw" (whatever the file says). */
    public String type() {
        Object t = json.get("cell_type");
        return t instanceof String ? (String) t : "";
    }

    public boolean isCode() {
        return "code".equals(type());
    }

    /** The source text (a list of lines in the file is joined). */
    public String source() {
        Object s = json.get("source");
        if (s instanceof String) {
            return (String) s;
        }
        StringBuilder sb = new StringBuilder();
        if (s instanceof List) {
            for (Object line : (List<?>) s) {
                if (line instanceof String) {
                    sb.append((String) line);
                }
            }
        }
        return sb.toString();
    }

    /** Replaces the source, stored as Jupyter does: a list of lines, each but the last ending in a newline. */
    public void setSource(String text) {
        List<Object> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        json.put("source", lines);
    }

    /** The number of outputs of a code cell (0 for other cells and for a cell without an "outputs" array). */
    public int outputCount() {
        return json.get("outputs") instanceof List<?> outputs ? outputs.size() : 0;
    }

    /** A code cell's execution count, or null when it has none (never run, or stripped). */
    public Object executionCount() {
        return json.get("execution_count");
    }

    /** Removes outputs and the execution count of a code cell, and the execution timing metadata of any cell. */
    public void clearOutputs() {
        if (json.get("metadata") instanceof Map<?, ?> m) {
            m.remove("execution");
        }
        if (isCode()) {
            json.put("outputs", new ArrayList<>());
            json.put("execution_count", null);
        }
    }

    /** Whether the cell carries execution timing metadata ({@code metadata.execution}, written by nbclient). */
    public boolean hasExecutionMetadata() {
        return json.get("metadata") instanceof Map<?, ?> m && m.containsKey("execution");
    }

    /** The cell's {@code metadata} object, created if absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata() {
        Object m = json.get("metadata");
        if (!(m instanceof Map)) {
            m = new LinkedHashMap<String, Object>();
            json.put("metadata", m);
        }
        return (Map<String, Object>) m;
    }

    /** {@code metadata.nbgrader}, or an empty map. */
    public Map<String, Object> nbgrader() {
        return metadataSection("nbgrader");
    }

    /** {@code metadata.aelab}, or an empty map. */
    public Map<String, Object> aelab() {
        return metadataSection("aelab");
    }

    /** {@code metadata.<key>} when it is a JSON object, or an empty map. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> metadataSection(String key) {
        if (json.get("metadata") instanceof Map<?, ?> m && m.get(key) instanceof Map<?, ?> section) {
            return (Map<String, Object>) section;
        }
        return Collections.emptyMap();
    }

    private boolean flag(String key) {
        return Boolean.TRUE.equals(nbgrader().get(key));
    }

    public boolean isSolution() {
        return flag("solution");
    }

    public boolean isGrade() {
        return flag("grade");
    }

    /** Locked cells (including grade cells, which nbgrader always locks) are taken from the instructor's copy. */
    public boolean isLocked() {
        return flag("locked");
    }

    /** nbgrader's grade_id, or null. */
    public String gradeId() {
        Object id = nbgrader().get("grade_id");
        return id instanceof String ? (String) id : null;
    }

    /** nbgrader's points (0 when absent or not a number). */
    public double points() {
        Object p = nbgrader().get("points");
        return p instanceof Number ? ((Number) p).doubleValue() : 0;
    }

    /** "cell 3 (grade_id mse-impl)" for messages. */
    public String describe() {
        String id = gradeId();
        return "cell " + index + (id == null ? "" : " (" + id + ")");
    }
}
