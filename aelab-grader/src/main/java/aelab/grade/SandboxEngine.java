package aelab.grade;

import com.sun.jdi.BooleanValue;
import com.sun.jdi.ClassNotLoadedException;
import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.InvalidTypeException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.JdiExecutionControl;
import jdk.jshell.execution.JdiInitiator;
import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell execution engine for {@link Sandbox}: the JDK's default "jdi" engine (child JVM started and controlled
 * through JDI, commands and output over a loopback socket, {@code stop()} by throwing JShell's stop exception into
 * the running thread through JDI) with {@code TCP_NODELAY} on both ends of the socket (see {@link SandboxAgent}).
 * Without it every JShell round trip (loading a snippet's classes, running it, reading a value) waited for a
 * delayed ACK: ~90 ms each, ~0.2 s per probe.
 */
final class SandboxEngine implements ExecutionControlProvider {
    /** How long the child JVM may take to start and connect (a busy machine can be slow). */
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    private static final String AGENT_CONTROL = RemoteExecutionControl.class.getName();

    @Override
    public String name() {
        return "aelab-jdi";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            JdiInitiator jdi = new JdiInitiator(listener.getLocalPort(), env.extraRemoteVMOptions(),
                    SandboxAgent.class.getName(), false, null, CONNECT_TIMEOUT_MILLIS, Map.of());
            VirtualMachine vm = jdi.vm();
            Process process = jdi.process();
            try {
                return connect(env, listener, vm, process);
            } catch (IOException | RuntimeException e) {
                // do not leave a half-started JVM behind (the Sandbox identifies its child by a marker option)
                process.destroyForcibly();
                throw e;
            }
        }
    }

    private static ExecutionControl connect(ExecutionEnv env, ServerSocket listener, VirtualMachine vm,
            Process process) throws IOException {
        AtomicReference<Control> control = new AtomicReference<>();
        Util.detectJdiExitEvent(vm, why -> {
            env.closeDown();
            Control c = control.get();
            if (c != null) {
                c.disposeVM();
            }
        });
        Socket socket = listener.accept();
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream(); // out before in, as the agent does
        Map<String, OutputStream> outputs = new HashMap<>();
        outputs.put("out", env.userOut());
        outputs.put("err", env.userErr());
        Map<String, InputStream> inputs = new HashMap<>();
        inputs.put("in", env.userIn());
        return Util.remoteInputOutput(socket.getInputStream(), out, outputs, inputs, (objIn, objOut) -> {
            Control c = new Control(objOut, objIn, vm, process);
            control.set(c);
            return c;
        });
    }

    /** The host side: JShell's streaming protocol, plus stop and shutdown through JDI. */
    private static final class Control extends JdiExecutionControl {
        private final Object stopLock = new Object();
        private boolean userCodeRunning;
        private VirtualMachine vm;
        private Process process;

        Control(ObjectOutput out, ObjectInput in, VirtualMachine vm, Process process) {
            super(out, in);
            this.vm = vm;
            this.process = process;
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

        /** Throws the agent's stop exception into the thread running the student's code (as JShell's jdi engine). */
        @Override
        public void stop() throws EngineTerminationException, InternalException {
            synchronized (stopLock) {
                if (!userCodeRunning) {
                    return;
                }
                VirtualMachine v = vm();
                v.suspend();
                try {
                    for (ThreadReference thread : v.allThreads()) {
                        if (stopIn(v, thread)) {
                            break;
                        }
                    }
                } catch (ClassNotLoadedException | IncompatibleThreadStateException | InvalidTypeException e) {
                    throw new InternalException("exception on remote stop: " + e);
                } finally {
                    v.resume();
                }
            }
        }

        /** Whether {@code thread} is the agent's executing thread (stopped if it runs client code). */
        private static boolean stopIn(VirtualMachine v, ThreadReference thread) throws ClassNotLoadedException,
                IncompatibleThreadStateException, InvalidTypeException {
            for (StackFrame frame : thread.frames()) {
                String method = frame.location().method().name();
                if (!AGENT_CONTROL.equals(frame.location().declaringType().name())
                        || !("invoke".equals(method) || "varValue".equals(method))) {
                    continue;
                }
                ObjectReference agent = frame.thisObject();
                Field inClientCode = agent.referenceType().fieldByName("inClientCode");
                Field expectingStop = agent.referenceType().fieldByName("expectingStop");
                Field stopException = agent.referenceType().fieldByName("stopException");
                if (((BooleanValue) agent.getValue(inClientCode)).value()) {
                    agent.setValue(expectingStop, v.mirrorOf(true));
                    ObjectReference stopInstance = (ObjectReference) agent.getValue(stopException);
                    v.resume();
                    thread.stop(stopInstance);
                    agent.setValue(expectingStop, v.mirrorOf(false));
                }
                return true;
            }
            return false;
        }

        @Override
        public void close() {
            super.close();
            Process p;
            synchronized (this) {
                p = process;
            }
            if (p != null) {
                try {
                    p.waitFor(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            disposeVM();
        }

        synchronized void disposeVM() {
            try {
                if (vm != null) {
                    vm.dispose();
                }
            } catch (VMDisconnectedException e) {
                // already gone
            } catch (RuntimeException e) {
                // nothing left to release
            } finally {
                vm = null;
                if (process != null) {
                    process.destroy();
                    process = null;
                }
            }
        }

        @Override
        protected synchronized VirtualMachine vm() throws EngineTerminationException {
            if (vm == null) {
                throw new EngineTerminationException("VM closed");
            }
            return vm;
        }
    }
}
