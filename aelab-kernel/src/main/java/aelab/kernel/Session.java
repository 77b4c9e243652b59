package aelab.kernel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * The kernel's evaluation state: the current {@link ExecutionJvm}, the snippets evaluated so far (to rebuild the
 * state in a new execution JVM), and Stop.
 *
 * <p>Interrupt (Jupyter's Stop), in three steps until the cell has ended:
 * <ol>
 *   <li>at once: {@link Thread#interrupt()} of the cell thread ({@code Thread.sleep}, {@code wait}, blocking I/O and
 *       library calls that check the interrupt status end at a point of their choosing);</li>
 *   <li>after {@value #STOP_AFTER_MILLIS} ms, then every {@value #STOP_EVERY_MILLIS} ms: JShell's {@code stop()} (an
 *       asynchronous exception in the cell thread: ends {@code while (true) {}});</li>
 *   <li>after {@value #KILL_AFTER_MILLIS} ms (the code catches {@code Throwable} and loops on): the execution JVM is
 *       killed, so nothing of the cell keeps running, and a new one is started in the background, into which the
 *       snippets that had succeeded are evaluated again (outputs hidden) to restore the state.</li>
 * </ol>
 * The same replacement follows when the execution JVM dies by itself ({@code System.exit}, a crash).
 */
final class Session implements AutoCloseable {
    static final long STOP_AFTER_MILLIS = 100;
    static final long STOP_EVERY_MILLIS = 250;
    static final long KILL_AFTER_MILLIS = 2000;

    /** Where a cell's output goes. */
    interface CellSink {
        void stdout(String text);

        void stderr(String text);

        void display(OutputRouter.Frame frame);
    }

    /** An error output: Jupyter's ename, evalue and traceback lines. */
    record Failure(String ename, String evalue, List<String> traceback) {
        static Failure of(String ename, String evalue) {
            return new Failure(ename, evalue, List.of(ename + ": " + evalue));
        }
    }

    /** What a cell gave: the value of its last expression (a MIME bundle, or null) or a failure. */
    record Outcome(Map<String, String> result, Failure failure) {
    }

    private static final CellSink MUTED = new CellSink() {
        @Override
        public void stdout(String text) {
        }

        @Override
        public void stderr(String text) {
        }

        @Override
        public void display(OutputRouter.Frame frame) {
        }
    };

    private final KernelConfig config;
    private final ControlServer server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aelab-kernel-interrupt");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private final List<String> history = new ArrayList<>();
    private volatile CellSink sink;
    private volatile Map<String, String> resultBundle;
    private CompletableFuture<ExecutionJvm> jvm;
    private String note; // shown on the next cell's stderr (state not fully restored)
    // the running evaluation (a cell, or a replay); guarded by lock
    private ExecutionJvm current;
    private long runSeq;
    private boolean running;
    private boolean interrupted;
    private boolean killedForInterrupt;
    private volatile boolean closed;

    Session(KernelConfig config, ControlServer server) {
        this.config = config;
        this.server = server;
    }

    /** Starts the first execution JVM in the background (the kernel answers kernel_info meanwhile). */
    void startAsync() {
        synchronized (lock) {
            jvm = launch(List.of());
        }
    }

    private CompletableFuture<ExecutionJvm> launch(List<String> replay) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                long t0 = System.nanoTime();
                ExecutionJvm j = ExecutionJvm.start(config, server,
                        new OutputRouter(t -> route(t, false), this::frame),
                        new OutputRouter(t -> route(t, true), this::frame));
                KernelLog.debug(String.format(Locale.ROOT, "execution JVM %d started in %.2f s", j.pid(),
                        (System.nanoTime() - t0) / 1e9));
                if (!replay.isEmpty()) {
                    replayInto(j, replay);
                }
                return j;
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    private void replayInto(ExecutionJvm j, List<String> replay) {
        CellSink saved = sink;
        sink = MUTED;
        int done = 0;
        try {
            for (String s : replay) {
                long seq = begin(j);
                try {
                    j.shell.eval(s);
                } catch (IllegalStateException e) {
                    // dead: handled below
                } finally {
                    end(seq);
                }
                if (wasInterrupted(seq) || j.isDead()) {
                    break;
                }
                done++;
            }
        } finally {
            sink = saved;
        }
        if (done < replay.size()) {
            synchronized (lock) {
                history.clear();
                history.addAll(replay.subList(0, done));
                note = "Only " + done + " of the " + replay.size() + " earlier snippets could be evaluated again in the "
                        + "new execution JVM (the re-run was interrupted or failed): definitions made later are "
                        + "missing. Restart the kernel and run the cells again if you need them.\n";
            }
        }
    }

    private void route(String text, boolean err) {
        CellSink s = sink;
        if (s == null) {
            KernelLog.debug("output outside a cell dropped: " + text.strip());
        } else if (err) {
            s.stderr(text);
        } else {
            s.stdout(text);
        }
    }

    private void frame(OutputRouter.Frame f) {
        if (f.kind().equals("result")) {
            resultBundle = f.bundle();
            return;
        }
        CellSink s = sink;
        if (s != null) {
            s.display(f);
        }
    }

    private long begin(ExecutionJvm j) {
        synchronized (lock) {
            current = j;
            running = true;
            interrupted = false;
            killedForInterrupt = false;
            return ++runSeq;
        }
    }

    private void end(long seq) {
        synchronized (lock) {
            if (runSeq == seq) {
                running = false;
            }
        }
    }

    private boolean wasInterrupted(long seq) {
        synchronized (lock) {
            return runSeq == seq && interrupted;
        }
    }

    /** The execution JVM, waiting for its start (and re-run of earlier snippets) if needed. */
    private ExecutionJvm ready(CellSink cell) {
        CompletableFuture<ExecutionJvm> f;
        synchronized (lock) {
            f = jvm;
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the execution JVM");
        } catch (ExecutionException e) {
            KernelLog.warn("execution JVM failed to start: " + e.getCause().getMessage() + "; trying again");
            synchronized (lock) {
                jvm = launch(List.of());
                history.clear();
                f = jvm;
            }
            try {
                ExecutionJvm j = f.get();
                cell.stderr("The execution JVM had failed to start; a new one was started without earlier "
                        + "definitions.\n");
                return j;
            } catch (InterruptedException | ExecutionException e2) {
                throw new IllegalStateException("the execution JVM does not start: " + e2.getMessage()
                        + " (see the kernel log)");
            }
        }
    }

    /** Evaluates a cell. Output goes to {@code cell} while it runs. */
    Outcome execute(String code, CellSink cell) {
        ExecutionJvm j;
        try {
            j = ready(cell);
        } catch (IllegalStateException e) {
            return new Outcome(null, Failure.of("KernelError", e.getMessage()));
        }
        synchronized (lock) {
            if (note != null) {
                cell.stderr(note);
                note = null;
            }
        }
        sink = cell;
        long seq = begin(j);
        try {
            return run(j, code, seq);
        } finally {
            end(seq);
            boolean wasInterrupted;
            synchronized (lock) {
                wasInterrupted = interrupted && runSeq == seq;
            }
            if (wasInterrupted && !j.isDead()) {
                try {
                    j.shell.eval("Thread.interrupted();"); // clear a pending interrupt flag of the cell thread
                } catch (IllegalStateException e) {
                    // dead meanwhile
                }
            }
            sink = null;
        }
    }

    private Outcome run(ExecutionJvm j, String code, long seq) {
        SnippetEvent last = null;
        for (String snippet : j.split(code)) {
            if (wasInterrupted(seq)) {
                return interruptedOutcome(null);
            }
            List<SnippetEvent> events;
            try {
                events = j.shell.eval(snippet);
            } catch (IllegalStateException e) {
                events = List.of();
            }
            if (j.isDead()) {
                return replaced(j, seq);
            }
            SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
            if (wasInterrupted(seq)) {
                return interruptedOutcome(main == null ? null : main.exception());
            }
            if (main == null) {
                continue;
            }
            Failure f = failureOf(j, main);
            if (f != null) {
                return new Outcome(null, f);
            }
            synchronized (lock) {
                history.add(snippet);
            }
            last = main;
        }
        String name = valueName(last);
        if (name == null) {
            return new Outcome(null, null);
        }
        resultBundle = null;
        List<SnippetEvent> events;
        try {
            events = j.shell.eval("aelab.kernel.runtime.Display.result(" + name + ");");
        } catch (IllegalStateException e) {
            events = List.of();
        }
        if (j.isDead()) {
            return replaced(j, seq);
        }
        if (wasInterrupted(seq)) {
            return interruptedOutcome(null);
        }
        for (SnippetEvent ev : events) {
            Failure f = ev.causeSnippet() == null ? failureOf(j, ev) : null;
            if (f != null) {
                return new Outcome(null, f);
            }
        }
        return new Outcome(resultBundle, null);
    }

    /** The name whose value the cell shows: a temporary variable ({@code $3}) or an expression snippet's name. */
    static String valueName(SnippetEvent ev) {
        if (ev == null || ev.status() != Snippet.Status.VALID) {
            return null;
        }
        Snippet s = ev.snippet();
        if (s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            return v.name();
        }
        if (s instanceof ExpressionSnippet e) {
            return e.name();
        }
        return null;
    }

    private Outcome interruptedOutcome(Exception cause) {
        if (cause instanceof EvalException e && !e.getExceptionClassName().endsWith("StopExecutionException")) {
            return new Outcome(null, exceptionFailure(e)); // e.g. the library's own "interrupted after epoch 3"
        }
        return new Outcome(null, Failure.of("Interrupted", "the cell was interrupted (Kernel > Interrupt)"));
    }

    private Outcome replaced(ExecutionJvm j, long seq) {
        boolean forInterrupt;
        List<String> replay;
        synchronized (lock) {
            forInterrupt = killedForInterrupt && runSeq == seq;
            replay = List.copyOf(history);
            history.clear();
            if (!closed) {
                jvm = launch(replay);
            }
        }
        j.close();
        String restore = replay.isEmpty() ? "" : " The " + replay.size() + " snippets that had succeeded before are "
                + "being evaluated again in the new one (outputs hidden) to restore your variables; the next cell "
                + "waits for them.";
        if (forInterrupt) {
            return new Outcome(null, Failure.of("Interrupted", "the cell ignored the interrupt (it catches "
                    + "InterruptedException or Throwable and goes on), so its execution JVM was stopped and "
                    + "replaced." + restore));
        }
        return new Outcome(null, Failure.of("ExecutionJvmDied", "the JVM that runs the cells ended (System.exit, "
                + "or out of memory outside a cell); a new one was started." + restore));
    }

    private static Failure failureOf(ExecutionJvm j, SnippetEvent ev) {
        Snippet s = ev.snippet();
        if (ev.status() == Snippet.Status.REJECTED) {
            List<String> tb = new ArrayList<>();
            List<Diag> diags = j.shell.diagnostics(s).filter(Diag::isError).collect(Collectors.toList());
            String first = diags.isEmpty() ? "the snippet does not compile" : diags.get(0).getMessage(Locale.ROOT);
            for (Diag d : diags) {
                tb.add(d.getMessage(Locale.ROOT));
                tb.addAll(excerpt(s.source(), d));
            }
            if (tb.isEmpty()) {
                tb.add(first);
            }
            return new Failure("CompilationException", first, tb);
        }
        if (ev.exception() instanceof EvalException e) {
            return exceptionFailure(e);
        }
        if (ev.exception() instanceof UnresolvedReferenceException u) {
            String msg = "this calls " + u.getSnippet().source().strip().split("\n")[0]
                    + ", which uses something not yet defined";
            return Failure.of("UnresolvedReferenceException", msg);
        }
        if (ev.exception() != null) {
            return Failure.of(ev.exception().getClass().getName(), String.valueOf(ev.exception().getMessage()));
        }
        if (ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED && s instanceof jdk.jshell.DeclarationSnippet d) {
            String missing = j.shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
            return Failure.of("CompilationException", "cannot find symbol: " + missing);
        }
        return null;
    }

    private static List<String> excerpt(String source, Diag d) {
        if (d.getStartPosition() < 0 || d.getStartPosition() > source.length()) {
            return List.of();
        }
        int pos = (int) d.getStartPosition();
        int ls = source.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
        if (pos > 0 && source.charAt(pos - 1) == '\n') {
            ls = pos;
        }
        int le = source.indexOf('\n', pos);
        String line = source.substring(ls, le < 0 ? source.length() : le);
        return List.of(line, " ".repeat(Math.max(0, pos - ls)) + "^");
    }

    private static Failure exceptionFailure(EvalException e) {
        String cls = e.getExceptionClassName();
        String msg = e.getMessage() == null ? "" : e.getMessage();
        List<String> tb = new ArrayList<>();
        Throwable t = e;
        String prefix = "";
        while (t != null) {
            String name = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
            tb.add(prefix + name + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            for (StackTraceElement el : t.getStackTrace()) {
                tb.add("\tat " + el);
            }
            t = t.getCause();
            prefix = "Caused by: ";
        }
        return new Failure(cls, msg, tb);
    }

    /** Interrupts the running cell (or re-run); see the class comment. Called from the control channel's thread. */
    void interrupt() {
        ExecutionJvm j;
        long seq;
        synchronized (lock) {
            if (!running) {
                return;
            }
            interrupted = true;
            j = current;
            seq = runSeq;
        }
        long t0 = System.nanoTime();
        j.interruptCellThread();
        timer.schedule(() -> escalate(j, seq, t0), STOP_AFTER_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void escalate(ExecutionJvm j, long seq, long t0) {
        boolean kill;
        synchronized (lock) {
            if (!running || runSeq != seq) {
                return;
            }
            kill = System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(KILL_AFTER_MILLIS);
            killedForInterrupt |= kill;
            if (!kill) {
                // under the lock, so that no next cell can begin between the check above and the stop: a stop
                // meant for this cell that lands on the next one ends it without output (once the cells got fast,
                // a test saw `kept + 1` answer nothing after an interrupted training)
                j.stop();
            }
        }
        if (kill) {
            KernelLog.debug("the cell ignored interrupt and stop: killing execution JVM " + j.pid());
            j.close();
            return;
        }
        timer.schedule(() -> escalate(j, seq, t0), STOP_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Code completion and completeness need a JShell; null while none is ready. */
    ExecutionJvm readyOrNull() {
        synchronized (lock) {
            return jvm != null && jvm.isDone() && !jvm.isCompletedExceptionally() ? jvm.join() : null;
        }
    }

    /** Kills the execution JVM's process at once (shutdown: nothing of it is needed any more). */
    void kill() {
        closed = true;
        CompletableFuture<ExecutionJvm> f;
        synchronized (lock) {
            f = jvm;
        }
        if (f != null) {
            f.thenAccept(ExecutionJvm::killProcess);
        }
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<ExecutionJvm> f;
        synchronized (lock) {
            f = jvm;
        }
        if (f != null) {
            f.thenAccept(ExecutionJvm::close);
        }
        timer.shutdownNow();
    }
}
