package aelab.train;

import aelab.core.Require;
import aelab.optim.Adam;
import aelab.optim.Optimizer;
import aelab.optim.Sgd;

/**
 * Hyper-parameters of one training run, validated on construction (a bad value throws
 * IllegalArgumentException naming the field and the value).
 *
 * @param epochs       passes over the data, &gt; 0
 * @param batchSize    rows per mini-batch, &gt; 0 (the last batch of an epoch may be smaller; it is used)
 * @param optimizer    SGD or ADAM
 * @param learningRate η &gt; 0, finite
 * @param momentum     SGD momentum μ in [0, 1) (ignored by Adam)
 * @param beta1        Adam β₁ in [0, 1) (ignored by SGD)
 * @param beta2        Adam β₂ in [0, 1) (ignored by SGD)
 * @param epsilon      Adam ε &gt; 0 (ignored by SGD)
 * @param shuffle      reshuffle the rows every epoch (otherwise batches follow row order)
 * @param seed         seeds shuffling and the model's noise (same seed ⇒ bit-identical run); last, like the
 *                     random source of every call in the library
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerKind optimizer, double learningRate,
        double momentum, double beta1, double beta2, double epsilon, boolean shuffle, long seed) {

    /** The optimizer family. */
    public enum OptimizerKind {
        /** {@link Sgd}. */
        SGD,
        /** {@link Adam}. */
        ADAM
    }

    /** Validating constructor. */
    public TrainingConfig {
        Require.positive("epochs", epochs);
        Require.positive("batchSize", batchSize);
        Require.notNull("optimizer", optimizer);
        Require.positive("learningRate", learningRate);
        Require.inHalfOpenUnitInterval("momentum", momentum);
        Require.inHalfOpenUnitInterval("beta1", beta1);
        Require.inHalfOpenUnitInterval("beta2", beta2);
        Require.positive("epsilon", epsilon);
    }

    /** Adam with PyTorch defaults (β₁ 0.9, β₂ 0.999, ε 1e-8), shuffling on. */
    public static TrainingConfig adam(int epochs, int batchSize, double learningRate, long seed) {
        return new TrainingConfig(epochs, batchSize, OptimizerKind.ADAM, learningRate, 0, 0.9, 0.999, 1e-8, true,
                seed);
    }

    /** SGD with momentum μ, shuffling on. */
    public static TrainingConfig sgd(int epochs, int batchSize, double learningRate, double momentum, long seed) {
        return new TrainingConfig(epochs, batchSize, OptimizerKind.SGD, learningRate, momentum, 0.9, 0.999, 1e-8,
                true, seed);
    }

    /** A copy with shuffling on or off. */
    public TrainingConfig withShuffle(boolean newShuffle) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, momentum, beta1, beta2, epsilon,
                newShuffle, seed);
    }

    /** A new optimizer with these hyper-parameters and fresh state. */
    public Optimizer newOptimizer() {
        return optimizer == OptimizerKind.SGD ? new Sgd(learningRate, momentum)
                : new Adam(learningRate, beta1, beta2, epsilon);
    }

    /** The hyper-parameters that matter for the chosen optimizer. */
    @Override
    public String toString() {
        return "TrainingConfig(seed=" + seed + ", epochs=" + epochs + ", batchSize=" + batchSize + ", optimizer="
                + newOptimizer() + ", shuffle=" + shuffle + ")";
    }
}
