package aelab.kernel.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The execution JVM's end of the kernel's control connection. {@link #connect()} is evaluated once, right after the
 * execution JVM has started, on the thread that runs every cell: it records that thread, connects to the kernel
 * (port and token in the system properties {@code aelab.kernel.port} and {@code aelab.kernel.token}), sends this
 * process's id and starts a daemon thread that serves the kernel's requests:
 * <ul>
 *   <li>{@code interrupt}: interrupts the cell thread ({@code Thread.sleep}, {@code wait} and library calls that
 *       check the interrupt status end at once);</li>
 *   <li>end of stream (the kernel exited or was killed): halts this JVM, so that no cell keeps running without a
 *       kernel.</li>
 * </ul>
 */
public final class Agent {
    private static volatile Thread cellThread;

    private Agent() {
    }

    /**
     * Connects to the kernel; called by the kernel only.
     *
     * @throws IOException when the kernel cannot be reached
     */
    public static synchronized void connect() throws IOException {
        if (cellThread != null) {
            return;
        }
        cellThread = Thread.currentThread();
        int port = Integer.parseInt(System.getProperty("aelab.kernel.port"));
        String token = System.getProperty("aelab.kernel.token");
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true); // one-line requests: none may wait for a delayed acknowledgement
        OutputStream out = socket.getOutputStream();
        out.write((token + " " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread t = new Thread(() -> serve(socket), "aelab-kernel-agent");
        t.setDaemon(true);
        t.start();
        quietSlf4j();
    }

    /**
     * Tablesaw brings slf4j-api 1.7 without a binding; its first use prints three lines ("Failed to load class
     * org.slf4j.impl.StaticLoggerBinder ... no-operation (NOP) logger") into whatever cell first touches it. Found
     * here, before any cell runs, with standard error muted: the library logs nowhere, as before, silently.
     */
    private static void quietSlf4j() {
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            Class.forName("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            // no slf4j on the classpath: nothing to quiet
        } finally {
            System.setErr(err);
        }
    }

    private static void serve(Socket socket) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("interrupt") && cellThread != null) {
                    cellThread.interrupt();
                }
            }
        } catch (IOException e) {
            // the kernel is gone: same as end of stream
        }
        Runtime.getRuntime().halt(0);
    }
}
