package aelab.train;

/**
 * Callbacks of {@link Trainer#fit}. Epochs and batches are numbered from 1. All methods default to doing nothing.
 * Call sequence: onTrainingStart; per epoch, onBatchEnd for each batch then onEpochEnd; onTrainingEnd (not called
 * when training throws).
 */
public interface TrainingListener {
    /** Before the first batch. */
    default void onTrainingStart(TrainingConfig config, int samples, int batchesPerEpoch) {
    }

    /**
     * After the optimizer step of a batch; {@code loss} is the batch loss (mean per sample). A model training in
     * float32 storage ({@link aelab.model.TrainingStep}) writes its parameters back at epoch ends: here its parameter
     * blocks still hold the values of the epoch's start.
     */
    default void onBatchEnd(int epoch, int batch, int batchesPerEpoch, double loss) {
    }

    /**
     * After the last batch of an epoch; the history already holds this epoch, the model's parameter blocks hold its
     * parameters, and changes made to them here are trained on from the next batch.
     */
    default void onEpochEnd(int epoch, TrainingHistory history) {
    }

    /** After the last epoch. */
    default void onTrainingEnd(TrainingHistory history) {
    }
}
