/**
 * The autograder and the exercises generator (launcher commands {@code ./aelab grade} and
 * {@code ./aelab exercises}); the authoring guide is docs/grading.md.
 *
 * <ul>
 *   <li>{@link aelab.grade.Notebook}, {@link aelab.grade.Cell} — nbformat-4 notebooks with nbgrader cell metadata
 *       (schema version 3: {@code grade}, {@code solution}, {@code locked}, {@code task}, {@code grade_id},
 *       {@code points}) and aelab's own {@code metadata.aelab} (probes, forbidden identifiers).</li>
 *   <li>{@link aelab.grade.SolutionRegions}, {@link aelab.grade.Exercises}, {@link aelab.grade.ExercisesCommand} —
 *       students' copies from instructors' copies: {@code // BEGIN SOLUTION ... // END SOLUTION} regions become a
 *       stub that throws {@code UnsupportedOperationException("not implemented")} (or the region's
 *       {@code // STUB:} lines), outputs are cleared, probes removed.</li>
 *   <li>{@code aelab.check.SelfCheck} (in aelab-core) — what grade cells call so students see PASS/FAIL with a hint in Jupyter.</li>
 *   <li>{@link aelab.grade.Assignment}, {@link aelab.grade.GradeItem}, {@link aelab.grade.Probe} — the instructor's
 *       notebook as a grading key: each grade cell is one Gradescope test scored by its hidden probes.</li>
 *   <li>{@link aelab.grade.Grader}, {@link aelab.grade.GradeCommand} — runs each submission in its own JShell child
 *       JVM (heap cap, per-cell and total time limits, output cap, restart after System.exit/halt), reads probe
 *       values back as primitives or real Strings, scores them in the grader's process, writes Gradescope
 *       results.json and summary.csv.</li>
 *   <li>{@code Sandbox}, {@code SandboxEngine}, {@code SandboxAgent}, {@code Confinement}, {@code SandboxFiles},
 *       {@code ProbeBatch} (package-private) — one student's JShell in an OS sandbox (bubblewrap namespaces, or a
 *       separate uid; cgroup and rlimits), spoken to over the child's stdin/stdout pipes only, and all probes
 *       of a grade cell compiled as one snippet, with single-probe evaluation for whatever did not finish
 *       there.</li>
 * </ul>
 *
 * <p>Trust model: nothing a notebook prints is graded; locked and grade cells come from the instructor's copy; the
 * student's JVM is killed (SIGKILL, no shutdown hooks) before any result file is written. The grader is not an OS
 * sandbox: student code runs with the grader's user rights (files, network, processes). Run it in a container
 * (Gradescope does) when that matters.
 */
package aelab.grade;
