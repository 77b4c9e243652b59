package aelab.grade;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The instructor's copy of an exercise notebook (from {@code solutions/}) read as a grading key: its cells
 * (locked and grade cells are always taken from here) and its graded parts ({@link GradeItem}), validated.
 *
 * <p>Validation: nbgrader metadata must follow schema version 3 (grade_id matching {@code [a-zA-Z0-9_-]+},
 * unique; grade cells locked with {@code points >= 0}; solution cells not locked), every grade cell declares
 * probes whose points add up to its points, and solution regions are well formed.
 */
public final class Assignment {
    private static final Pattern GRADE_ID = Pattern.compile("[a-zA-Z0-9_\\-]+");

    private final String name;
    private final Notebook key;
    private final List<GradeItem> items;

    private Assignment(String name, Notebook key, List<GradeItem> items) {
        this.name = name;
        this.key = key;
        this.items = Collections.unmodifiableList(items);
    }

    /** Reads and validates an instructor notebook file. */
    public static Assignment read(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".ipynb") ? fileName.substring(0, fileName.length() - 6) : fileName;
        try {
            return of(name, Notebook.read(file));
        } catch (NotebookException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : new NotebookException(file + ": " + e.getMessage(), e);
        }
    }

    /** Validates an instructor notebook and extracts its graded parts. */
    public static Assignment of(String name, Notebook key) {
        List<GradeItem> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String lastSolution = null;
        for (Cell c : key.cells()) {
            Map<String, Object> nb = c.nbgrader();
            if (nb.isEmpty()) {
                if (SolutionRegions.hasRegion(c.source())) {
                    throw new NotebookException(c.describe() + " has a BEGIN SOLUTION region but no nbgrader "
                            + "metadata; mark it as a solution cell");
                }
                continue;
            }
            Object version = nb.get("schema_version");
            if (!(version instanceof Long) || (Long) version != 3) {
                throw new NotebookException(c.describe() + ": metadata.nbgrader.schema_version must be 3, got " + version);
            }
            String id = c.gradeId();
            if (c.isGrade() || c.isSolution() || c.isLocked() || c.gradeId() != null) {
                if (id == null || !GRADE_ID.matcher(id).matches()) {
                    throw new NotebookException(c.describe() + ": metadata.nbgrader.grade_id must match [a-zA-Z0-9_-]+,"
                            + " got " + id);
                }
                if (!ids.add(id)) {
                    throw new NotebookException(c.describe() + ": duplicate grade_id " + id);
                }
            }
            if (c.isSolution()) {
                if (c.isLocked() || c.isGrade()) {
                    throw new NotebookException(c.describe() + ": a solution cell must be neither locked nor a grade cell");
                }
                if (c.isCode()) {
                    SolutionRegions.stub(c.source(), c.describe()); // validates the markers
                }
                lastSolution = id;
            } else if (SolutionRegions.hasRegion(c.source())) {
                throw new NotebookException(c.describe() + " has a BEGIN SOLUTION region but is not a solution cell");
            }
            if (c.isGrade()) {
                if (!c.isCode()) {
                    throw new NotebookException(c.describe() + ": grade cells must be code cells (manual grading is "
                            + "not supported)");
                }
                if (!c.isLocked()) {
                    throw new NotebookException(c.describe() + ": a grade cell must be locked (\"locked\": true)");
                }
                Object pts = c.nbgrader().get("points");
                if (!(pts instanceof Number) || !(((Number) pts).doubleValue() >= 0)) {
                    throw new NotebookException(c.describe() + ": a grade cell needs \"points\" >= 0, got " + pts);
                }
                items.add(GradeItem.fromCell(c, lastSolution));
            }
        }
        for (GradeItem g : items) {
            for (String s : g.solutionIds()) {
                Cell sc = key.cell(s);
                if (sc == null || !sc.isSolution()) {
                    throw new NotebookException("grade cell " + g.gradeId() + ": solution_ids names " + s
                            + ", which is not a solution cell");
                }
            }
        }
        return new Assignment(name, key, items);
    }

    /** The notebook's file name without .ipynb. */
    public String name() {
        return name;
    }

    /** The instructor's notebook. */
    public Notebook key() {
        return key;
    }

    /** The graded parts in notebook order. */
    public List<GradeItem> items() {
        return items;
    }

    /** Total points. */
    public double maxScore() {
        return items.stream().mapToDouble(GradeItem::points).sum();
    }

    /** All grade_ids of the instructor's copy (any cell with nbgrader metadata and an id). */
    public Set<String> gradeIds() {
        Set<String> ids = new HashSet<>();
        for (Cell c : key.cells()) {
            if (c.gradeId() != null) {
                ids.add(c.gradeId());
            }
        }
        return ids;
    }
}
