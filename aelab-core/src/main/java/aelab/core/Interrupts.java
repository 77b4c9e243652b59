package aelab.core;

/**
 * Cooperative interruption for long-running library calls: each such call invokes {@link #check} between units of
 * work (a mini-batch, a block of Monte Carlo samples, one finite-difference entry), at the latest every few
 * milliseconds of work, so that {@link Thread#interrupt()} stops it promptly with an
 * {@link InterruptedComputationException}. The test is {@link Thread#isInterrupted()}: it reads a flag and leaves it
 * set, so the caller's interrupt status is preserved for the code above.
 */
public final class Interrupts {
    private Interrupts() {
    }

    /** Whether the current thread has been interrupted (the status is not cleared). */
    public static boolean requested() {
        return Thread.currentThread().isInterrupted();
    }

    /**
     * Throws {@link InterruptedComputationException} ("what interrupted after done of total unit") when the current
     * thread has been interrupted; returns normally otherwise. The interrupt status stays set.
     */
    public static void check(String what, long done, long total, String unit) {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedComputationException(what, done, total, unit);
        }
    }
}
