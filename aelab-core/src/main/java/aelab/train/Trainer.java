package aelab.train;

import aelab.core.Require;
import aelab.core.Rng;
import aelab.model.Autoencoder;
import aelab.optim.Gradients;
import aelab.optim.Optimizer;
import aelab.optim.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGenerator.SplittableGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * The training loop (mini-batch stochastic optimisation, Goodfellow et al., <i>Deep Learning</i>, §8.1.3). For
 * each epoch: permute the rows (if shuffling), cut them into batches of {@code batchSize} (the last one may be
 * smaller and is used), and for each batch compute {@code L, ∂L/∂θ = model.lossAndGradients(batch, rng, grads)}, check
 * them for NaN/∞, call {@code optimizer.step}, and notify listeners.
 *
 * <p>Randomness: a generator seeded with {@code config.seed()} is split into one stream for shuffling and one for
 * the model's noise, so the same seed gives the same bits. Data are validated before training. Buffers (batch,
 * gradients, permutation) are allocated once per {@code fit}.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();

    /** A trainer for the given configuration. */
    public Trainer(TrainingConfig config) {
        this.config = Require.notNull("config", config);
    }

    /** Adds a listener; returns this trainer. */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(Require.notNull("listener", listener));
        return this;
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
     * @param model     Modified (parameters)
     * @param data      n×inputDim, finite. Not modified.
     * @param optimizer Modified (state)
     * @throws TrainingDivergedException when a loss or gradient becomes NaN/∞ (message names epoch and step)
     */
    public TrainingHistory fit(Autoencoder model, DMatrixRMaj data, Optimizer optimizer) {
        Require.notNull("model", model);
        Require.notNull("optimizer", optimizer);
        Require.cols("data", data, model.inputDim());
        Require.atLeastRows("data", data, 1);
        Require.finite("data", data);

        SplittableGenerator root = (SplittableGenerator) Rng.seeded(config.seed());
        RandomGenerator shuffleRng = root.split();
        RandomGenerator modelRng = root.split();

        int n = data.numRows;
        int d = data.numCols;
        int batchSize = Math.min(config.batchSize(), n);
        int batchesPerEpoch = (n + batchSize - 1) / batchSize;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        DMatrixRMaj batch = new DMatrixRMaj(batchSize, d);
        Parameters parameters = model.parameters();
        Gradients gradients = Gradients.zerosLike(parameters);
        List<String> metricNames = model.metricNames();
        int metrics = metricNames.size();
        double[] epochSums = new double[metrics + 1];
        TrainingHistory history = new TrainingHistory(metricNames);

        for (TrainingListener l : listeners) {
            l.onTrainingStart(config, n, batchesPerEpoch);
        }
        int step = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            if (config.shuffle()) {
                for (int i = n - 1; i > 0; i--) {
                    int j = shuffleRng.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            java.util.Arrays.fill(epochSums, 0.0);
            for (int b = 0; b < batchesPerEpoch; b++) {
                step++;
                int start = b * batchSize;
                int rows = Math.min(batchSize, n - start);
                batch.reshape(rows, d);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(data.data, order[start + r] * d, batch.data, r * d, d);
                }
                double loss = model.lossAndGradients(batch, modelRng, gradients);
                String badGradient = Double.isFinite(loss) ? gradients.firstNonFinite() : null;
                if (!Double.isFinite(loss) || badGradient != null) {
                    String what = !Double.isFinite(loss) ? "loss became " + loss : "gradient became non-finite: "
                            + badGradient;
                    throw new TrainingDivergedException("training diverged at epoch " + epoch + ", step " + step
                            + " (batch " + (b + 1) + " of " + batchesPerEpoch + "): " + what
                            + "; parameters were not updated by this step. Try a smaller learning rate. " + config,
                            epoch, step, history);
                }
                optimizer.step(parameters, gradients);
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
            for (TrainingListener l : listeners) {
                l.onEpochEnd(epoch, history);
            }
        }
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(history);
        }
        return history;
    }
}
