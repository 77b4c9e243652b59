package aelab.train;

import aelab.core.InterruptedComputationException;

/**
 * Thrown by {@link Trainer#fit} and {@link Trainer#resume()} when the training thread is interrupted. The interrupt is
 * seen before a mini-batch starts, so the model's parameters and the optimizer's state are exactly those after the
 * last completed optimizer step ({@link #step()} steps in all): nothing is half-updated. {@link #history()} holds the
 * completed epochs; {@link Trainer#resume()} continues the run from where it stopped, with the same result bit for
 * bit as a run that was never interrupted. The thread's interrupt status is still set.
 */
public final class TrainingInterruptedException extends InterruptedComputationException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int batch;
    private final transient TrainingHistory history;

    TrainingInterruptedException(int epoch, int batch, int batchesPerEpoch, long step, long totalSteps,
            TrainingHistory history) {
        super(step, totalSteps, "optimizer steps", "training interrupted in epoch " + epoch + " after batch " + batch
                + " of " + batchesPerEpoch + " (" + step + " of " + totalSteps + " optimizer steps completed, "
                + history.epochs() + " epochs recorded in the history); the parameters are those after step " + step
                + ". Trainer.resume() continues the run.");
        this.epoch = epoch;
        this.batch = batch;
        this.history = history;
    }

    /** The epoch (from 1) that was running. */
    public int epoch() {
        return epoch;
    }

    /** Batches of {@link #epoch()} completed (0 when the interrupt came before its first batch). */
    public int batch() {
        return batch;
    }

    /** Optimizer steps completed in this run (from the start of the fit, across resumes). */
    public long step() {
        return done();
    }

    /** The completed epochs (a snapshot; the trainer keeps adding to its own history when resumed). */
    public TrainingHistory history() {
        return history;
    }
}
