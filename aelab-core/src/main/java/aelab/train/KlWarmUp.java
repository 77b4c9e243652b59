package aelab.train;

import aelab.core.Require;
import aelab.model.Vae;

/**
 * KL annealing by a linear warm-up of the KL weight (Bowman et al. 2016, "Generating Sentences from a Continuous
 * Space", KL cost annealing; the linear warm-up of Sønderby et al. 2016, "Ladder Variational Autoencoders"): the VAE is
 * trained with
 * \(L_t = \frac1n\sum_i -\log p(x_i|z_i) + \beta_t\,\mathrm{KL}_i\), \(\beta_t = \beta\,\min\!\left(1, \frac{t}{T}\right)\),
 * where t is the number of optimizer steps already taken (t = 0 for the first step), T = warm-up epochs × batches
 * per epoch, and β is the model's KL weight when the listener is created (its target). So the first step sees
 * β₀ = 0 (a plain autoencoder with noise), and from step T + 1 on the model trains with its own β.
 *
 * <p>A {@link TrainingListener}: it sets the model's β with {@link Vae#setBeta} before the first step
 * ({@code onTrainingStart}) and after each step ({@code onBatchEnd}), so {@link Trainer}'s one loop is unchanged and
 * the schedule depends only on the step count (a resumed run gets the same β sequence, the same seed the same bits).
 * After training the model's β is the schedule's last value (the target once training lasted more than T steps).
 * The epoch losses in the history are those of the scheduled objective.
 *
 * <pre>{@code
 * new Trainer(TrainingConfig.adam(20, 64, 3e-3, 2)).addListener(KlWarmUp.linear(vae, 10)).fit(vae, data);
 * }</pre>
 */
public final class KlWarmUp implements TrainingListener {
    private final Vae vae;
    private final double target;
    private final int warmUpEpochs;
    private int batchesPerEpoch = -1;

    private KlWarmUp(Vae vae, int warmUpEpochs) {
        this.vae = Require.notNull("vae", vae);
        this.warmUpEpochs = Require.positive("warmUpEpochs", warmUpEpochs);
        this.target = vae.beta();
    }

    /**
     * A linear warm-up of {@code vae}'s KL weight from 0 to its current β over the first {@code warmUpEpochs} epochs.
     *
     * @param vae          Modified by training (its β is set before every step)
     * @param warmUpEpochs T in epochs, &gt; 0
     */
    public static KlWarmUp linear(Vae vae, int warmUpEpochs) {
        return new KlWarmUp(vae, warmUpEpochs);
    }

    /** The target β (the model's β when this schedule was created). */
    public double target() {
        return target;
    }

    /** Warm-up length in epochs. */
    public int warmUpEpochs() {
        return warmUpEpochs;
    }

    /**
     * \(\beta_t = \beta\,\min(1, t / T)\) for t steps already taken, T = warm-up epochs × batchesPerEpoch.
     *
     * @param stepsTaken      t ≥ 0
     * @param batchesPerEpoch &gt; 0
     */
    public double betaAt(long stepsTaken, int batchesPerEpoch) {
        if (stepsTaken < 0) {
            throw new IllegalArgumentException("stepsTaken must be >= 0, got " + stepsTaken);
        }
        Require.positive("batchesPerEpoch", batchesPerEpoch);
        long warmUpSteps = (long) warmUpEpochs * batchesPerEpoch;
        return stepsTaken >= warmUpSteps ? target : target * ((double) stepsTaken / warmUpSteps);
    }

    @Override
    public void onTrainingStart(TrainingConfig config, int samples, int batchesPerEpochOfRun) {
        this.batchesPerEpoch = batchesPerEpochOfRun;
        vae.setBeta(betaAt(0, batchesPerEpochOfRun));
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batchesPerEpochOfRun, double loss) {
        long taken = (long) (epoch - 1) * batchesPerEpochOfRun + batch;
        vae.setBeta(betaAt(taken, batchesPerEpochOfRun));
    }

    @Override
    public String toString() {
        return "KlWarmUp(linear, beta 0 -> " + target + " over " + warmUpEpochs + " epochs"
                + (batchesPerEpoch > 0 ? " = " + (long) warmUpEpochs * batchesPerEpoch + " steps" : "") + ")";
    }
}
