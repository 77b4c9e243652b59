package aelab.kernel;

import aelab.kernel.remote.NoDelayRemoteAgent;
import com.sun.jdi.BooleanValue;
import com.sun.jdi.ClassNotLoadedException;
import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.InvalidTypeException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.execution.JdiExecutionControl;
import jdk.jshell.execution.JdiInitiator;
import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's JDI execution engine with {@code TCP_NODELAY} on both ends of its command socket.
 *
 * <p>It does what JShell's default engine ({@code jdk.jshell.execution.JdiDefaultExecutionControl}) does — launch
 * the execution JVM under JDI, talk JShell's streaming protocol over a loopback socket, stop a running snippet by a
 * JDI {@code ThreadReference.stop} in the frame of the agent's {@code invoke} — with one difference: Nagle's
 * algorithm is off on the kernel's socket and on the agent's ({@link NoDelayRemoteAgent}). With it on, the small
 * protocol messages wait for delayed acknowledgements (40 ms each on Linux): a one-line cell took 0.6 s, of which
 * the JVMs were idle almost all the time (three evaluations per cell: the snippet, its display, and the clearing of
 * an interrupt flag when one was sent). JShell offers no option for it: its engine's socket is private.
 */
final class NoDelayJdiEngine implements ExecutionControlProvider {
    /** How long the execution JVM may take to start and connect (a loaded machine is slow). */
    static final int TIMEOUT_MILLIS = 30_000;

    private static final Path AGENT_CLASS_PATH = agentClassPath();
    /** The class whose {@code invoke} and {@code varValue} frames mark a running snippet: JShell's agent. */
    private static final String AGENT_BASE = RemoteExecutionControl.class.getName();

    @Override
    public String name() {
        return "aelab-jdi-nodelay";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws IOException {
        List<String> options = new ArrayList<>(env.extraRemoteVMOptions());
        options.add("-cp");
        options.add(quoted(AGENT_CLASS_PATH.toString()));
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(TIMEOUT_MILLIS);
            JdiInitiator jdi = new JdiInitiator(listener.getLocalPort(), options, NoDelayRemoteAgent.class.getName(),
                    true, null, TIMEOUT_MILLIS, Map.of());
            VirtualMachine vm = jdi.vm();
            Process process = jdi.process();
            List<Consumer<String>> deathListeners = new ArrayList<>();
            Util.detectJdiExitEvent(vm, s -> deathListeners.forEach(h -> h.accept(s)));
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                process.destroyForcibly();
                throw e;
            }
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream(); // out before in, as the agent does
            Map<String, OutputStream> outputs = new HashMap<>();
            outputs.put("out", env.userOut());
            outputs.put("err", env.userErr());
            Map<String, InputStream> inputs = new HashMap<>();
            inputs.put("in", env.userIn());
            return Util.remoteInputOutput(socket.getInputStream(), out, outputs, inputs,
                    (objIn, objOut) -> new Control(env, objOut, objIn, vm, process, deathListeners));
        }
    }

    /** The options string of JDI's launching connector is split at blanks unless quoted. */
    private static String quoted(String path) {
        return path.indexOf(' ') >= 0 ? '"' + path + '"' : path;
    }

    /**
     * A directory holding only {@link NoDelayRemoteAgent}'s class: the execution JVM's class path, so that the
     * kernel's other classes (and its dependencies) stay off it; the student's classpath is added through JShell.
     */
    private static Path agentClassPath() {
        String resource = NoDelayRemoteAgent.class.getName().replace('.', '/') + ".class";
        try {
            Path dir = Files.createTempDirectory("aelab-kernel-agent");
            Path file = dir.resolve(resource);
            Files.createDirectories(file.getParent());
            try (InputStream in = NoDelayJdiEngine.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("resource " + resource + " not found in the kernel's jar");
                }
                Files.copy(in, file);
            }
            for (Path p = file; p != null && p.startsWith(dir); p = p.getParent()) {
                p.toFile().deleteOnExit(); // registered innermost first: deleted in reverse order, the file first
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the execution JVM's agent class: " + e, e);
        }
    }

    /** The kernel's side of JShell's protocol; stop as JShell's default engine does it. */
    private static final class Control extends JdiExecutionControl {
        private final Object stopLock = new Object();
        private boolean userCodeRunning;
        private VirtualMachine vm;
        private Process process;

        Control(ExecutionEnv env, ObjectOutput out, ObjectInput in, VirtualMachine vm, Process process,
                List<Consumer<String>> deathListeners) {
            super(out, in);
            this.vm = vm;
            this.process = process;
            deathListeners.add(s -> env.closeDown());
        }

        @Override
        public String invoke(String className, String methodName) throws RunException, EngineTerminationException,
                InternalException {
            synchronized (stopLock) {
                userCodeRunning = true;
            }
            try {
                return super.invoke(className, methodName);
            } finally {
                synchronized (stopLock) {
                    userCodeRunning = false;
                }
            }
        }

        /**
         * Throws JShell's stop exception in the thread whose stack holds the agent's {@code invoke} or
         * {@code varValue} ({@link RemoteExecutionControl}'s, which {@link NoDelayRemoteAgent} inherits) while it is
         * in client code (the agent's {@code inClientCode} flag).
         */
        @Override
        public void stop() throws EngineTerminationException, InternalException {
            synchronized (stopLock) {
                if (!userCodeRunning) {
                    return;
                }
                VirtualMachine machine = vm();
                machine.suspend();
                try {
                    outer:
                    for (ThreadReference thread : machine.allThreads()) {
                        for (StackFrame frame : thread.frames()) {
                            ReferenceType type = frame.location().declaringType();
                            String method = frame.location().method().name();
                            if (AGENT_BASE.equals(type.name())
                                    && ("invoke".equals(method) || "varValue".equals(method))) {
                                // the fields are private to JShell's agent class: looked up on it, not on the
                                // subclass (JDI's fieldByName sees only inherited, i.e. non-private, fields)
                                ObjectReference agent = frame.thisObject();
                                Field inClientCode = type.fieldByName("inClientCode");
                                Field expectingStop = type.fieldByName("expectingStop");
                                Field stopException = type.fieldByName("stopException");
                                if (((BooleanValue) agent.getValue(inClientCode)).value()) {
                                    agent.setValue(expectingStop, machine.mirrorOf(true));
                                    ObjectReference stopInstance = (ObjectReference) agent.getValue(stopException);
                                    machine.resume();
                                    thread.stop(stopInstance);
                                    agent.setValue(expectingStop, machine.mirrorOf(false));
                                }
                                break outer;
                            }
                        }
                    }
                } catch (ClassNotLoadedException | IncompatibleThreadStateException | InvalidTypeException e) {
                    throw new InternalException("stop in the execution JVM failed: " + e);
                } finally {
                    machine.resume();
                }
            }
        }

        @Override
        public void close() {
            super.close();
            dispose();
        }

        private synchronized void dispose() {
            try {
                if (vm != null) {
                    vm.dispose();
                    vm = null;
                }
            } finally {
                if (process != null) {
                    process.destroy();
                    process = null;
                }
            }
        }

        @Override
        protected synchronized VirtualMachine vm() throws EngineTerminationException {
            if (vm == null) {
                throw new EngineTerminationException("the execution JVM has ended");
            }
            return vm;
        }
    }
}
