package aelab.grade;

/**
 * The score of one graded part (one grade cell), as reported to Gradescope.
 *
 * @param gradeId  the grade cell's grade_id
 * @param name     test name
 * @param score    points earned
 * @param maxScore points available
 * @param output   per-probe verdicts and hints
 */
public record TestResult(String gradeId, String name, double score, double maxScore, String output) {
}
