package aelab.train;

/**
 * Thrown when a batch loss or gradient becomes NaN or infinite (the parameters were not updated by that step), or
 * when an optimizer step turns a parameter NaN or infinite (the message names it; the parameters are restored to
 * their values before that step, the optimizer's internal state is not). The message names the epoch and the step.
 */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int step;
    private final transient TrainingHistory history;

    TrainingDivergedException(String message, int epoch, int step, TrainingHistory history) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.history = history;
    }

    /** Epoch (from 1) in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** Global step (from 1, counting batches over all epochs). */
    public int step() {
        return step;
    }

    /** The completed epochs before divergence. */
    public TrainingHistory history() {
        return history;
    }
}
