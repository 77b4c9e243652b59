package aelab.grade;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jshell.execution.StreamingExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell execution engine for {@link Sandbox}: starts the student's JVM through {@link Confinement} (bubblewrap or a
 * separate uid) and talks to it over the process's own stdin/stdout pipes only, so no socket is shared with the
 * child (inside its network namespace it has a loopback of its own) and no other process can connect to either
 * side. JShell's streaming protocol ({@link Util#remoteInputOutput}) runs over those pipes; the grader's writes
 * are framed (see {@link SandboxAgent}) so that a stop request reaches the child while a snippet runs. A child
 * that exits, is killed or corrupts the stream closes the engine down (JShell then reports it dead).
 */
final class SandboxEngine implements ExecutionControlProvider {
    /** How long the child JVM may take to start and answer (a busy machine can be slow). */
    private static final long START_TIMEOUT_MILLIS = 30_000;
    private static final int STDERR_KEPT = 2000;

    private final Confinement confinement;
    private final Confinement.Spec spec;
    private volatile Process process;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    SandboxEngine(Confinement confinement, Confinement.Spec spec) {
        this.confinement = confinement;
        this.spec = spec;
    }

    @Override
    public String name() {
        return "aelab-pipe";
    }

    /** The started process (the outermost one: the confinement wrapper), or null before {@link #generate}. */
    Process process() {
        return process;
    }

    /** The first bytes the child (or its wrapper) wrote to its stderr, for error messages. */
    String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8).strip();
        }
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws IOException {
        List<String> cmd = confinement.command(spec, env.extraRemoteVMOptions(), SandboxAgent.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(spec.scratch().toFile());
        Map<String, String> e = pb.environment();
        e.clear();
        e.put("PATH", "/usr/bin:/bin");
        e.put("LANG", "C.UTF-8");
        e.put("MALLOC_ARENA_MAX", "2");
        e.put("HOME", spec.scratch().toString());
        Process p = pb.start();
        process = p;
        Thread errReader = new Thread(() -> keepStderr(p.getErrorStream()), "aelab-grade-child-stderr");
        errReader.setDaemon(true);
        errReader.start();
        // a child that never answers (stuck start) must not block the grader
        Thread startWatch = new Thread(() -> {
            try {
                Thread.sleep(START_TIMEOUT_MILLIS);
            } catch (InterruptedException ie) {
                return;
            }
            p.destroyForcibly();
        }, "aelab-grade-start-watch");
        startWatch.setDaemon(true);
        startWatch.start();
        Framed framed = new Framed(p.getOutputStream());
        Map<String, OutputStream> outputs = new HashMap<>();
        outputs.put("out", env.userOut());
        outputs.put("err", env.userErr());
        Map<String, InputStream> inputs = new HashMap<>();
        inputs.put("in", env.userIn());
        ExecutionControl control;
        try {
            control = Util.remoteInputOutput(p.getInputStream(), framed, outputs, inputs,
                    (objIn, objOut) -> new Control(objOut, objIn, p, framed));
        } catch (IOException | RuntimeException ex) {
            p.destroyForcibly();
            waitFor(p);
            throw new IOException("the sandboxed JVM did not start: " + ex + " " + stderr(), ex);
        } finally {
            startWatch.interrupt();
        }
        p.onExit().thenRun(env::closeDown);
        return control;
    }

    private void keepStderr(InputStream in) {
        byte[] buf = new byte[1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (stderr) {
                    int room = STDERR_KEPT - stderr.size();
                    if (room > 0) {
                        stderr.write(buf, 0, Math.min(room, n));
                    }
                }
            }
        } catch (IOException ex) {
            // the child is gone
        }
    }

    private static void waitFor(Process p) {
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** The grader's side of the child's stdin: JShell's bytes as DATA frames, and STOP frames. */
    private static final class Framed extends OutputStream {
        private final DataOutputStream out;

        Framed(OutputStream out) {
            this.out = new DataOutputStream(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            out.write(SandboxAgent.DATA);
            out.writeInt(len);
            out.write(b, off, len);
            out.flush();
        }

        synchronized void stop(int call) throws IOException {
            out.write(SandboxAgent.STOP);
            out.writeInt(call);
            out.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }

    /** The host side: JShell's streaming protocol, stop through a STOP frame, close kills the child. */
    private static final class Control extends StreamingExecutionControl {
        private final Object stopLock = new Object();
        private boolean userCodeRunning;
        /** Calls that run student code (invoke, varValue), counted as the agent counts them. */
        private int calls;
        private final Process process;
        private final Framed framed;

        Control(ObjectOutput out, ObjectInput in, Process process, Framed framed) {
            super(out, in);
            this.process = process;
            this.framed = framed;
        }

        @Override
        public String invoke(String className, String methodName) throws RunException, EngineTerminationException,
                InternalException {
            return running(() -> super.invoke(className, methodName));
        }

        @Override
        public String varValue(String className, String varName) throws RunException, EngineTerminationException,
                InternalException {
            return running(() -> super.varValue(className, varName));
        }

        private interface Call {
            String call() throws RunException, EngineTerminationException, InternalException;
        }

        private String running(Call c) throws RunException, EngineTerminationException, InternalException {
            synchronized (stopLock) {
                userCodeRunning = true;
                calls++;
            }
            try {
                return c.call();
            } finally {
                synchronized (stopLock) {
                    userCodeRunning = false;
                }
            }
        }

        @Override
        public void stop() throws EngineTerminationException, InternalException {
            synchronized (stopLock) {
                if (!userCodeRunning) {
                    return;
                }
                try {
                    framed.stop(calls);
                } catch (IOException e) {
                    throw new EngineTerminationException("the sandboxed JVM is gone: " + e.getMessage());
                }
            }
        }

        @Override
        public void close() {
            super.close();
            process.destroyForcibly();
            waitFor(process);
        }
    }
}
