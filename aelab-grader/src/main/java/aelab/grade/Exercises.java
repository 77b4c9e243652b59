package aelab.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the students' copy of an exercise notebook from the instructor's copy, the way nbgrader's
 * {@code generate_assignment} does for Python: solution regions replaced by stubs ({@link SolutionRegions}),
 * outputs and execution counts cleared, the hidden grading metadata ({@code metadata.aelab}: probes, forbidden
 * identifiers) removed, explanation cells ({@code metadata.aelab.solution_only: true}, the check behind a quiz key)
 * dropped, and Jupyter's own protection set: locked and grade cells {@code editable: false,
 * deletable: false}, solution cells {@code deletable: false}. nbgrader metadata stays, so the grader can match
 * cells by grade_id.
 */
public final class Exercises {
    private Exercises() {
    }

    /** The exercise notebook for an instructor notebook (which is validated first and left unchanged). */
    public static Notebook exerciseOf(String name, Notebook solution) {
        Assignment.of(name, solution); // validate metadata, probes and regions before writing anything
        Notebook full = Notebook.parse(solution.toJson());
        // explanation cells (metadata.aelab.solution_only = true) justify a quiz key: the exercise drops them
        List<Object> kept = new ArrayList<>();
        for (Cell c : full.cells()) {
            if (!Boolean.TRUE.equals(c.aelab().get("solution_only"))) {
                kept.add(((List<?>) full.json().get("cells")).get(c.index()));
            }
        }
        full.json().put("cells", kept);
        Notebook copy = Notebook.parse(full.toJson());
        for (Cell c : copy.cells()) {
            c.clearOutputs();
            Map<String, Object> meta = c.metadata();
            meta.remove("aelab");
            if (c.isSolution() && c.isCode()) {
                c.setSource(SolutionRegions.stub(c.source(), name + ", " + c.describe()));
            }
            if (c.isLocked() || c.isGrade()) {
                meta.put("editable", Boolean.FALSE);
                meta.put("deletable", Boolean.FALSE);
            } else if (c.isSolution()) {
                meta.put("deletable", Boolean.FALSE);
            }
        }
        return copy;
    }
}
