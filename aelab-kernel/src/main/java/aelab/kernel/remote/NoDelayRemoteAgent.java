package aelab.kernel.remote;

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
 * The execution JVM's side of JShell's protocol: JShell's own {@link RemoteExecutionControl}, connected with
 * {@code TCP_NODELAY}. JShell's default agent leaves Nagle's algorithm on; its protocol sends several small
 * messages per snippet, and each one that waits for the other side's delayed acknowledgement costs up to 40 ms on
 * Linux: 0.2 s per evaluation, 0.6 s for a one-line cell (measured: 40 declarations in {@code jshell} took 8.3 s
 * beyond start-up with the default agent, 0.6 s with local execution).
 *
 * <p>Everything else is inherited: the kernel's JDI stop ({@code aelab.kernel.NoDelayJdiEngine}) finds the running
 * snippet by the frame of {@link RemoteExecutionControl}'s {@code invoke}, as JShell's own stop does.
 */
public final class NoDelayRemoteAgent extends RemoteExecutionControl {

    /**
     * Connects to the kernel and serves JShell's commands until the kernel closes the connection.
     *
     * @param args the kernel's port on the loopback interface
     */
    public static void main(String[] args) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
        // as JShell's own agent does (default charset): outputs stay byte for byte what they were
        outputs.put("out", st -> System.setOut(new PrintStream(st, true)));
        outputs.put("err", st -> System.setErr(new PrintStream(st, true)));
        Map<String, Consumer<InputStream>> inputs = new HashMap<>();
        inputs.put("in", System::setIn);
        Util.forwardExecutionControlAndIO(new NoDelayRemoteAgent(), in, out, outputs, inputs);
    }
}
