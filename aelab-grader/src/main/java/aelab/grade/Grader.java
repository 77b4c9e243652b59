package aelab.grade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Grades notebooks against an {@link Assignment}. Scores are computed here, in the grader's process, by comparing
 * the values the probes read back from the student's JShell ({@link Observation}) with expected values — never from
 * anything the notebook prints.
 *
 * <p>Expected values: a probe's literal {@code expected}, or else the value the same probe returns when the
 * instructor's own notebook is run (see {@code referenceValues}).
 */
public final class Grader {
    private final Assignment assignment;
    private final Limits limits;
    private final List<String> classpath;
    private final CompletableFuture<Reference> reference;
    private final boolean runsReference;
    private final RuntimeForbiddenCheck forbiddenCheck;

    /** Expected values by probe id, and the probes whose expected value could not be obtained (with the reason). */
    private record Reference(Map<String, String> expected, Map<String, String> problems) {
    }

    private Grader(Assignment assignment, Limits limits, List<String> classpath) {
        this.assignment = assignment;
        this.limits = limits;
        this.classpath = classpath;
        this.forbiddenCheck = new RuntimeForbiddenCheck(assignment, limits, classpath);
        this.runsReference = assignment.items().stream().flatMap(g -> g.probes().stream())
                .anyMatch(p -> p.expected() == null);
        if (runsReference) {
            // runs beside the first submissions: their values are compared only once they have all been read
            this.reference = CompletableFuture.supplyAsync(this::computeReference, r -> {
                Thread t = new Thread(r, "aelab-grade-reference");
                t.setDaemon(true);
                t.start();
            });
        } else {
            this.reference = CompletableFuture.completedFuture(computeReference());
        }
    }

    /**
     * A grader for one assignment. If any probe lacks a literal expected value, the instructor's notebook is run
     * once, in the background, to obtain the expected values.
     */
    public static Grader forAssignment(Assignment assignment, Limits limits, List<String> classpath) {
        return new Grader(assignment, limits, classpath);
    }

    private Reference computeReference() {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        boolean needsReference = false;
        for (GradeItem g : assignment.items()) {
            for (Probe p : g.probes()) {
                if (p.expected() != null) {
                    expected.put(p.id(), p.type() == Probe.Type.DOUBLE ? Double.toString(Double.parseDouble(
                            p.expected())) : p.expected());
                } else {
                    needsReference = true;
                }
            }
        }
        if (needsReference) {
            // the instructor's notebook is trusted: generous time limits so a busy machine cannot lose a value
            Limits generous = limits.withTimes(Math.max(limits.cellMillis(), 60_000), Math.max(limits.totalMillis(),
                    600_000));
            NotebookRun.Report ref = NotebookRun.run(assignment, assignment.key(), generous, classpath);
            for (GradeItem g : assignment.items()) {
                for (Probe p : g.probes()) {
                    if (p.expected() != null) {
                        continue;
                    }
                    Observation o = ref.observations.get(p.id());
                    if (o != null && o.kind() == Observation.Kind.VALUE) {
                        expected.put(p.id(), o.value());
                    } else {
                        problems.put(p.id(), "the instructor's solution " + (o == null ? "did not run this probe"
                                : o.describe()));
                    }
                }
            }
        }
        return new Reference(expected, problems);
    }

    private Reference reference() {
        try {
            return reference.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the reference values", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("grader error: the reference run failed: " + e.getCause(), e.getCause());
        }
    }

    /** Whether the instructor's notebook is run for expected values (some probe has no literal {@code expected}). */
    public boolean runsReference() {
        return runsReference;
    }

    /** Probe ids whose expected value could not be obtained from the instructor's solution, with the reason. */
    public Map<String, String> referenceProblems() {
        return reference().problems();
    }

    /** Forbidden entries that look like packages but cannot be checked at run time (for the grader's log). */
    public List<String> forbiddenCheckedAsTextOnly() {
        return forbiddenCheck.unchecked();
    }

    public Assignment assignment() {
        return assignment;
    }

    /** Grades one submission notebook. */
    public SubmissionResult grade(String submissionName, Notebook submission) {
        long start = System.nanoTime();
        forbiddenCheck.prefetch(this::score);
        NotebookRun.Report run = NotebookRun.run(assignment, submission, limits, classpath);
        List<TestResult> tests = new ArrayList<>();
        for (GradeItem g : assignment.items()) {
            tests.add(score(g, run));
        }
        RuntimeForbiddenCheck.Checked checked = forbiddenCheck.recheck(submission, tests, this::score);
        String output = run.notes.isEmpty() ? "All cells ran without problems."
                : String.join("\n", run.notes);
        return new SubmissionResult(submissionName, assignment.name(), checked.tests(), output,
                (System.nanoTime() - start) / 1e9, run.graderError != null ? run.graderError : checked.graderError());
    }

    /** The result for a notebook that could not be read at all: every part 0, with the reason. */
    public SubmissionResult unreadable(String submissionName, String reason) {
        List<TestResult> tests = new ArrayList<>();
        for (GradeItem g : assignment.items()) {
            tests.add(new TestResult(g.gradeId(), g.name(), 0, g.points(), "not graded: " + reason));
        }
        return new SubmissionResult(submissionName, assignment.name(), tests, "The notebook could not be read: "
                + reason, 0);
    }

    private TestResult score(GradeItem g, NotebookRun.Report run) {
        Map<String, String> expected = reference().expected();
        Map<String, String> referenceProblems = reference().problems();
        StringBuilder out = new StringBuilder();
        double score = 0;
        List<String> notes = run.itemNotes.getOrDefault(g.gradeId(), List.of());
        for (String note : notes) {
            out.append(note).append('\n');
        }
        String forbidden = forbiddenUse(g, run);
        if (forbidden != null) {
            out.append("NO CREDIT for this part: ").append(forbidden).append('\n');
        }
        String lastCompileError = null;
        for (Probe p : g.probes()) {
            Observation o = run.observations.getOrDefault(p.id(), Observation.notRun("not reached"));
            String exp = expected.get(p.id());
            String pts = " (" + fmt(p.points()) + " pt" + (p.points() == 1 ? "" : "s") + ")";
            boolean pass;
            String detail;
            // a hint helps with a wrong value or exception, not with code that did not compile, hung or did not run
            boolean hint = o.kind() == Observation.Kind.VALUE || o.kind() == Observation.Kind.THREW;
            if (exp == null) {
                pass = false;
                hint = false;
                detail = "grader error: no expected value (" + referenceProblems.get(p.id()) + ")";
            } else if (p.type() == Probe.Type.THROWS) {
                pass = o.kind() == Observation.Kind.THREW && exp.equals(o.value());
                detail = pass ? "threw " + exp : o.kind() == Observation.Kind.VALUE
                        ? "nothing was thrown: this input must be rejected with the exception the exercise names"
                        : o.kind() == Observation.Kind.THREW && !notImplemented(o)
                        ? o.describe() + ", which is not the exception the exercise names"
                        : problem(o, notes, lastCompileError);
            } else if (o.kind() == Observation.Kind.VALUE) {
                pass = p.matches(o.value(), exp);
                detail = "returned " + show(o.value()) + (pass ? "" : wrongValue(p, o.value(), exp));
            } else {
                pass = false;
                detail = problem(o, notes, lastCompileError);
            }
            if (o.kind() == Observation.Kind.COMPILE_ERROR) {
                lastCompileError = o.detail();
            }
            if (pass && forbidden != null) {
                pass = false;
                detail += " (no credit, see above)";
            }
            if (pass) {
                score += p.points();
            }
            out.append(pass ? "PASS " : "FAIL ").append(p.name()).append(pts).append(": ").append(detail);
            if (!pass && hint && p.hint() != null && forbidden == null) {
                out.append(" hint: ").append(p.hint());
            }
            out.append('\n');
        }
        return new TestResult(g.gradeId(), g.name(), SubmissionResult.round(score), g.points(), out.toString().strip());
    }

    private static boolean notImplemented(Observation o) {
        return o.kind() == Observation.Kind.THREW && "java.lang.UnsupportedOperationException".equals(o.value())
                && "not implemented".equals(o.detail());
    }

    /**
     * Why a probe produced no value: said once per part. A probe that does not compile because the part's own cell
     * had a problem (reported above it) only points there; the same compiler message is not repeated.
     */
    private static String problem(Observation o, List<String> partNotes, String lastCompileError) {
        if (notImplemented(o)) {
            return "not implemented";
        }
        if (o.kind() == Observation.Kind.COMPILE_ERROR) {
            if (!partNotes.isEmpty()) {
                return "not checked: your code for this part has a problem (see above)";
            }
            if (o.detail().equals(lastCompileError)) {
                return "the check could not call your code (as above)";
            }
            return "the check could not call your code: " + o.detail();
        }
        return o.describe();
    }

    /**
     * What is said about a wrong value: never the expected value, the keyed answer or how far off the value is (a
     * distance, a ratio or a "too large" would give the answer away, at the latest by trying values over several
     * submissions). Only what does not depend on the expected value's magnitude: not a number, or the wrong sign.
     */
    private static String wrongValue(Probe p, String actual, String expectedValue) {
        switch (p.type()) {
            case DOUBLE: {
                double a = Double.parseDouble(actual);
                double e = Double.parseDouble(expectedValue);
                if (Double.isNaN(a)) {
                    return ", which is not a number (NaN: a zero divided by zero, the logarithm of a negative number?)";
                }
                if (Double.isInfinite(a) && !Double.isInfinite(e)) {
                    return ", but the value should be finite (a division by zero, an overflow?)";
                }
                if (a != 0 && e != 0 && Math.signum(a) != Math.signum(e)) {
                    return ": the sign is wrong";
                }
                return ": not within the tolerance of the expected value";
            }
            case CHAR:
                return ": not the keyed answer";
            case STRING:
                return ": not the expected text";
            default:
                return ": not the expected value";
        }
    }

    private static String show(String v) {
        return v.length() > 80 ? v.substring(0, 80) + "..." : v;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Why the part earns nothing because it calls the library's own implementation, or null. */
    private static String forbiddenUse(GradeItem g, NotebookRun.Report run) {
        if (g.forbidden().isEmpty()) {
            return null;
        }
        List<String> sources = new ArrayList<>();
        for (String id : g.solutionIds()) {
            String s = run.studentSolutions.get(id);
            if (s != null) {
                sources.add(s);
            }
        }
        sources.addAll(run.extraCells);
        for (String s : sources) {
            String code = JavaSource.withoutComments(s);
            for (String f : g.forbidden()) {
                if (code.contains(f)) {
                    return "the solution uses " + f + " (the library's own implementation); this part must be "
                            + "implemented by hand";
                }
            }
        }
        return null;
    }
}
