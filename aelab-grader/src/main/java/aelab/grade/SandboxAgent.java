package aelab.grade;

import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;

/**
 * Main class of a student's JShell JVM started by {@link SandboxEngine}. The only channel to the grader is the
 * process's stdin and stdout pipes (the JVM runs in its own network namespace, so there is no socket the grader
 * could share with it): stdout carries JShell's multiplexed protocol (command replies, the student's
 * {@code System.out}/{@code System.err}); stdin carries frames {@code [kind byte][int length][bytes]}, kind
 * {@value #DATA} = JShell's command stream, kind {@value #STOP} = stop the running snippet. The frames are read by a
 * thread of their own, so a stop request arrives while a snippet runs (JShell's stream protocol reads its next
 * command only after the current one returned; its JDI engine stops snippets through JDWP, which needs a socket).
 *
 * <p>Each snippet (and each value read) runs in a fresh thread; a stop request {@link Thread#stop() stops} that
 * thread, and the command is answered with JShell's "stopped" result, leaving the JVM usable. Code that catches
 * {@link ThreadDeath} is not stopped this way: the grader then kills the JVM. Nothing here is trusted by the grader:
 * student code runs in this JVM and could change any of it, but all it could change is its own answers.
 */
final class SandboxAgent {
    static final int DATA = 0;
    static final int STOP = 1;

    private SandboxAgent() {
    }

    public static void main(String[] args) throws Exception {
        InputStream rawIn = new FileInputStream(FileDescriptor.in);
        OutputStream rawOut = new FileOutputStream(FileDescriptor.out);
        PipedInputStream commands = new PipedInputStream(1 << 16);
        PipedOutputStream commandsSink = new PipedOutputStream(commands);
        Control control = new Control();
        Thread reader = new Thread(() -> readFrames(rawIn, commandsSink, control), "aelab-agent-frames");
        reader.setDaemon(true);
        reader.start();
        Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
        outputs.put("out", s -> System.setOut(new PrintStream(s, true)));
        outputs.put("err", s -> System.setErr(new PrintStream(s, true)));
        Map<String, Consumer<InputStream>> inputs = new HashMap<>();
        inputs.put("in", System::setIn);
        Util.forwardExecutionControlAndIO(control, commands, rawOut, outputs, inputs);
    }

    private static void readFrames(InputStream rawIn, PipedOutputStream commands, Control control) {
        try (DataInputStream in = new DataInputStream(rawIn)) {
            byte[] buf = new byte[8192];
            while (true) {
                int kind = in.read();
                if (kind < 0) {
                    break;
                }
                int len = in.readInt();
                if (kind == STOP) {
                    control.stopSnippet(len);
                    continue;
                }
                while (len > 0) {
                    int n = in.read(buf, 0, Math.min(len, buf.length));
                    if (n < 0) {
                        throw new IOException("truncated frame");
                    }
                    commands.write(buf, 0, n);
                    len -= n;
                }
                commands.flush();
            }
        } catch (IOException e) {
            // the grader closed the channel
        }
        // the grader is gone or closed the channel: nothing else may run
        Runtime.getRuntime().halt(0);
    }

    /** JShell's remote agent with snippets run in a thread of their own, stoppable without JDI. */
    static final class Control extends RemoteExecutionControl {
        private final Object lock = new Object();
        private Thread running;
        private boolean stopRequested;
        /** Number of the current (or last) call; a stop names the call it is meant for. */
        private int calls;
        private int stopFor = -1;

        /** Stops call number {@code call}: now if it runs, at its start if it has not arrived yet. */
        void stopSnippet(int call) {
            synchronized (lock) {
                if (running != null && call == calls) {
                    stopRequested = true;
                    stopThread(running);
                } else if (call > calls) {
                    stopFor = call;
                }
            }
        }

        @SuppressWarnings("deprecation")
        private static void stopThread(Thread t) {
            t.stop();
        }

        /**
         * Refuses to redefine a loaded class, so JShell loads the new version of the snippet under a new class name
         * and recompiles its callers (what it does with {@code --execution local}). {@link RemoteExecutionControl}
         * only registers the new bytes, because its JDI side redefines the class; without JDI the first body would
         * keep running.
         */
        @Override
        public void redefine(ClassBytecodes[] cbcs) throws NotImplementedException {
            throw new NotImplementedException("redefine: the snippet is loaded again under a new name");
        }

        @Override
        public String invoke(String className, String methodName) throws RunException, EngineTerminationException,
                InternalException {
            return stoppable(() -> super.invoke(className, methodName));
        }

        @Override
        public String varValue(String className, String varName) throws RunException, EngineTerminationException,
                InternalException {
            return stoppable(() -> super.varValue(className, varName));
        }

        private String stoppable(Callable<String> call) throws RunException, EngineTerminationException,
                InternalException {
            Object[] result = new Object[1];
            Throwable[] failure = new Throwable[1];
            Thread t = new Thread(() -> {
                try {
                    result[0] = call.call();
                } catch (Throwable e) {
                    failure[0] = e;
                }
            }, "aelab-snippet");
            synchronized (lock) {
                calls++;
                if (stopFor == calls) {
                    throw new StoppedException();
                }
                stopRequested = false;
                running = t;
            }
            t.start();
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            boolean stopped;
            synchronized (lock) {
                running = null;
                stopped = stopRequested;
                stopRequested = false;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (stopped) {
                throw new StoppedException();
            }
            Throwable f = failure[0];
            if (f instanceof RunException) {
                throw (RunException) f;
            }
            if (f instanceof EngineTerminationException) {
                throw (EngineTerminationException) f;
            }
            if (f instanceof InternalException) {
                throw (InternalException) f;
            }
            if (f != null) {
                throw new InternalException(f.toString());
            }
            return (String) result[0];
        }
    }
}
