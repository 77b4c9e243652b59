// Seed-to-seed spread behind the tolerances of notebooks/15-posterior-collapse-remedies-and-disentanglement.ipynb.
// Part 1: the plain VAE, KL warm-up and free bits on the digits (16 latent dimensions): active units (notebook 10's
// definition, Var_x(mu_m) > 0.01), test rate and distortion, test ELBO, smallest per-dimension KL.
// Part 2: beta-VAEs on the Gaussian-blob images with known factors (x and y position): MIG for each beta.
// Seed s: model 1+10(s-1), training 2+10(s-1), evaluation 3+10(s-1) (seed 1 = the notebook's first seed).
//   java -Djava.awt.headless=true -cp "$(./aelab classpath)" tools/spread/PosteriorCollapseSpread.java > tools/spread/posterior-collapse.txt
// Keep the configuration below identical to the notebook's (data, sizes, betas, epochs, batch, learning rate, seeds).
import aelab.core.Rng;
import aelab.data.*;
import aelab.model.*;
import aelab.nn.*;
import aelab.train.*;
import org.ejml.data.DMatrixRMaj;
import java.util.*;

public class PosteriorCollapseSpread {
    // part 1
    static final int LATENT = 16, EPOCHS = 20, BATCH = 64, N_TRAIN = 1500, WARM_UP_EPOCHS = 10, SEEDS_1 = 10;
    static final double LR = 3e-3, FREE_BITS = 0.5;
    // part 2
    static final int SIZE = 12, POSITIONS = 8, N_BLOBS = 1000, N_EVAL = 1000, BLOB_LATENT = 4, BLOB_EPOCHS = 20, BINS = 20,
            SEEDS_2 = 10;
    static final double WIDTH_X = 2.0, WIDTH_Y = 1.0;
    static final double[] BETAS = {1, 3, 9};

    static double[] stats(List<Double> v) {
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return new double[] {mean, Math.sqrt(ss / (v.size() - 1)), Collections.min(v), Collections.max(v)};
    }

    static double[] print(String name, List<Double> v) {
        double[] s = stats(v);
        StringBuilder vals = new StringBuilder();
        for (double x : v) vals.append(vals.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", x));
        System.out.printf(Locale.ROOT, "%-48s seeds 1-%d: [%s]  mean %.4f sd %.4f min %.4f max %.4f%n", name, v.size(), vals,
                s[0], s[1], s[2], s[3]);
        return s;
    }

    /** The largest bound b with "x >= b" true for every seed and b <= mean - 3 sd. */
    static double lowerBound(List<Double> v) {
        double[] s = stats(v);
        return Math.min(s[2], s[0] - 3 * s[1]);
    }

    /** The smallest bound b with "x <= b" true for every seed and b >= mean + 3 sd. */
    static double upperBound(List<Double> v) {
        double[] s = stats(v);
        return Math.max(s[3], s[0] + 3 * s[1]);
    }

    static Map<String, List<Double>> metrics = new LinkedHashMap<>();

    static void add(String name, double v) {
        metrics.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
    }

    public static void main(String[] args) {
        var digits = Digits.load();
        DMatrixRMaj train = digits.subset(0, N_TRAIN).features(), test = digits.subset(N_TRAIN, digits.size()).features();
        String[] modes = {"plain", "warm-up", "free bits"};
        for (int s = 1; s <= SEEDS_1; s++) {
            int o = 10 * (s - 1);
            double[] elbo = new double[3], rate = new double[3], active = new double[3];
            for (int m = 0; m < 3; m++) {
                var b = Vae.builder(64, LATENT).hiddenSizes(64).hiddenActivation(Activation.TANH).bernoulliDecoder();
                if (m == 2) b.freeBits(FREE_BITS);
                var vae = b.build(Rng.seeded(1 + o));
                var trainer = new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, 2 + o));
                if (m == 1) trainer.addListener(KlWarmUp.linear(vae, WARM_UP_EPOCHS));
                double[] activeAtWarmUpEnd = new double[1];
                trainer.onEpochEnd((epoch, h) -> { if (epoch == WARM_UP_EPOCHS) activeAtWarmUpEnd[0] = vae.activeUnits(test, 0.01); });
                trainer.fit(vae, train);
                add(modes[m] + ": active units after epoch " + WARM_UP_EPOCHS, activeAtWarmUpEnd[0]);
                var eval = vae.elbo(test, Rng.seeded(3 + o));
                elbo[m] = eval.value();
                rate[m] = eval.kl();
                active[m] = vae.activeUnits(test, 0.01);
                add(modes[m] + ": active units", active[m]);
                add(modes[m] + ": rate (nats)", rate[m]);
                add(modes[m] + ": distortion (nats)", -eval.reconstruction());
                add(modes[m] + ": test ELBO (nats)", elbo[m]);
                add(modes[m] + ": smallest KL of a dimension", Arrays.stream(vae.klPerDimension(test)).min().getAsDouble());
            }
            add("warm-up - plain: active units", active[1] - active[0]);
            add("warm-up: active units, epoch " + WARM_UP_EPOCHS + " - epoch " + EPOCHS, metrics.get("warm-up: active units after epoch " + WARM_UP_EPOCHS).get(s - 1) - active[1]);
            add("warm-up - plain: active units after epoch " + WARM_UP_EPOCHS, metrics.get("warm-up: active units after epoch " + WARM_UP_EPOCHS).get(s - 1) - metrics.get("plain: active units after epoch " + WARM_UP_EPOCHS).get(s - 1));
            add("warm-up - plain: rate", rate[1] - rate[0]);
            add("warm-up - plain: test ELBO", elbo[1] - elbo[0]);
            add("free bits - plain: active units", active[2] - active[0]);
            add("free bits - plain: rate", rate[2] - rate[0]);
            add("free bits - plain: test ELBO", elbo[2] - elbo[0]);
        }
        var blobs = SyntheticData.gaussianBlobs(N_BLOBS, SIZE, POSITIONS, WIDTH_X, WIDTH_Y, Rng.seeded(5));
        var evalBlobs = SyntheticData.gaussianBlobs(N_EVAL, SIZE, POSITIONS, WIDTH_X, WIDTH_Y, Rng.seeded(6));
        for (int s = 1; s <= SEEDS_2; s++) {
            int o = 10 * (s - 1);
            double[] mig = new double[BETAS.length];
            for (int i = 0; i < BETAS.length; i++) {
                var vae = Vae.builder(SIZE * SIZE, BLOB_LATENT).hiddenSizes(64).hiddenActivation(Activation.TANH).bernoulliDecoder()
                        .beta(BETAS[i]).build(Rng.seeded(1 + o));
                new Trainer(TrainingConfig.adam(BLOB_EPOCHS, BATCH, LR, 2 + o)).fit(vae, blobs.data().features());
                DMatrixRMaj codes = vae.encode(evalBlobs.data().features());
                mig[i] = Disentanglement.mig(codes, evalBlobs.factors(), -3, 3, BINS);
                add("blobs beta " + BETAS[i] + ": MIG", mig[i]);
                add("blobs beta " + BETAS[i] + ": active units", vae.activeUnits(evalBlobs.data().features(), 0.01));
                add("blobs beta " + BETAS[i] + ": rate (nats)", vae.elbo(evalBlobs.data().features(), Rng.seeded(3 + o)).kl());
            }
            for (int i = 1; i < BETAS.length; i++) add("blobs MIG(beta " + BETAS[i] + ") - MIG(beta 1)", mig[i] - mig[0]);
        }
        for (var e : metrics.entrySet()) {
            print(e.getKey(), e.getValue());
        }
        System.out.println("# bounds (rule: passes for every seed and lies at least 3 seed sds beyond the mean)");
        for (var e : metrics.entrySet()) {
            System.out.printf(Locale.ROOT, "%-48s lower %.4f upper %.4f%n", e.getKey(), lowerBound(e.getValue()), upperBound(e.getValue()));
        }
    }
}
