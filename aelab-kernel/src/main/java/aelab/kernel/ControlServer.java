package aelab.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel's loopback server for the control connections of its execution JVMs ({@code aelab.kernel.runtime.Agent}).
 * Each JVM is started with a random token and connects with {@code token pid}; connections with an unknown token
 * are closed.
 */
final class ControlServer implements AutoCloseable {
    /** A connected execution JVM: its socket (the kernel writes requests to it) and its process id. */
    record Connection(Socket socket, long pid) {
    }

    private final ServerSocket server;
    private final Map<String, CompletableFuture<Connection>> waiting = new ConcurrentHashMap<>();

    ControlServer() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "aelab-kernel-control");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Registers a token before the JVM that will present it is started. */
    CompletableFuture<Connection> expect(String token) {
        CompletableFuture<Connection> f = new CompletableFuture<>();
        waiting.put(token, f);
        return f;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true); // an interrupt must not wait for a delayed acknowledgement
                s.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.US_ASCII));
                String[] hello = String.valueOf(in.readLine()).split(" ");
                CompletableFuture<Connection> f = hello.length == 2 ? waiting.remove(hello[0]) : null;
                if (f == null) {
                    s.close();
                    continue;
                }
                s.setSoTimeout(0);
                f.complete(new Connection(s, Long.parseLong(hello[1])));
            } catch (IOException | RuntimeException e) {
                if (!server.isClosed()) {
                    KernelLog.debug("control connection refused: " + e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
