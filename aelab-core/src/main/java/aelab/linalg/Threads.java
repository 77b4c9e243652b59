package aelab.linalg;

import aelab.core.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * How many threads the hot numerics ({@link Gemm}) may use, and the pool they run on.
 *
 * <p>A product is cut into parts only when it is large enough to pay for the hand-off (at least
 * {@value #MIN_FLOPS_PER_PART} floating-point operations, 2·m·n·k, per part, and at least {@value #MIN_ROWS_PER_PART}
 * rows of C per part): the VAE's 128×784·784×400 products (80 MFLOP) use two threads, the digits model's
 * 64×64·64×128 (1 MFLOP) stays on the caller's thread. Parts are contiguous row (or column) ranges of C, and every
 * element of C is computed by the same sequence of operations whatever the partition, so results are bit-identical
 * for every thread count.
 *
 * <p>Default: {@code Runtime.availableProcessors()}, or the system property {@code aelab.threads} when set (at least
 * 1). The workers are daemon threads; the calling thread computes the first part itself and then waits for the
 * others (uninterruptibly: they write into the caller's output; the interrupt status is restored afterwards).
 */
public final class Threads {
    /** Minimum work per part, in floating-point operations. */
    static final double MIN_FLOPS_PER_PART = 8e6;
    /** Minimum rows of C per part. */
    static final int MIN_ROWS_PER_PART = 16;

    private static volatile int count = initialCount();
    private static ExecutorService pool;
    private static int poolSize;

    private Threads() {
    }

    private static int initialCount() {
        String p = System.getProperty("aelab.threads");
        if (p != null) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                return Runtime.getRuntime().availableProcessors();
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The number of threads a large product may use (including the caller's). */
    public static int count() {
        return count;
    }

    /**
     * Sets the number of threads a large product may use (1 = the caller's thread only). Results do not depend on
     * it, only the speed.
     *
     * @param threads at least 1
     */
    public static void setCount(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        count = threads;
    }

    /** Parts for a product of {@code flops} operations over {@code rows} rows of output (1 = do not split). */
    static int partsFor(double flops, int rows) {
        int t = count;
        if (t <= 1) {
            return 1;
        }
        int byWork = (int) Math.min(t, flops / MIN_FLOPS_PER_PART);
        int byRows = rows / MIN_ROWS_PER_PART;
        return Math.max(1, Math.min(byWork, byRows));
    }

    /** An operation on the index range [from, to) of some arrays, independent of every other range. */
    @FunctionalInterface
    public interface RangeTask {
        /** Processes [from, to). */
        void run(int from, int to);
    }

    /**
     * Runs an element-wise operation over [0, length) cut into contiguous ranges of at least {@code minLength}
     * indices, one per thread (part 0 on the caller's thread). Only for operations in which every index is computed
     * independently of the others (an optimizer's update, an activation): their results are then the same bits
     * whatever the number of threads.
     *
     * @param length    the number of indices, at least 0
     * @param minLength the fewest indices worth a hand-off to another thread, at least 1
     * @param task      called once per range
     */
    public static void forEachRange(int length, int minLength, RangeTask task) {
        if (length < 0 || minLength < 1) {
            throw new IllegalArgumentException("length must be >= 0 and minLength >= 1, got " + length + " and "
                    + minLength);
        }
        Require.notNull("task", task);
        final int parts = Math.max(1, Math.min(count, length / minLength));
        if (parts == 1) {
            task.run(0, length);
            return;
        }
        run(parts, part -> task.run((int) ((long) length * part / parts), (int) ((long) length * (part + 1) / parts)));
    }

    /** Runs {@code task.accept(part)} for part in [0, parts): part 0 on the caller's thread, the others on the pool. */
    static void run(int parts, IntConsumer task) {
        ExecutorService p = pool(parts - 1);
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int part = 1; part < parts; part++) {
            final int q = part;
            futures.add(p.submit(() -> task.accept(q)));
        }
        Throwable failure = null;
        try {
            task.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            spinUntil(f);
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * How long a hand-off spins before it sleeps: a worker waiting for its next part, the caller waiting for the
     * workers' parts. Waking a parked thread took 9 µs (median; p90 10–40 µs) on the 2-core machine, twice per
     * hand-off (the worker, then the caller), against about 1 µs spinning; a VAE training step makes about 20
     * hand-offs with less than this between them, so the worker stays awake through a step and sleeps after it.
     */
    static final long SPIN_NANOS = 100_000;

    /** Spins (at most {@link #SPIN_NANOS}) until f is done; {@code f.get()} then waits, if needed, asleep. */
    private static void spinUntil(Future<?> f) {
        long start = System.nanoTime();
        while (!f.isDone() && System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
        }
    }

    /** The workers' queue: {@link #take()} spins (at most {@link #SPIN_NANOS}) before it sleeps. */
    private static final class SpinningQueue extends LinkedBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        @Override
        public Runnable take() throws InterruptedException {
            long start = System.nanoTime();
            do {
                Runnable r = poll();
                if (r != null) {
                    return r;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() - start < SPIN_NANOS);
            return super.take();
        }
    }

    private static synchronized ExecutorService pool(int workers) {
        if (pool == null || poolSize < workers) {
            if (pool != null) {
                pool.shutdown();
            }
            pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new SpinningQueue(), r -> {
                Thread t = new Thread(r, "aelab-linalg-worker");
                t.setDaemon(true);
                return t;
            });
            poolSize = workers;
        }
        return pool;
    }
}
