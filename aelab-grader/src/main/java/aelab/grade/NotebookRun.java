package aelab.grade;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one submission against an assignment in a {@link Sandbox} and records what every probe returned.
 *
 * <p>Order: the submission's code cells in the submission's order, except that locked cells are replaced by the
 * instructor's version (matched by grade_id), grade cells are not run but replaced by the instructor's probes, and
 * instructor locked/grade cells missing from the submission are put back where the instructor's copy has them.
 * Each cell and probe has a deadline; a JVM that dies (System.exit, halt, a loop that ignores stop()) is replaced
 * and the cells that ran before are replayed, skipping the cell that killed it, at most {@link Limits#maxRestarts()}
 * times.
 */
final class NotebookRun {
    /** What happened while a submission ran. */
    static final class Report {
        final Map<String, Observation> observations = new LinkedHashMap<>();
        /** Feedback lines for the whole submission. */
        final List<String> notes = new ArrayList<>();
        /** Feedback lines for single graded parts, by grade_id of the grade cell. */
        final Map<String, List<String>> itemNotes = new LinkedHashMap<>();
        /** Student cells by grade_id as run (solution cells) and the student's extra code cells. */
        final Map<String, String> studentSolutions = new LinkedHashMap<>();
        final List<String> extraCells = new ArrayList<>();
        long outputBytes;
        long childPid = -1;
        boolean childLeftRunning;
        /** Why the grader failed itself (not the student's code), or null. */
        String graderError;

        void itemNote(String gradeId, String note) {
            itemNotes.computeIfAbsent(gradeId, k -> new ArrayList<>()).add(note);
        }
    }

    private static final class Step {
        final String label;
        final String source;
        final String studentId; // grade_id of the student's solution cell, or null
        final GradeItem item; // non-null: run this item's probes

        Step(String label, String source, String studentId, GradeItem item) {
            this.label = label;
            this.source = source;
            this.studentId = studentId;
            this.item = item;
        }
    }

    private final Assignment assignment;
    private final Limits limits;
    private final List<String> classpath;
    private final Report report = new Report();
    private final CappedOutput output;
    private final Map<String, List<GradeItem>> itemsBySolution = new LinkedHashMap<>();
    private Sandbox sandbox;
    private int restarts;
    /** The JVM died in a batch of probes: the next restart is not counted (the probe is run again on its own). */
    private boolean freeRestart;
    private final List<Step> replay = new ArrayList<>();
    private long deadline;
    /** Characters of cell source run so far (limited per notebook). */
    private long sourceChars;
    /** The parts whose probes are evaluated (null: all). */
    private Set<String> onlyItems;

    private NotebookRun(Assignment assignment, Limits limits, List<String> classpath) {
        this.assignment = assignment;
        this.limits = limits;
        this.classpath = classpath;
        this.output = new CappedOutput(limits.outputCapBytes());
        for (GradeItem g : assignment.items()) {
            for (String s : g.solutionIds()) {
                itemsBySolution.computeIfAbsent(s, k -> new ArrayList<>()).add(g);
            }
        }
    }

    /** Runs the submission; never throws for anything the submission does. */
    static Report run(Assignment assignment, Notebook submission, Limits limits, List<String> classpath) {
        return run(assignment, submission, limits, classpath, null);
    }

    /** {@link #run} evaluating the probes of the parts {@code onlyItems} (grade_ids) only; null: all parts. */
    static Report run(Assignment assignment, Notebook submission, Limits limits, List<String> classpath,
            Set<String> onlyItems) {
        NotebookRun r = new NotebookRun(assignment, limits, classpath);
        r.onlyItems = onlyItems;
        return r.execute(submission);
    }

    private List<Step> plan(Notebook submission) {
        Notebook key = assignment.key();
        Map<String, GradeItem> items = new LinkedHashMap<>();
        assignment.items().forEach(g -> items.put(g.gradeId(), g));
        Set<String> studentIds = new HashSet<>();
        submission.cells().forEach(c -> {
            if (c.gradeId() != null) {
                studentIds.add(c.gradeId());
            }
        });
        Set<String> done = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        for (Cell s : submission.cells()) {
            String id = s.gradeId();
            Cell k = id == null ? null : key.cell(id);
            if (k != null && !done.contains(id)) {
                // instructor cells missing from the submission that come before this one
                for (Cell before : key.cells()) {
                    if (before.index() >= k.index()) {
                        break;
                    }
                    addMissing(before, studentIds, done, steps, items);
                }
                done.add(id);
                if (!k.isCode()) {
                    continue;
                }
                if (k.isGrade()) {
                    if (!Objects.equals(normalize(s.source()), normalize(k.source()))) {
                        report.notes.add("grade cell " + id + " was changed; the instructor's version was used");
                    }
                    steps.add(new Step("grade cell " + id, null, null, items.get(id)));
                } else if (k.isLocked()) {
                    if (!Objects.equals(normalize(s.source()), normalize(k.source()))) {
                        report.notes.add("locked cell " + id + " was changed; the instructor's version was used");
                    }
                    steps.add(new Step("locked cell " + id, k.source(), null, null));
                } else if (k.isSolution()) {
                    if (!s.isCode()) {
                        report.notes.add("solution cell " + id + " is not a code cell in the submission; it was skipped");
                        continue;
                    }
                    report.studentSolutions.put(id, s.source());
                    steps.add(new Step("solution cell " + id, s.source(), id, null));
                } else if (s.isCode()) {
                    steps.add(new Step("cell " + s.index(), s.source(), null, null));
                }
            } else if (s.isCode()) {
                if (Boolean.TRUE.equals(s.aelab().get("solution_only"))) {
                    // an instructor's explanation cell (the check behind a quiz key): students never receive it
                    // (Exercises drops it), so grading the instructor's own copy does not run it either
                    continue;
                }
                if (id != null && !done.contains(id)) {
                    report.notes.add("cell " + s.index() + " has grade_id " + id + ", which the assignment does not "
                            + "have; it was run as ordinary code");
                } else if (id != null) {
                    report.notes.add("cell " + s.index() + " repeats grade_id " + id + "; it was run as ordinary code");
                }
                report.extraCells.add(s.source());
                steps.add(new Step("cell " + s.index(), s.source(), null, null));
            }
        }
        for (Cell k : key.cells()) {
            addMissing(k, studentIds, done, steps, items);
        }
        return steps;
    }

    private void addMissing(Cell k, Set<String> studentIds, Set<String> done, List<Step> steps,
            Map<String, GradeItem> items) {
        String id = k.gradeId();
        if (id == null || done.contains(id) || studentIds.contains(id)) {
            return;
        }
        done.add(id);
        if (k.isSolution()) {
            report.notes.add("solution cell " + id + " is missing (deleted, or its metadata was changed)");
            for (GradeItem g : itemsBySolution.getOrDefault(id, List.of())) {
                report.itemNote(g.gradeId(), "solution cell " + id + " is missing from the submission");
            }
        } else if (k.isCode() && k.isGrade()) {
            report.notes.add("grade cell " + id + " is missing; it was restored from the instructor's copy");
            steps.add(new Step("grade cell " + id, null, null, items.get(id)));
        } else if (k.isCode() && k.isLocked()) {
            report.notes.add("locked cell " + id + " is missing; it was restored from the instructor's copy");
            steps.add(new Step("locked cell " + id, k.source(), null, null));
        }
    }

    private static String normalize(String s) {
        return s.strip().replace("\r\n", "\n");
    }

    private long remainingMillis() {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private Report execute(Notebook submission) {
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.totalMillis());
        List<Step> steps = plan(submission);
        try {
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (step.item != null && onlyItems != null && !onlyItems.contains(step.item.gradeId())) {
                    continue;
                }
                if (remainingMillis() <= 0) {
                    report.notes.add("the total time limit of " + limits.totalMillis() / 1000.0
                            + " s was reached; the remaining checks were not run");
                    giveUp(steps, i, "total time limit reached");
                    break;
                }
                if (!ensureAlive()) {
                    giveUp(steps, i, "the notebook's JVM could not be kept running (see the notes above)");
                    break;
                }
                if (step.item != null) {
                    runProbes(step.item);
                } else {
                    runCell(step);
                }
            }
        } finally {
            if (sandbox != null) {
                closeSandbox();
            }
            report.outputBytes = output.total();
            if (output.total() > limits.outputCapBytes()) {
                report.notes.add("the notebook printed " + output.total() + " bytes; output beyond "
                        + limits.outputCapBytes() + " bytes was discarded (printed text is never graded)");
            }
        }
        return report;
    }

    private void closeSandbox() {
        report.childPid = sandbox.childPid();
        sandbox.close();
        report.childLeftRunning |= sandbox.childAlive();
        sandbox = null;
    }

    private void giveUp(List<Step> steps, int from, String why) {
        for (int j = from; j < steps.size(); j++) {
            if (steps.get(j).item != null) {
                for (Probe p : steps.get(j).item.probes()) {
                    report.observations.put(p.id(), Observation.notRun(why));
                }
            }
        }
    }

    /** Starts or replaces the sandbox; false when the restart budget is spent or the JVM cannot start. */
    private boolean ensureAlive() {
        while (sandbox == null || sandbox.isDead()) {
            boolean replacing = sandbox != null;
            if (replacing) {
                closeSandbox();
                if (freeRestart) {
                    freeRestart = false;
                } else if (restarts >= limits.maxRestarts()) {
                    report.notes.add("the notebook's JVM died too often; the remaining checks were not run");
                    return false;
                } else {
                    restarts++;
                }
            }
            try {
                sandbox = new Sandbox(limits, classpath, output);
            } catch (RuntimeException e) {
                report.graderError = "could not start the sandbox: " + Sandbox.shorten(String.valueOf(e));
                report.notes.add("grader error: " + report.graderError + " (not the submission's fault: the "
                        + "instructor will grade it again)");
                sandbox = null;
                return false;
            }
            if (replacing) {
                for (int i = 0; i < replay.size(); i++) {
                    Sandbox.CellResult r = sandbox.evalCell(replay.get(i).source, cellTimeout());
                    if (r.died || r.timedOut) {
                        report.notes.add(replay.get(i).label + " stopped the JVM again when it was replayed; it is "
                                + "skipped from now on");
                        replay.remove(i);
                        break;
                    }
                }
            }
        }
        return true;
    }

    private long cellTimeout() {
        return Math.max(1, Math.min(limits.cellMillis(), remainingMillis()));
    }

    private void runCell(Step step) {
        if (step.source.length() > limits.maxCellChars()) {
            tooLong(step, step.label + " has " + step.source.length() + " characters, more than the limit of "
                    + limits.maxCellChars() + " per cell; it was not run");
            return;
        }
        sourceChars += step.source.length();
        if (sourceChars > limits.maxNotebookChars()) {
            tooLong(step, step.label + " was not run: the notebook's code exceeds the limit of "
                    + limits.maxNotebookChars() + " characters");
            return;
        }
        long timeout = cellTimeout();
        Sandbox.CellResult r = sandbox.evalCell(step.source, timeout);
        List<String> lines = new ArrayList<>();
        for (String p : r.problems) {
            lines.add(step.label + ": " + p);
        }
        if (r.timedOut) {
            lines.add(step.label + ": stopped after " + timeoutText(timeout, "cell")
                    + (r.died ? " (it ignored the stop request, so its JVM was killed)" : ""));
        } else if (r.died) {
            lines.add(step.label + ": the JVM died while this cell ran (System.exit, Runtime.halt, or a crash);"
                    + " it was restarted without this cell");
        } else {
            replay.add(step);
        }
        List<GradeItem> items = step.studentId == null ? List.of()
                : itemsBySolution.getOrDefault(step.studentId, List.of());
        if (items.isEmpty()) {
            report.notes.addAll(lines);
        } else {
            // the details (the student's line, the compiler's message) are given once, in the part they concern
            String parts = items.stream().map(g -> "\u201c" + g.name() + "\u201d")
                    .collect(java.util.stream.Collectors.joining(", "));
            for (String l : lines) {
                report.notes.add(summary(l) + " (details under " + parts + ")");
            }
            for (GradeItem g : items) {
                lines.forEach(l -> report.itemNote(g.gradeId(), l));
            }
        }
    }

    /** The first line of a cell's problem, without the code excerpt and the compiler's message. */
    private static String summary(String line) {
        String first = line.split("\n", 2)[0];
        int colon = first.indexOf(": ");
        int second = colon < 0 ? -1 : first.indexOf(": ", colon + 2);
        return second < 0 ? first : first.substring(0, second);
    }

    /** "10 s, the time limit for one cell", or the rest of the total time limit when that was shorter. */
    private String timeoutText(long millis, String what) {
        return seconds(millis) + (millis >= limits.cellMillis() ? ", the time limit for one " + what
                : ", what was left of the notebook's total time limit of " + seconds(limits.totalMillis()));
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private Observation timedOut(long millis) {
        return new Observation(Observation.Kind.TIMEOUT, null, timeoutText(millis, "check"));
    }

    private void tooLong(Step step, String line) {
        report.notes.add(line);
        if (step.studentId != null) {
            for (GradeItem g : itemsBySolution.getOrDefault(step.studentId, List.of())) {
                report.itemNote(g.gradeId(), line);
            }
        }
    }

    private void runProbes(GradeItem item) {
        if (remainingMillis() > 0 && ensureAlive()) {
            // one compilation for the whole cell; whatever did not finish there is evaluated one by one below
            long timeout = cellTimeout();
            Sandbox.Batch batch = sandbox.probeBatch(item.probes(), timeout);
            for (int i = 0; i < batch.finished.size(); i++) {
                report.observations.put(item.probes().get(i).id(), batch.finished.get(i));
            }
            if (batch.firstTimedOut) {
                Probe first = item.probes().get(0);
                report.observations.put(first.id(), timedOut(timeout));
                skipRest(item, Observation.Kind.TIMEOUT);
                return;
            }
            // the probe that killed the JVM is run again on its own and then counts as a restart
            freeRestart = sandbox.isDead();
        }
        for (Probe p : item.probes()) {
            if (report.observations.containsKey(p.id())) {
                continue;
            }
            if (remainingMillis() <= 0) {
                report.observations.put(p.id(), Observation.notRun("total time limit reached"));
                continue;
            }
            if (!ensureAlive()) {
                report.observations.put(p.id(), Observation.notRun("the notebook's JVM could not be kept running"));
                continue;
            }
            long timeout = cellTimeout();
            Observation o = sandbox.probe(p, timeout);
            if (o.kind() == Observation.Kind.TIMEOUT) {
                o = timedOut(timeout);
            }
            report.observations.put(p.id(), o);
            if (o.kind() == Observation.Kind.TIMEOUT || o.kind() == Observation.Kind.CRASHED) {
                skipRest(item, o.kind());
                return;
            }
        }
        freeRestart = false;
    }

    /** One stuck or fatal call is enough evidence; do not spend the time or restart budget again. */
    private void skipRest(GradeItem item, Observation.Kind why) {
        String text = "skipped: an earlier check of this part " + (why == Observation.Kind.TIMEOUT
                ? "ran past the time limit" : "killed the JVM");
        item.probes().stream().filter(q -> !report.observations.containsKey(q.id()))
                .forEach(q -> report.observations.put(q.id(), Observation.notRun(text)));
    }
}
