package aelab.core;

/**
 * Thrown by a long-running library call (training, Monte Carlo estimates, gradient checks, data loading) that stopped
 * because its thread was interrupted ({@link Thread#interrupt()}, e.g. a notebook's Stop button). Unchecked, so that
 * notebook code needs no {@code try}; it says how far the computation got ({@link #done()} of {@link #total()}
 * {@link #unit()}).
 *
 * <p>Contract of every call that throws it: the thread's interrupt status is still set when it is thrown (the call
 * tests {@link Thread#isInterrupted()}, which does not clear it, so code further up the stack sees the interrupt
 * too); no thread started by the call keeps running; objects the call modifies (a model's parameters, an optimizer)
 * are left as they were after the last completed unit of work (e.g. the last completed optimizer step), never
 * half-updated.
 */
public class InterruptedComputationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long done;
    private final long total;
    private final String unit;

    /**
     * @param what  the computation, e.g. {@code "Monte Carlo KL estimate"}
     * @param done  completed units of work, 0 ≤ done ≤ total
     * @param total units of work requested
     * @param unit  the plural unit, e.g. {@code "samples"}
     */
    public InterruptedComputationException(String what, long done, long total, String unit) {
        this(done, total, unit, what + " interrupted after " + done + " of " + total + " " + unit);
    }

    /** For subclasses with their own message, which should say how far the computation got. */
    protected InterruptedComputationException(long done, long total, String unit, String message) {
        super(message);
        this.done = done;
        this.total = total;
        this.unit = unit;
    }

    /** Units of work completed before the interrupt was seen. */
    public long done() {
        return done;
    }

    /** Units of work requested. */
    public long total() {
        return total;
    }

    /** The unit of {@link #done()} and {@link #total()}, plural (e.g. {@code "samples"}). */
    public String unit() {
        return unit;
    }
}
