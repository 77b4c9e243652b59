package aelab.grade;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;

/**
 * Main class of a student's JShell JVM when it is started by {@link SandboxEngine}: the same as the JDK's
 * {@code RemoteExecutionControl.main} (connect to the grader's port, run JShell's remote agent on the connection)
 * except that the socket has {@code TCP_NODELAY} set. JShell's protocol sends each message as several small
 * writes; with Nagle's algorithm and delayed ACKs every request/response pair then waits ~40 ms per direction,
 * which made each probe cost ~0.2 s of idle waiting.
 */
final class SandboxAgent {
    private SandboxAgent() {
    }

    public static void main(String[] args) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
        outputs.put("out", s -> System.setOut(new PrintStream(s, true)));
        outputs.put("err", s -> System.setErr(new PrintStream(s, true)));
        Map<String, Consumer<InputStream>> inputs = new HashMap<>();
        inputs.put("in", System::setIn);
        Util.forwardExecutionControlAndIO(new RemoteExecutionControl(), in, out, outputs, inputs);
    }
}
