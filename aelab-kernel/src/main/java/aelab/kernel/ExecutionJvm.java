package aelab.kernel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * One execution JVM: a JShell whose snippets run in a child JVM (JShell's default JDI engine), with the student
 * classpath, IJava's imports, the {@code display} API and a control connection ({@code aelab.kernel.runtime.Agent})
 * over which the kernel interrupts the cell thread and through which the child halts when the kernel is gone.
 */
final class ExecutionJvm implements AutoCloseable {
    /** IJava's default imports (so notebooks compile the same on both kernels) and the display API. */
    static final List<String> IMPORTS = List.of(
            "import java.util.*;", "import java.io.*;", "import java.math.*;", "import java.net.*;",
            "import java.util.concurrent.*;", "import java.util.function.*;", "import java.util.prefs.*;",
            "import java.util.regex.*;", "import java.util.stream.*;",
            "import static aelab.kernel.runtime.Display.display;",
            "import static aelab.kernel.runtime.Display.updateDisplay;");

    final JShell shell;
    private final ControlServer.Connection control;
    private volatile boolean dead;

    private ExecutionJvm(JShell shell, ControlServer.Connection control) {
        this.shell = shell;
        this.control = control;
        shell.onShutdown(s -> dead = true);
    }

    /**
     * Starts an execution JVM.
     *
     * @param config classpath and JVM options
     * @param server the kernel's control server
     * @param out    receives the child's standard output (text and display frames)
     * @param err    receives the child's standard error
     */
    static ExecutionJvm start(KernelConfig config, ControlServer server, OutputStream out, OutputStream err)
            throws IOException {
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        var pending = server.expect(token);
        List<String> options = new ArrayList<>(config.executionJvmOptions());
        options.add("-Daelab.kernel.port=" + server.port());
        options.add("-Daelab.kernel.token=" + token);
        JShell shell = JShell.builder()
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .in(new ByteArrayInputStream(new byte[0]))
                .remoteVMOptions(options.toArray(String[]::new))
                .executionEngine(new NoDelayJdiEngine(), Map.of())
                .build();
        try {
            shell.addToClasspath(config.executionClasspath());
            for (String imp : IMPORTS) {
                expectValid(shell, imp);
            }
            expectValid(shell, "aelab.kernel.runtime.Agent.connect();");
            ControlServer.Connection c = pending.get(30, TimeUnit.SECONDS);
            return new ExecutionJvm(shell, c);
        } catch (Exception e) {
            shell.close();
            throw new IOException("the execution JVM did not start: " + e, e);
        }
    }

    private static void expectValid(JShell shell, String source) {
        for (SnippetEvent ev : shell.eval(source)) {
            if (ev.causeSnippet() == null && (ev.status() != Snippet.Status.VALID || ev.exception() != null)) {
                String why = ev.exception() != null ? ev.exception().toString()
                        : shell.diagnostics(ev.snippet()).map(d -> d.getMessage(null)).reduce("", String::concat);
                throw new IllegalStateException("'" + source + "' failed in the execution JVM: " + why);
            }
        }
    }

    long pid() {
        return control.pid();
    }

    boolean isDead() {
        return dead || !ProcessHandle.of(control.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Interrupts the cell thread of the child (cooperative: sleeps, waits and library calls end). */
    void interruptCellThread() {
        try {
            OutputStream o = control.socket().getOutputStream();
            o.write("interrupt\n".getBytes(StandardCharsets.US_ASCII));
            o.flush();
        } catch (IOException e) {
            KernelLog.debug("cannot send interrupt: " + e);
        }
    }

    /** Stops the running snippet (JShell's JDI stop: an asynchronous exception in the cell thread). */
    void stop() {
        try {
            shell.stop();
        } catch (RuntimeException e) {
            KernelLog.debug("stop failed: " + e);
        }
    }

    /** Splits a cell into complete snippets (JShell's eval takes only the first one of its input). */
    List<String> split(String source) {
        List<String> out = new ArrayList<>();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete()) {
                out.add(rest); // incomplete: eval reports the compile error
                break;
            }
            out.add(info.source());
            rest = info.remaining();
        }
        return out;
    }

    /** Kills the child process at once, without waiting for anything. */
    void killProcess() {
        dead = true;
        ProcessHandle.of(control.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Kills the child process at once, then releases JShell. */
    @Override
    public void close() {
        dead = true;
        ProcessHandle.of(control.pid()).ifPresent(ProcessHandle::destroyForcibly);
        try {
            control.socket().close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            shell.close();
        } catch (RuntimeException e) {
            KernelLog.debug("closing JShell: " + e);
        }
    }
}
