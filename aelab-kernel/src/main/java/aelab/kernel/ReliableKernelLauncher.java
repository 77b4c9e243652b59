package aelab.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Entry point of the {@code java} kernelspec for rapaio-jupyter-kernel 3.0.1: runs rapaio's
 * {@code org.rapaio.jupyter.kernel.MainApp.main(connectionFile)} in this JVM and, on a daemon watchdog thread,
 * repairs the start-up race described in {@link LoopThreadRepair} (a channel loop that exits before its
 * {@code running} flag is set, so that the kernel never answers {@code kernel_info}).
 *
 * <p>Why repair in-process rather than exit and let Jupyter restart: the defect's signature (loop thread
 * {@code TERMINATED} with {@code running == true}) is exact, the repair takes microseconds and loses no message, while
 * exiting costs a whole JVM and JShell start (5-10 s under load) and relies on every client restarting dead kernels.
 *
 * <p>The watchdog reads {@code MainApp.kernel.channels()} every 5 ms during the first 10 s and every 200 ms after,
 * and replaces a loop that {@linkplain LoopThreadRepair#diedAtStart died at start} by a running copy. It waits until
 * rapaio has registered its message handlers ({@code Channels.isConnected}), so no client request is lost: ZeroMQ
 * queues it on the bound socket meanwhile. If a dead loop cannot be restarted the JVM exits with status 3, so that
 * Jupyter's restarter or the handouts runner starts a new kernel; if rapaio's classes do not have the expected shape
 * (another version) the watchdog stops with a warning and the kernel runs unprotected. Once every loop has been shut
 * down normally (a {@code shutdown_request}), the JVM is halted after a 2 s grace period even if a cell left a
 * non-daemon thread running.
 *
 * <p>This is a command-line entry point; it writes one line to standard error per repair (the kernel's log).
 */
public final class ReliableKernelLauncher {
    /** rapaio's main class. */
    public static final String RAPAIO_MAIN = "org.rapaio.jupyter.kernel.MainApp";
    private static final long FAST_PHASE_NANOS = 10_000_000_000L;
    private static final long GRACE_MILLIS = 2_000;

    private ReliableKernelLauncher() {
    }

    /**
     * Runs the kernel.
     *
     * @param args the connection file (as for rapaio's own main). Not modified.
     */
    public static void main(String[] args) throws Throwable {
        if (args.length != 1) {
            System.err.println("usage: java -cp rapaio-jupyter-kernel.jar:aelab-kernel-launcher.jar "
                    + ReliableKernelLauncher.class.getName() + " CONNECTION_FILE");
            System.exit(2);
        }
        Class<?> app = Class.forName(RAPAIO_MAIN);
        Thread watchdog = new Thread(() -> watch(app), "aelab-kernel-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            app.getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        // rapaio's main returns once it has joined the loops it saw; a repaired loop keeps the JVM alive.
    }

    private static void watch(Class<?> app) {
        long t0 = System.nanoTime();
        Object kernel;
        Method channelsOf;
        try {
            kernel = app.getField("kernel").get(null);
            channelsOf = kernel.getClass().getMethod("channels");
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("aelab: cannot watch rapaio's channel loops (" + e + "); start-up is unprotected");
            return;
        }
        while (true) {
            List<LoopThreadRepair.Loop> loops;
            try {
                Object channels = channelsOf.invoke(kernel);
                // rapaio sets isConnected after it has registered its message handlers; a loop restarted before that
                // would read (and drop as "unhandled") the client's first kernel_info_request.
                loops = channels != null && Boolean.TRUE.equals(LoopThreadRepair.read(channels, "isConnected"))
                        ? LoopThreadRepair.loopsOf(channels) : List.of();
            } catch (ReflectiveOperationException | RuntimeException e) {
                System.err.println("aelab: cannot inspect rapaio's channel loops (" + e + "); start-up is unprotected");
                return;
            }
            for (LoopThreadRepair.Loop loop : loops) {
                if (LoopThreadRepair.diedAtStart(loop.thread())) {
                    try {
                        LoopThreadRepair.restart(loop);
                    } catch (RuntimeException e) {
                        System.err.println("aelab: kernel start-up repair failed (" + e + "); exiting so that "
                                + "Jupyter starts a new kernel");
                        System.err.flush();
                        Runtime.getRuntime().halt(3);
                    }
                    System.err.println("aelab: restarted loop thread '" + loop.thread().getName()
                            + "' that had exited at start-up (rapaio LoopThread start race)");
                }
            }
            try {
                if (!loops.isEmpty() && loops.stream().allMatch(l -> LoopThreadRepair.shutDown(l.thread()))) {
                    Thread.sleep(GRACE_MILLIS);
                    System.out.flush();
                    System.err.flush();
                    Runtime.getRuntime().halt(0);
                }
                Thread.sleep(System.nanoTime() - t0 < FAST_PHASE_NANOS ? 5 : 200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
