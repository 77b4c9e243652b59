package aelab.grade;

import java.util.Map;

/**
 * Builds the students' copy of an exercise notebook from the instructor's copy, the way nbgrader's
 * {@code generate_assignment} does for Python: solution regions replaced by stubs ({@link SolutionRegions}),
 * outputs and execution counts cleared, the hidden grading metadata ({@code metadata.aelab}: probes, forbidden
 * identifiers) removed, and Jupyter's own protection set: locked and grade cells {@code editable: false,
 * deletable: false}, solution cells {@code deletable: false}. nbgrader metadata stays, so the grader can match
 * cells by grade_id.
 */
public final class Exercises {
    private Exercises() {
    }

    /** The exercise notebook for an instructor notebook (which is validated first and left unchanged). */
    public static Notebook exerciseOf(String name, Notebook solution) {
        Assignment.of(name, solution); // validate metadata, probes and regions before writing anything
        Notebook copy = Notebook.parse(solution.toJson());
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
