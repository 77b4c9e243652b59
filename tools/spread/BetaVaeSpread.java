// Seed-to-seed spread behind the tolerances of notebooks/10-beta-vae-and-posterior-collapse.ipynb: the step-to-step
// changes of rate and distortion along the beta sweep, and the beta = 10 distortion against the BCE of the mean image.
// Trains exactly the notebook's sweep for seeds 1..5 (seed 1 = the notebook's seeds: model 1, training 2, evaluation 3)
// and prints each metric per seed with mean, sd, min, max, then the tolerances the notebook uses.
//   java -cp "$(./aelab classpath)" tools/spread/BetaVaeSpread.java > tools/spread/beta-vae.txt
// Keep the configuration below identical to the notebook's (data split, sizes, betas, epochs, batch, learning rate).
import aelab.core.Rng;
import aelab.data.*;
import aelab.model.*;
import aelab.nn.*;
import aelab.train.*;
import org.ejml.data.DMatrixRMaj;
import java.util.*;

public class BetaVaeSpread {
    static final double[] BETAS = {0.1, 0.3, 1, 3, 10};
    static final int EPOCHS = 20, BATCH = 64, N_TRAIN = 1500;
    static final double LR = 3e-3;

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
        System.out.printf(Locale.ROOT, "%-52s seeds 1-%d: [%s]  mean %.4f sd %.4f min %.4f max %.4f%n", name, v.size(), vals,
                s[0], s[1], s[2], s[3]);
        return s;
    }

    /** The smallest bound b with "x <= b" true for every seed and b >= mean + 3 sd. */
    static double upperBound(List<Double> v) {
        double[] s = stats(v);
        return Math.max(s[3], s[0] + 3 * s[1]);
    }

    public static void main(String[] args) {
        var digits = Digits.load();
        DMatrixRMaj train = digits.subset(0, N_TRAIN).features(), test = digits.subset(N_TRAIN, digits.size()).features();
        double[] pixelMeans = new double[64];
        for (int n = 0; n < train.numRows; n++) for (int j = 0; j < 64; j++) pixelMeans[j] += train.get(n, j) / train.numRows;
        DMatrixRMaj meanImages = new DMatrixRMaj(test.numRows, 64);
        for (int n = 0; n < test.numRows; n++) System.arraycopy(pixelMeans, 0, meanImages.data, 64 * n, 64);
        double meanImageBce = aelab.loss.ReconstructionLoss.bce(test, meanImages, aelab.loss.Reduction.MEAN_PER_SAMPLE);
        List<List<Double>> rateUp = new ArrayList<>(), distortionDown = new ArrayList<>();
        for (int i = 1; i < BETAS.length; i++) { rateUp.add(new ArrayList<>()); distortionDown.add(new ArrayList<>()); }
        List<Double> collapseGap = new ArrayList<>();
        List<List<Double>> rates = new ArrayList<>(), distortions = new ArrayList<>();
        for (int i = 0; i < BETAS.length; i++) { rates.add(new ArrayList<>()); distortions.add(new ArrayList<>()); }
        for (int s = 1; s <= 5; s++) {
            int o = 10 * (s - 1);
            double[] rate = new double[BETAS.length], distortion = new double[BETAS.length];
            for (int i = 0; i < BETAS.length; i++) {
                var vae = Vae.builder(64, 8).hiddenSizes(64).hiddenActivation(Activation.TANH).bernoulliDecoder().beta(BETAS[i])
                        .build(Rng.seeded(1 + o));
                new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, 2 + o)).fit(vae, train);
                var eval = vae.elbo(test, Rng.seeded(3 + o));
                rate[i] = eval.kl();
                distortion[i] = -eval.reconstruction();
                rates.get(i).add(rate[i]);
                distortions.get(i).add(distortion[i]);
            }
            for (int i = 1; i < BETAS.length; i++) {
                rateUp.get(i - 1).add(rate[i] - rate[i - 1]);                   // should be < 0
                distortionDown.get(i - 1).add(distortion[i - 1] - distortion[i]); // should be < 0
            }
            collapseGap.add(Math.abs(distortion[BETAS.length - 1] - meanImageBce));
        }
        System.out.printf(Locale.ROOT, "BCE of the mean training image on the test set: %.4f nats%n", meanImageBce);
        for (int i = 0; i < BETAS.length; i++) {
            print("rate, beta = " + BETAS[i], rates.get(i));
            print("distortion, beta = " + BETAS[i], distortions.get(i));
        }
        double rateTol = 0, distortionTol = 0;
        for (int i = 1; i < BETAS.length; i++) {
            print("rate(" + BETAS[i] + ") - rate(" + BETAS[i - 1] + ")", rateUp.get(i - 1));
            print("distortion(" + BETAS[i - 1] + ") - distortion(" + BETAS[i] + ")", distortionDown.get(i - 1));
            rateTol = Math.max(rateTol, upperBound(rateUp.get(i - 1)));
            distortionTol = Math.max(distortionTol, upperBound(distortionDown.get(i - 1)));
        }
        print("|distortion(10) - BCE of the mean image|", collapseGap);
        System.out.printf(Locale.ROOT, "tolerance, rate step (largest of max and mean + 3 sd over the steps, at least 0): %.4f nats%n", rateTol);
        System.out.printf(Locale.ROOT, "tolerance, distortion step (same rule): %.4f nats%n", distortionTol);
        System.out.printf(Locale.ROOT, "tolerance, |distortion(10) - mean-image BCE| (same rule): %.4f nats%n", upperBound(collapseGap));
    }
}
