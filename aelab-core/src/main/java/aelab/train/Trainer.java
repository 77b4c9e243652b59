package aelab.train;

import aelab.core.Require;
import aelab.core.Rng;
import aelab.model.Autoencoder;
import aelab.model.TrainingStep;
import aelab.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGenerator.SplittableGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * The training loop (mini-batch stochastic optimisation, Goodfellow et al., <i>Deep Learning</i>, §8.1.3). For
 * each epoch: permute the rows (if shuffling), cut them into batches of {@code batchSize} (the last one may be
 * smaller and is used), and for each batch compute {@code L, ∂L/∂θ = model.lossAndGradients(batch, rng, grads)}, check
 * them for NaN/∞, call {@code optimizer.step}, check the updated parameters for NaN/∞, and notify listeners. The
 * model's {@link Autoencoder#trainingStep} does the computing: on the parameter blocks in double, or, for a
 * {@link aelab.model.Vae} with float32 products, on float copies of them ({@link TrainingStep}), which the trainer
 * writes back into the blocks before every epoch's listeners (and reads again after them) and when the run returns
 * or throws; {@link TrainingListener#onBatchEnd} then sees the blocks as they were at the epoch's start.
 *
 * <p>Randomness: a generator seeded with {@code config.seed()} is split into one stream for shuffling and one for
 * the model's noise, so the same seed gives the same bits. Data are validated before training. Buffers (batch,
 * gradients, permutation) are allocated once per {@code fit}.
 *
 * <p>Interruption: the thread's interrupt status is tested before every mini-batch (so the latency is at most one
 * batch); an interrupted run throws {@link TrainingInterruptedException} with the model as after the last completed
 * step and can be continued with {@link #resume()}, which gives the same bits as an uninterrupted run because the
 * random streams, the permutation and the optimizer are part of the saved run. Not thread-safe: one run at a time.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();
    /** The last run, when it was stopped by an interrupt (so that {@link #resume()} can continue it). */
    private Run interrupted;

    /** A trainer for the given configuration. */
    public Trainer(TrainingConfig config) {
        this.config = Require.notNull("config", config);
    }

    /** Adds a listener; returns this trainer. */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(Require.notNull("listener", listener));
        return this;
    }

    /**
     * Adds a listener called after each epoch with the epoch number (from 1) and the history holding it, e.g.
     * {@code trainer.onEpochEnd((epoch, h) -> progress.add(h.metric("kl", epoch)))}; returns this trainer.
     */
    public Trainer onEpochEnd(java.util.function.BiConsumer<Integer, TrainingHistory> action) {
        Require.notNull("action", action);
        return addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(int epoch, TrainingHistory history) {
                action.accept(epoch, history);
            }
        });
    }

    /** The configuration. */
    public TrainingConfig config() {
        return config;
    }

    /** Trains with a new optimizer from the configuration. model: Modified (parameters). data: Not modified. */
    public TrainingHistory fit(Autoencoder model, DMatrixRMaj data) {
        return fit(model, data, config.newOptimizer());
    }

    /**
     * Trains with the given optimizer (its learning-rate fields in the config are then unused).
     *
     * <p>Interruption: the thread's interrupt status is tested before every mini-batch; when it is set, the call
     * throws {@link TrainingInterruptedException} (interrupt status left set) with the parameters and the optimizer
     * exactly as after the last completed step, and {@link #resume()} can continue the run.
     *
     * @param model     Modified (parameters)
     * @param data      n×inputDim, finite. Not modified (and must not be modified while a run can be resumed).
     * @param optimizer Modified (state)
     * @throws TrainingDivergedException    when a loss, a gradient or, after a step, a parameter becomes NaN/∞
     *                                      (message names epoch and step)
     * @throws TrainingInterruptedException when the thread is interrupted
     */
    public TrainingHistory fit(Autoencoder model, DMatrixRMaj data, Optimizer optimizer) {
        Require.notNull("model", model);
        Require.notNull("optimizer", optimizer);
        Require.cols("data", data, model.inputDim());
        Require.atLeastRows("data", data, 1);
        Require.finite("data", data);
        model.requireValidInput("data", data);
        interrupted = null;
        Run run = new Run(model, data, optimizer);
        for (TrainingListener l : listeners) {
            l.onTrainingStart(config, data.numRows, run.batchesPerEpoch);
        }
        return execute(run);
    }

    /**
     * Continues the last run of this trainer that was stopped by an interrupt ({@link TrainingInterruptedException}),
     * from the batch where it stopped, with the same random streams, permutation, optimizer and partial epoch sums:
     * the result is bit for bit that of the uninterrupted run, provided the model's parameters, the optimizer and the
     * data were not changed in between. Listeners get the remaining batch and epoch callbacks (not
     * {@code onTrainingStart} again).
     *
     * @return the history of the whole run
     * @throws IllegalStateException        when no interrupted run is pending ({@link #canResume()} is false)
     * @throws TrainingInterruptedException when interrupted again (then it can be resumed again)
     */
    public TrainingHistory resume() {
        if (interrupted == null) {
            throw new IllegalStateException("no interrupted training run to resume: resume() continues the last fit of "
                    + "this trainer after a TrainingInterruptedException");
        }
        Run run = interrupted;
        interrupted = null;
        return execute(run);
    }

    /** Whether the last run of this trainer was interrupted and can be {@linkplain #resume() resumed}. */
    public boolean canResume() {
        return interrupted != null;
    }

    private TrainingHistory execute(Run run) {
        try {
            run.train();
        } catch (TrainingInterruptedException e) {
            interrupted = run;
            throw e;
        }
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(run.history);
        }
        return run.history;
    }

    /** The state of one training run: everything needed to continue it after an interrupt. */
    private final class Run {
        private final Autoencoder model;
        private final DMatrixRMaj data;
        private final RandomGenerator shuffleRng;
        private final RandomGenerator modelRng;
        private final int batchSize;
        private final int batchesPerEpoch;
        private final long totalSteps;
        private final int[] order;
        /** The model's step on the storage it trains in (the parameter blocks, or float copies of them). */
        private final TrainingStep trainingStep;
        private final int metrics;
        private final double[] epochSums;
        private final TrainingHistory history;
        /** Position: the epoch running (from 1), batches of it completed, steps completed. */
        private int epoch = 1;
        private int batchesDone;
        private long step;
        private boolean epochStarted;

        Run(Autoencoder model, DMatrixRMaj data, Optimizer optimizer) {
            this.model = model;
            this.data = data;
            SplittableGenerator root = (SplittableGenerator) Rng.seeded(config.seed());
            this.shuffleRng = root.split();
            this.modelRng = root.split();
            int n = data.numRows;
            this.batchSize = Math.min(config.batchSize(), n);
            this.batchesPerEpoch = (n + batchSize - 1) / batchSize;
            this.totalSteps = (long) batchesPerEpoch * config.epochs();
            this.order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            this.trainingStep = model.trainingStep(optimizer, batchSize);
            List<String> metricNames = model.metricNames();
            this.metrics = metricNames.size();
            this.epochSums = new double[metrics + 1];
            this.history = new TrainingHistory(metricNames);
        }

        /**
         * Runs the remaining epochs. The step's storage is loaded from the parameter blocks when the run starts or
         * resumes (and stored back at once: the blocks then hold the values trained on, e.g. rounded to float) and
         * after each epoch's listeners, and stored into them before each epoch's listeners and when the run returns or
         * throws (nothing to move for a step on the blocks themselves).
         */
        void train() {
            trainingStep.load();
            trainingStep.store();
            try {
                trainEpochs();
            } finally {
                trainingStep.store();
            }
        }

        private void trainEpochs() {
            int n = data.numRows;
            for (; epoch <= config.epochs(); epoch++) {
                if (!epochStarted) {
                    if (config.shuffle()) {
                        for (int i = n - 1; i > 0; i--) {
                            int j = shuffleRng.nextInt(i + 1);
                            int t = order[i];
                            order[i] = order[j];
                            order[j] = t;
                        }
                    }
                    Arrays.fill(epochSums, 0.0);
                    epochStarted = true;
                }
                for (; batchesDone < batchesPerEpoch; batchesDone++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new TrainingInterruptedException(epoch, batchesDone, batchesPerEpoch, step, totalSteps,
                                history.copy());
                    }
                    int b = batchesDone;
                    int start = b * batchSize;
                    int rows = Math.min(batchSize, n - start);
                    double loss = trainingStep.lossAndGradients(data, order, start, start + rows, modelRng);
                    String badGradient = Double.isFinite(loss) ? trainingStep.firstNonFiniteGradient() : null;
                    if (!Double.isFinite(loss) || badGradient != null) {
                        String what = !Double.isFinite(loss) ? "loss became " + loss
                                : "gradient became non-finite: " + badGradient;
                        throw diverged(b, what + "; parameters were not updated by this step");
                    }
                    if (!trainingStep.step()) {
                        String badParameter = trainingStep.firstNonFiniteParameter();
                        trainingStep.restorePrevious();
                        throw diverged(b, "the optimizer step made a parameter non-finite: " + badParameter
                                + " (loss and gradient were finite); the parameters were restored to their values "
                                + "before this step");
                    }
                    step++;
                    epochSums[0] += loss * rows;
                    for (int m = 0; m < metrics; m++) {
                        epochSums[m + 1] += model.lastMetric(m) * rows;
                    }
                    for (TrainingListener l : listeners) {
                        l.onBatchEnd(epoch, b + 1, batchesPerEpoch, loss);
                    }
                }
                for (int m = 0; m <= metrics; m++) {
                    epochSums[m] /= n;
                }
                history.add(epochSums);
                batchesDone = 0;
                epochStarted = false;
                trainingStep.store();
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(epoch, history);
                }
                trainingStep.load();
            }
        }

        private TrainingDivergedException diverged(int b, String what) {
            return new TrainingDivergedException("training diverged at epoch " + epoch + ", step " + (step + 1)
                    + " (batch " + (b + 1) + " of " + batchesPerEpoch + "): " + what + ". Try a smaller learning rate. "
                    + config, epoch, (int) Math.min(step + 1, Integer.MAX_VALUE), history);
        }
    }
}
