package aelab.model;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * One training run's step for a model: its loss and gradient on a mini-batch, and the optimizer's update, on the
 * storage the run trains in. Made by {@link Autoencoder#trainingStep} and driven by {@link aelab.train.Trainer}: per
 * mini-batch {@link #lossAndGradients}, then {@link #step()}, or {@link #restorePrevious()} when the step made a value
 * non-finite.
 *
 * <p>The default step ({@link Autoencoder#trainingStep}) trains on the parameter blocks themselves, in double, and
 * its {@link #load()} and {@link #store()} do nothing. A step in float32 storage ({@link Vae} with
 * {@link aelab.linalg.ProductPrecision#FLOAT32} products) keeps float copies of the blocks, as PyTorch trains in
 * float32; the trainer calls {@link #load()} then {@link #store()} when a run starts or resumes (the blocks then hold
 * the rounded values), {@link #load()} after each epoch's listeners, and {@link #store()} before each epoch's
 * listeners and whenever the run returns or throws. A float copy is its block rounded to float when loaded, and is
 * written back exactly (float to double), so a store after a load changes nothing.
 */
public interface TrainingStep {
    /** Reads the parameter blocks into the storage the step trains on (nothing to do for the blocks themselves). */
    void load();

    /** Writes the storage the step trains on into the parameter blocks, exactly (nothing to do for the blocks). */
    void store();

    /**
     * The loss of the mini-batch made of rows {@code order[from]}, …, {@code order[to − 1]} of data, in that order (as
     * {@link Autoencoder#lossAndGradients}: the model's objective, mean per sample), and its gradient, kept by the
     * step; the model's metrics then describe this batch. The rows are the caller's to validate
     * ({@link aelab.train.Trainer#fit} checks the whole data set with {@link Autoencoder#requireValidInput} first);
     * the step in double storage checks its batch again, as {@link Autoencoder#lossAndGradients} does.
     *
     * @param data  n×inputDim. Not modified.
     * @param order row indices of data. Not modified.
     * @param from  first position in order, 0 ≤ from &lt; to
     * @param to    one past the last position, to − from at most the step's batch size
     * @param rng   the model's noise, drawn as {@link Autoencoder#lossAndGradients} draws it. Modified.
     */
    double lossAndGradients(DMatrixRMaj data, int[] order, int from, int to, RandomGenerator rng);

    /** Name and (row, column) of the first NaN/∞ entry of the gradient, or null when all are finite. */
    String firstNonFiniteGradient();

    /**
     * The optimizer's step with the gradient of the last {@link #lossAndGradients}, keeping the values before it.
     *
     * @return whether every updated value is finite
     */
    boolean step();

    /** Name and (row, column) of the first NaN/∞ parameter entry, or null when all are finite. */
    String firstNonFiniteParameter();

    /** Puts back the values kept by the last {@link #step()}. */
    void restorePrevious();
}
