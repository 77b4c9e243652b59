package aelab.grade;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * One student's JShell: a child JVM started through the JDK's JShell API (remote execution engine) with a heap
 * cap, headless AWT, an empty stdin, a scratch working directory and the aelab jar plus its dependencies on the
 * classpath. Every evaluation runs under a deadline: at the deadline {@link JShell#stop()}, and if the snippet
 * still runs a moment later (a loop that catches Throwable) the child's whole process tree is killed (SIGKILL,
 * so no shutdown hook runs). {@link #close()} kills the tree the same way, then waits until it is gone.
 */
final class Sandbox implements AutoCloseable {
    /** How long a stopped snippet may take to return before the child JVM is killed. */
    static final long STOP_GRACE_MILLIS = 3000;
    private static final int MAX_MESSAGE = 400;
    private static final ScheduledExecutorService WATCHDOG = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "aelab-grade-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final JShell shell;
    private final String marker;
    private final Path scratch;
    private final Confinement confinement;
    private final String cgroup;
    private final int uid;
    private final ProcessHandle child;
    private final AtomicBoolean dead = new AtomicBoolean();
    private volatile boolean killed;
    private VarSnippet batchResults;

    /** What a batch of probes left: the observations of the probes that finished, in order. */
    static final class Batch {
        final List<Observation> finished = new ArrayList<>();
        /** The batch was stopped at its deadline while the first probe ran (that probe timed out). */
        boolean firstTimedOut;
    }

    /** The result of evaluating one cell. */
    static final class CellResult {
        final List<String> problems = new ArrayList<>();
        /** JShell's display of the last snippet's value (a String value is shown quoted), or null. */
        String lastValue;
        boolean timedOut;
        boolean died;
    }

    Sandbox(Limits limits, List<String> classpath, CappedOutput output) {
        Confinement confinement = Confinement.current();
        if (!confinement.allowed()) {
            throw new IllegalStateException(confinement.refusal());
        }
        marker = "-Daelab.grade.sandbox=" + UUID.randomUUID();
        int id = confinement.root && confinement.level != Confinement.Level.NONE ? Confinement.acquireUid() : -1;
        String group = null;
        Path dir = null;
        PrintStream sink = new PrintStream(output, true, StandardCharsets.UTF_8);
        // one --class-path option for the compiler: addToClasspath per jar costs ~0.1 s each
        String cp = String.join(File.pathSeparator, classpath);
        JShell started;
        SandboxEngine engine = null;
        try {
            SETUP.readLock().lock();
            try {
                if (shuttingDown) {
                    throw new IllegalStateException("the grader is shutting down");
                }
                dir = confinement.createScratch(id);
                group = confinement.createCgroup(limits, "aelab-" + marker.substring(marker.indexOf('=') + 1));
                Path scratchDir = dir;
                String cgroupName = group;
                UNCLEANED.put(scratchDir, () -> cleanUp(confinement, cgroupName, id, scratchDir));
            } finally {
                SETUP.readLock().unlock();
            }
            SandboxFiles files = SandboxFiles.forClasspath(classpath);
            engine = new SandboxEngine(confinement, new Confinement.Spec(limits, files.classpath(), files.agentDir(),
                    dir, id, group));
            started = JShell.builder()
                    .in(new ByteArrayInputStream(new byte[0]))
                    .out(sink)
                    .err(sink)
                    .remoteVMOptions("-Xmx" + limits.heap(), "-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                            "-XX:CompressedClassSpaceSize=64m", "-XX:ReservedCodeCacheSize=48m",
                            "-XX:MaxMetaspaceSize=192m", "-XX:MaxDirectMemorySize=64m", "-XX:+DisableAttachMechanism",
                            "-XX:-UsePerfData", "-Djava.awt.headless=true", marker)
                    .compilerOptions("--class-path", cp)
                    .executionEngine(engine, Map.of())
                    .build();
        } catch (IOException | RuntimeException | Error e) {
            if (engine != null && engine.process() != null) {
                engine.process().destroyForcibly();
            }
            cleanUp(confinement, group, id, dir);
            String why = e instanceof IOException ? e.toString() : String.valueOf(e.getMessage());
            String err = engine == null ? "" : engine.stderr();
            throw new IllegalStateException("cannot start the sandboxed JVM: " + why
                    + (err.isEmpty() ? "" : " (" + shorten(err) + ")"), e);
        }
        this.confinement = confinement;
        this.cgroup = group;
        this.uid = id;
        this.scratch = dir;
        shell = started;
        shell.onShutdown(s -> dead.set(true));
        child = engine.process().toHandle();
        // warm up the compiler and the agent outside any student's time limit (the first eval takes ~1 s); the
        // variable (random name) receives the results of batched probes
        String name = "aelab$r" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        batchResults = shell.eval("java.lang.Object[] " + name + " = null;").stream()
                .filter(e -> e.causeSnippet() == null && e.status() == Snippet.Status.VALID
                        && e.snippet() instanceof VarSnippet)
                .map(e -> (VarSnippet) e.snippet()).findFirst().orElse(null);
    }

    /**
     * What every sandbox not yet cleaned up would leave behind (its cgroups with their processes, its uid's processes,
     * its scratch directory), by scratch directory: a grader that exits or is stopped (SIGTERM, Ctrl-C) while a
     * sandbox runs, e.g. the background run of the instructor's notebook, cleans them up in a shutdown hook.
     */
    private static final Map<Path, Runnable> UNCLEANED = new java.util.concurrent.ConcurrentHashMap<>();
    /** Set by the shutdown hook before it cleans up: from then on no sandbox may start (a grading thread that saw its
     * JVM killed would otherwise start a replacement while the hook runs, and leave its cgroup behind). */
    private static volatile boolean shuttingDown;
    /** Held (shared) while a sandbox creates and registers its cgroup and scratch directory; the shutdown hook takes it
     * exclusively, so it waits for those to be registered (the JVM halts when the hooks end, even in mid-creation). */
    private static final java.util.concurrent.locks.ReentrantReadWriteLock SETUP =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SETUP.writeLock().lock();
            try {
                shuttingDown = true;
            } finally {
                SETUP.writeLock().unlock();
            }
            // a sandbox registered while this runs sees the flag and cleans itself up; repeat for any that slipped in
            for (int pass = 0; pass < 20 && !UNCLEANED.isEmpty(); pass++) {
                for (Runnable r : List.copyOf(UNCLEANED.values())) {
                    r.run();
                }
            }
        }, "aelab-sandbox-cleanup"));
    }

    private static void cleanUp(Confinement confinement, String group, int uid, Path dir) {
        if (dir != null) {
            UNCLEANED.remove(dir);
        }
        Confinement.removeCgroup(group);
        if (uid >= 0) {
            if (confinement.level == Confinement.Level.UID) {
                Confinement.killUid(uid);
            }
            Confinement.releaseUid(uid);
        }
        if (dir != null) {
            deleteTree(dir);
        }
    }

    /** The isolation the sandboxes of this grader lack (empty when complete), for the feedback and the log. */
    static List<String> missingIsolation() {
        return Confinement.current().missing();
    }

    /**
     * The student classpath: the system property {@code aelab.student.classpath} (the launcher sets it to the
     * aelab-core jar and its dependencies, as {@code ./aelab classpath} prints it), else the entries of the running
     * JVM's classpath that exist (in the grader's own tests, aelab-core is a test dependency).
     */
    static List<String> defaultClasspath() {
        String student = System.getProperty("aelab.student.classpath");
        String cp = student != null && !student.isBlank() ? student : System.getProperty("java.class.path", "");
        Set<String> out = new LinkedHashSet<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isEmpty() && new File(e).exists()) {
                out.add(new File(e).getAbsolutePath());
            }
        }
        return new ArrayList<>(out);
    }

    /** The JShell (tests). */
    JShell shell() {
        return shell;
    }

    /** Whether the child JVM is gone (System.exit, halt, killed). */
    boolean isDead() {
        return dead.get() || killed || (child != null && !child.isAlive());
    }

    /** Evaluates a notebook cell snippet by snippet; stops at the first snippet that times out or kills the JVM. */
    CellResult evalCell(String source, long timeoutMillis) {
        CellResult r = new CellResult();
        List<Snippet> namespaceChanges = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        // the time limit counts from here: splitting a huge cell is part of it
        List<String> snippets = split(source, deadline);
        if (snippets == null) {
            r.timedOut = true;
            return r;
        }
        String[] cellLines = source.split("\n", -1);
        int cursor = 0; // the cell line where the next snippet is looked for (to number the lines of compile errors)
        for (String snippet : snippets) {
            if (isDead()) {
                r.died = true;
                return r;
            }
            int firstLine = find(cellLines, snippet.strip().split("\n", 2)[0], cursor);
            if (firstLine >= 0) {
                cursor = firstLine + snippet.strip().split("\n", -1).length;
            }
            AtomicBoolean stopped = new AtomicBoolean();
            List<SnippetEvent> events = evalWithDeadline(snippet, deadline, stopped);
            if (stopped.get()) {
                r.timedOut = true;
                r.died = isDead();
                return r;
            }
            if (isDead()) {
                r.died = true;
                return r;
            }
            for (SnippetEvent ev : events) {
                if (ev.causeSnippet() == null) {
                    r.lastValue = ev.value();
                }
                String problem = problemOf(ev, cellLines, Math.max(firstLine, 0));
                if (problem != null) {
                    r.problems.add(problem);
                }
                if (ev.causeSnippet() == null && ev.status().isDefined()
                        && (ev.snippet() instanceof TypeDeclSnippet || ev.snippet() instanceof ImportSnippet)) {
                    namespaceChanges.add(ev.snippet());
                }
            }
        }
        if (!namespaceChanges.isEmpty() && !canaryCompiles(deadline)) {
            // e.g. a class named like an imported class: every later snippet would fail to compile
            for (Snippet s : namespaceChanges) {
                shell.drop(s);
                r.problems.add("declares " + s.source().strip().split("\n")[0] + ", which stops every later cell "
                        + "from compiling (a name clash with an import?); it was removed");
            }
        }
        return r;
    }

    private boolean canaryCompiles(long deadline) {
        AtomicBoolean stopped = new AtomicBoolean();
        return evalWithDeadline("int aelab$canary = 0;", deadline + TimeUnit.SECONDS.toNanos(5), stopped).stream()
                .anyMatch(e -> e.causeSnippet() == null && e.status() == Snippet.Status.VALID);
    }

    /** Splits a cell into complete snippets (JShell's eval takes only the first one of its input). */
    List<String> split(String source) {
        return split(source, Long.MAX_VALUE);
    }

    /** {@link #split(String)} that gives up (null) when {@code deadlineNanos} passes. */
    List<String> split(String source, long deadlineNanos) {
        StringBuilder kept = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            // kernel magics such as %maven or %%time are not Java
            kept.append(line.stripLeading().startsWith("%") ? "" : line).append('\n');
        }
        List<String> out = new ArrayList<>();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = kept.toString();
        while (!rest.isBlank()) {
            if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
                return null;
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete()) {
                out.add(rest); // incomplete: let eval report the compile error
                break;
            }
            out.add(info.source());
            rest = info.remaining();
        }
        return out;
    }

    private List<SnippetEvent> evalWithDeadline(String snippet, long deadlineNanos, AtomicBoolean stopped) {
        long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        ScheduledFuture<?> stop = WATCHDOG.schedule(() -> {
            stopped.set(true);
            try {
                shell.stop();
            } catch (RuntimeException e) {
                // already closed
            }
        }, remaining, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> kill = WATCHDOG.schedule(this::kill, remaining + STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        try {
            return shell.eval(snippet);
        } catch (IllegalStateException e) {
            dead.set(true);
            return List.of();
        } finally {
            stop.cancel(false);
            kill.cancel(false);
        }
    }

    /** The index of the first line from {@code from} on whose text is {@code text} (both stripped), or -1. */
    private static int find(String[] lines, String text, int from) {
        String t = text.strip();
        for (int i = from; i < lines.length; i++) {
            if (lines[i].strip().equals(t)) {
                return i;
            }
        }
        return -1;
    }

    private String problemOf(SnippetEvent ev, String[] cellLines, int searchFrom) {
        if (ev.causeSnippet() != null) {
            return null; // a consequence (another snippet's status changed), not this evaluation
        }
        Snippet s = ev.snippet();
        if (ev.status() == Snippet.Status.REJECTED) {
            return compileError(s, cellLines, searchFrom);
        }
        if (ev.exception() != null) {
            return exceptionText(ev.exception());
        }
        if (ev.status() == Snippet.Status.RECOVERABLE_DEFINED || ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            if (s instanceof jdk.jshell.DeclarationSnippet) {
                String missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s)
                        .collect(Collectors.joining(", "));
                return "uses undefined " + missing;
            }
        }
        return null;
    }

    private String diagnostics(Snippet s) {
        String text = shell.diagnostics(s).filter(Diag::isError).map(d -> compilerMessage(d.getMessage(Locale.ROOT)))
                .distinct().collect(Collectors.joining("; "));
        return shorten(text.isEmpty() ? "rejected" : text);
    }

    /**
     * A rejected snippet of a cell, as a student needs it: the first error's message, the line of the cell it is in
     * (numbered from 1 in the cell), that line and a caret under the place javac points at. Later errors are only
     * counted (they usually follow from the first one).
     */
    private String compileError(Snippet s, String[] cellLines, int searchFrom) {
        List<Diag> errors = shell.diagnostics(s).filter(Diag::isError).collect(Collectors.toList());
        if (errors.isEmpty()) {
            return "compile error: rejected";
        }
        Diag d = errors.get(0);
        String message = shorten(compilerMessage(d.getMessage(Locale.ROOT)))
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more error" + (errors.size() > 2 ? "s" : "")
                + " after it)" : "");
        String src = s.source();
        long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
        if (pos < 0 || pos > src.length()) {
            return "compile error: " + message;
        }
        int at = (int) pos;
        int start = src.lastIndexOf('\n', at - 1) + 1;
        int end = src.indexOf('\n', at);
        String line = src.substring(start, end < 0 ? src.length() : end);
        int column = at - start;
        int cellLine = find(cellLines, line, searchFrom);
        String where = "compile error";
        if (cellLine >= 0) {
            String shown = cellLines[cellLine];
            column += indent(shown) - indent(line);
            line = shown;
            where = "compile error in line " + (cellLine + 1);
        }
        line = line.replace('\t', ' ');
        if (line.length() > MAX_MESSAGE) {
            line = line.substring(0, MAX_MESSAGE) + "...";
        }
        column = Math.max(0, Math.min(column, line.length()));
        return where + ": " + message + "\n    " + line + "\n    " + " ".repeat(column) + "^";
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    /**
     * javac's message on one line: "cannot find symbol\n  symbol: variable lenght\n  location: class double[]"
     * becomes "cannot find symbol: variable lenght (in class double[])"; JShell's nameless wrapper class is not
     * named.
     */
    static String compilerMessage(String javac) {
        String[] lines = javac.strip().split("\\R");
        StringBuilder out = new StringBuilder(lines[0].strip());
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("symbol:")) {
                out.append(": ").append(l.substring("symbol:".length()).strip());
            } else if (l.startsWith("location:")) {
                String where = l.substring("location:".length()).strip();
                if (!where.equals("class") && !where.matches("class\\s*\\$?JShell.*") && !where.isEmpty()) {
                    out.append(" (in ").append(where).append(')');
                }
            } else if (!l.isEmpty()) {
                out.append("; ").append(l);
            }
        }
        return out.toString().replaceAll("\\s+", " ");
    }

    private static String exceptionText(Exception e) {
        if (e instanceof EvalException) {
            String msg = e.getMessage();
            return "threw " + ((EvalException) e).getExceptionClassName() + (msg == null ? "" : ": " + shorten(msg));
        }
        if (e instanceof UnresolvedReferenceException) {
            return "calls " + ((UnresolvedReferenceException) e).getSnippet().source().strip().split("\n")[0]
                    + ", which uses something undefined";
        }
        return "threw " + e.getClass().getName();
    }

    static String shorten(String s) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE) + "...";
    }

    /**
     * Evaluates all probes of a grade cell in one snippet ({@link ProbeBatch}) with the time limit of one probe.
     * The probes that finished are returned; the caller evaluates the rest one by one. Nothing is returned when the
     * snippet does not compile or the JVM died; {@link Batch#firstTimedOut} when the first probe used the whole time.
     */
    Batch probeBatch(List<Probe> probes, long timeoutMillis) {
        Batch b = new Batch();
        if (batchResults == null || isDead() || !ProbeBatch.batchable(probes)) {
            return b;
        }
        String suffix = "$" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        AtomicBoolean stopped = new AtomicBoolean();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<SnippetEvent> events = evalWithDeadline(ProbeBatch.source(probes, batchResults.name(), suffix), deadline,
                stopped);
        if (isDead() || events.stream().noneMatch(e -> e.causeSnippet() == null
                && e.status() == Snippet.Status.VALID)) {
            return b;
        }
        try {
            b.finished.addAll(ProbeBatch.read(probes, shell.varValue(batchResults)));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new Batch(); // unreadable (should not happen) or the JVM is gone: evaluate one by one
        }
        b.firstTimedOut = stopped.get() && b.finished.isEmpty();
        return b;
    }

    /** Evaluates a probe and reads its value back without calling any of the student's methods on the result. */
    Observation probe(Probe p, long timeoutMillis) {
        String name = "aelab$probe$" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String expr = "(" + p.expr() + ")";
        String snippet;
        switch (p.type()) {
            case DOUBLE: snippet = "double " + name + " = " + expr + ";"; break;
            case LONG: snippet = "long " + name + " = " + expr + ";"; break;
            case BOOLEAN: snippet = "boolean " + name + " = " + expr + ";"; break;
            case CHAR: snippet = "char " + name + " = " + expr + ";"; break;
            case STRING: snippet = "var " + name + " = " + expr + ";"; break;
            default: snippet = p.expr().strip() + (p.expr().strip().endsWith(";") ? "" : ";"); break;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        AtomicBoolean stopped = new AtomicBoolean();
        if (isDead()) {
            return new Observation(Observation.Kind.CRASHED, null, "the JVM was already gone");
        }
        List<SnippetEvent> events = evalWithDeadline(snippet, deadline, stopped);
        if (stopped.get()) {
            return new Observation(Observation.Kind.TIMEOUT, null, "");
        }
        if (isDead()) {
            return new Observation(Observation.Kind.CRASHED, null, "System.exit, halt or a crash");
        }
        SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
        if (main == null) {
            return new Observation(Observation.Kind.COMPILE_ERROR, null, "no result");
        }
        if (main.status() == Snippet.Status.REJECTED) {
            return new Observation(Observation.Kind.COMPILE_ERROR, null, diagnostics(main.snippet()));
        }
        if (main.exception() instanceof EvalException) {
            EvalException e = (EvalException) main.exception();
            return new Observation(Observation.Kind.THREW, e.getExceptionClassName(),
                    e.getMessage() == null ? "" : shorten(e.getMessage()));
        }
        if (main.exception() != null) {
            return new Observation(Observation.Kind.COMPILE_ERROR, null, exceptionText(main.exception()));
        }
        if (p.type() == Probe.Type.THROWS) {
            return new Observation(Observation.Kind.VALUE, "(nothing thrown)", "");
        }
        String raw = main.value();
        if (raw == null) {
            return new Observation(Observation.Kind.COMPILE_ERROR, null, "no value");
        }
        return canonical(p, name, raw, deadline);
    }

    private Observation canonical(Probe p, String name, String raw, long deadline) {
        try {
            switch (p.type()) {
                case DOUBLE:
                    return value(Double.toString(Double.parseDouble(raw)));
                case LONG:
                    return value(Long.toString(Long.parseLong(raw)));
                case BOOLEAN:
                    return value(Boolean.toString(Boolean.parseBoolean(raw)));
                case CHAR:
                    return value(JavaLiterals.unquote(raw, '\''));
                default: {
                    if (raw.equals("null")) {
                        return value("null");
                    }
                    AtomicBoolean stopped = new AtomicBoolean();
                    List<SnippetEvent> check = evalWithDeadline("boolean " + name + "$isString = " + name
                            + " != null && " + name + ".getClass() == \"\".getClass();", deadline, stopped);
                    boolean real = check.stream().anyMatch(e -> e.causeSnippet() == null && "true".equals(e.value()));
                    if (!real) {
                        return new Observation(Observation.Kind.UNREADABLE, null,
                                "a value that is not a java.lang.String");
                    }
                    return value(JavaLiterals.unquote(raw, '"'));
                }
            }
        } catch (IllegalArgumentException e) {
            return new Observation(Observation.Kind.UNREADABLE, null, "an unreadable value " + shorten(raw));
        }
    }

    private static Observation value(String v) {
        return new Observation(Observation.Kind.VALUE, v, "");
    }

    /**
     * Kills the child JVM and everything it started (SIGKILL: shutdown hooks do not run): the process tree, every
     * process left in its cgroup, and on the uid level every process of its uid (a process that left the tree).
     * With namespaces, the sandbox's PID 1 dies with its parent and the kernel kills the rest of the namespace.
     */
    void kill() {
        killed = true;
        dead.set(true);
        if (child == null) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(child.descendants(), Stream.of(child))
                .sorted(Comparator.comparingLong(ProcessHandle::pid).reversed())
                .collect(Collectors.toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by childAlive() in tests
            }
        }
        if (confinement.level == Confinement.Level.UID && uid >= 0) {
            Confinement.killUid(uid);
        }
    }

    /** Whether the child JVM is still running. */
    boolean childAlive() {
        return child != null && child.isAlive();
    }

    /** The child's process id, or -1 when it was not found. */
    long childPid() {
        return child == null ? -1 : child.pid();
    }

    @Override
    public void close() {
        kill();
        try {
            shell.close();
        } catch (RuntimeException e) {
            // the child is gone already
        }
        cleanUp(confinement, cgroup, uid, scratch);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a scratch directory left in /tmp is harmless
        }
    }
}
