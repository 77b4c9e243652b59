package aelab.grade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Forbidden packages checked on what runs, not on how the code is spelled (issue 9, part 5). The textual check in
 * {@link Grader} catches a plain {@code aelab.loss.…} call; unicode escapes, string-built class names, reflection,
 * method handles or a helper in another cell get past it. So every part that forbids packages and earned points
 * is graded a second time in a fresh sandbox whose classpath does not contain those packages at all
 * ({@link ClasspathWithout}: the classes are removed from the copy of the jar that the sandbox and the compiler see;
 * the original jars are outside the sandbox's file view). Whatever the code does to reach the package fails there;
 * a part that loses points in that run earns 0, with the reason.
 *
 * <p>Which entries of {@code metadata.aelab.forbidden} are packages: those that look like one ({@link
 * ClasspathWithout#PACKAGE}, e.g. {@code aelab.loss}) and are on the student classpath. Class-name entries such as
 * {@code "Pca."} stay textual only (list their package too). The locked setup cells and the probes run in the second
 * run as well, so they must not need a forbidden package: the sheets' tests grade the instructor's notebook, which
 * keeps full marks only if they don't.
 *
 * <p>Cost: honest untouched parts score 0 and are not re-run. Parts that score are re-run together once, without the
 * union of their forbidden packages (only those parts' probes are evaluated); a part that loses points there and
 * forbids fewer packages than the union (it may use a package that only another part forbids) is re-run once more per
 * distinct forbidden set, without its own packages only, and judged on that run.
 */
final class RuntimeForbiddenCheck {
    private final Assignment assignment;
    private final Limits limits;
    private final List<String> classpath;
    private final Map<String, Set<String>> packages = new LinkedHashMap<>();
    private final List<String> unchecked = new ArrayList<>();
    /** By removed package set: the parts the instructor's own notebook fails without them (computed once). */
    private final Map<Set<String>, Set<String>> keyFails = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean prefetched = new java.util.concurrent.atomic.AtomicBoolean();

    RuntimeForbiddenCheck(Assignment assignment, Limits limits, List<String> classpath) {
        this.assignment = assignment;
        this.limits = limits;
        this.classpath = List.copyOf(classpath);
        for (GradeItem g : assignment.items()) {
            Set<String> p = new TreeSet<>();
            g.forbidden().stream().filter(f -> ClasspathWithout.PACKAGE.matcher(f).matches()).forEach(p::add);
            Set<String> absent = ClasspathWithout.absent(classpath, p);
            for (String a : absent) {
                unchecked.add("grade cell " + g.gradeId() + " forbids " + a + ", which is not on the student "
                        + "classpath: checked in the source text only");
            }
            p.removeAll(absent);
            if (!p.isEmpty()) {
                packages.put(g.gradeId(), p);
            }
        }
    }

    /**
     * The results after the check, and why a re-run could not be done (its sandbox did not start: the grader's
     * failure, reported like one of the first run), or null.
     */
    record Checked(List<TestResult> tests, String graderError) {
    }

    /** Forbidden package names that cannot be checked at run time (not on the student classpath), with the reason. */
    List<String> unchecked() {
        return unchecked;
    }

    /**
     * Starts, in the background, the run of the instructor's notebook without every package the sheet forbids (the set
     * a submission that scores on every such part is re-run without), so that it overlaps the first submission's own
     * run instead of following it (measured on sheet 03, one submission: 10.7 s before, see docs/grading.md). Once per
     * grader; a run that fails is simply done again when it is needed.
     */
    void prefetch(BiFunction<GradeItem, NotebookRun.Report, TestResult> score) {
        Set<String> all = new TreeSet<>();
        packages.values().forEach(all::addAll);
        if (all.isEmpty() || !prefetched.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> keyFails(all, score), "aelab-forbidden-key-run");
        t.setDaemon(true);
        t.start();
    }

    /** The packages part {@code gradeId} forbids that are checked at run time (empty: none). */
    Set<String> packages(String gradeId) {
        return packages.getOrDefault(gradeId, Set.of());
    }

    /**
     * The results of one submission after the run-time check: {@code tests} (one per item, in the assignment's order,
     * as scored in the normal run) with every part that scored but loses points without its forbidden packages set
     * to 0. {@code score} scores a part on a report (the grader's own scoring, so both runs are judged alike).
     */
    Checked recheck(Notebook submission, List<TestResult> tests,
            BiFunction<GradeItem, NotebookRun.Report, TestResult> score) {
        Map<GradeItem, TestResult> suspects = new LinkedHashMap<>();
        for (int i = 0; i < tests.size(); i++) {
            GradeItem g = assignment.items().get(i);
            if (!packages(g.gradeId()).isEmpty() && tests.get(i).score() > 0) {
                suspects.put(g, tests.get(i));
            }
        }
        if (suspects.isEmpty()) {
            return new Checked(tests, null);
        }
        Map<String, TestResult> verdicts = new LinkedHashMap<>();
        String[] graderError = new String[1];
        Set<String> union = new TreeSet<>();
        suspects.keySet().forEach(g -> union.addAll(packages(g.gradeId())));
        Map<GradeItem, TestResult> left = judge(submission, suspects, union, score, verdicts, graderError);
        Set<Set<String>> sets = new LinkedHashSet<>();
        left.keySet().forEach(g -> sets.add(packages(g.gradeId())));
        for (Set<String> set : sets) {
            Map<GradeItem, TestResult> these = new LinkedHashMap<>();
            left.forEach((g, t) -> {
                if (packages(g.gradeId()).equals(set)) {
                    these.put(g, t);
                }
            });
            judge(submission, these, set, score, verdicts, graderError);
        }
        List<TestResult> out = new ArrayList<>();
        for (TestResult t : tests) {
            out.add(verdicts.getOrDefault(t.gradeId(), t));
        }
        return new Checked(out, graderError[0]);
    }

    /**
     * Runs the submission without {@code removed} and judges {@code parts} on it. A part that keeps its score is
     * cleared; one that loses points earns 0 if {@code removed} is exactly its own forbidden set (verdict recorded),
     * and is returned (to be run again without its own packages only) if the run removed more than it forbids.
     */
    private Map<GradeItem, TestResult> judge(Notebook submission, Map<GradeItem, TestResult> parts, Set<String> removed,
            BiFunction<GradeItem, NotebookRun.Report, TestResult> score, Map<String, TestResult> verdicts,
            String[] graderError) {
        Set<String> ids = new LinkedHashSet<>();
        parts.keySet().forEach(g -> ids.add(g.gradeId()));
        Set<String> keyFailed = keyFails(removed, score);
        Map<GradeItem, TestResult> left = new LinkedHashMap<>();
        for (GradeItem g : new ArrayList<>(parts.keySet())) {
            if (keyFailed.contains(g.gradeId())) {
                // the sheet's own setup cells or probes need these packages: this run cannot judge the part
                if (!removed.equals(packages(g.gradeId()))) {
                    left.put(g, parts.get(g));
                }
                ids.remove(g.gradeId());
            }
        }
        if (ids.isEmpty()) {
            return left;
        }
        NotebookRun.Report run = NotebookRun.run(assignment, submission, limits, ClasspathWithout.of(classpath,
                removed), ids);
        if (run.graderError != null && graderError[0] == null) {
            graderError[0] = "the run-time check of forbidden packages: " + run.graderError;
        }
        parts.forEach((g, first) -> {
            if (!ids.contains(g.gradeId())) {
                return;
            }
            if (run.graderError != null) {
                // not the student's doing: keep the score, say that the check is missing (the command reports the
                // submission as one the grader failed on, to be graded again)
                verdicts.put(g.gradeId(), new TestResult(g.gradeId(), g.name(), first.score(), first.maxScore(),
                        first.output() + "\n(the run-time check of the forbidden packages " + String.join(", ",
                        packages(g.gradeId())) + " could not be done: " + run.graderError + ")"));
                return;
            }
            TestResult again = score.apply(g, run);
            if (again.score() >= first.score() - 1e-9) {
                return;
            }
            if (!removed.equals(packages(g.gradeId()))) {
                left.put(g, first);
                return;
            }
            verdicts.put(g.gradeId(), new TestResult(g.gradeId(), g.name(), 0, first.maxScore(),
                    noCredit(removed) + "\nGraded without " + String.join(", ", removed) + ":\n" + again.output()));
        });
        return left;
    }

    /**
     * The parts (grade_ids) that the instructor's own notebook does not pass when run without {@code removed}: its
     * locked cells or probes need a removed package (e.g. a setup cell that builds a model with aelab.model, which
     * uses aelab.gaussian), so a run without them cannot judge those parts. Computed once per set (one run of the
     * key); such a part is then checked without its own packages only, or, if the key fails that too, in the source
     * text only (and the grader's log says so).
     */
    private Set<String> keyFails(Set<String> removed, BiFunction<GradeItem, NotebookRun.Report, TestResult> score) {
        return keyFails.computeIfAbsent(Set.copyOf(removed), r -> {
            Set<String> ids = new LinkedHashSet<>();
            assignment.items().stream().filter(g -> !packages(g.gradeId()).isEmpty()
                    && r.containsAll(packages(g.gradeId()))).forEach(g -> ids.add(g.gradeId()));
            Limits generous = limits.withTimes(Math.max(limits.cellMillis(), 60_000), Math.max(limits.totalMillis(),
                    600_000));
            NotebookRun.Report run = NotebookRun.run(assignment, assignment.key(), generous,
                    ClasspathWithout.of(classpath, r), ids);
            Set<String> failed = new LinkedHashSet<>();
            for (GradeItem g : assignment.items()) {
                if (ids.contains(g.gradeId()) && score.apply(g, run).score() < g.points() - 1e-9) {
                    failed.add(g.gradeId());
                    if (r.equals(packages(g.gradeId()))) {
                        synchronized (unchecked) {
                            unchecked.add("grade cell " + g.gradeId() + ": the instructor's notebook itself fails it "
                                    + "without " + String.join(", ", r) + " (its setup or probes need them): checked "
                                    + "in the source text only");
                        }
                    }
                }
            }
            return failed;
        });
    }

    /** The feedback line of a part that reaches a forbidden package at run time. */
    static String noCredit(Set<String> removed) {
        List<String> p = new ArrayList<>(removed);
        String which = p.size() == 1 ? p.get(0) : String.join(", ", p.subList(0, p.size() - 1)) + " or "
                + p.get(p.size() - 1);
        return "NO CREDIT for this part: it reaches " + which + " (the library's own implementation) at run time: "
                + "graded again without " + (p.size() == 1 ? "that package" : "those packages") + ", it no longer "
                + "passes; implement it by hand";
    }
}
