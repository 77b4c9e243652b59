// Seed-to-seed spread behind the tolerances of notebooks/09-training-a-vae-on-digits.ipynb.
// Trains exactly the notebook's VAE (64-128(tanh)-2, Bernoulli decoder, Adam 3e-3, 40 epochs, batch 64) for seeds 1..5
// (seed 1 = the notebook's seeds: model 1, training 3, evaluation 4; seed s adds 10 (s - 1) to each) and prints each
// checked quantity per seed with mean, sd, min, max, then the bound the notebook uses.
//   java -Xmx1g -Djava.awt.headless=true -cp "$(./aelab classpath)" tools/spread/VaeDigitsSpread.java > tools/spread/vae-digits.txt
// Keep the configuration below identical to the notebook's (data split, sizes, epochs, batch, learning rate, classifiers).
import aelab.core.Rng;
import aelab.data.*;
import aelab.loss.*;
import aelab.model.*;
import aelab.nn.*;
import aelab.train.*;
import org.ejml.data.DMatrixRMaj;
import java.util.*;

public class VaeDigitsSpread {
    static final int N_TRAIN = 1500, EPOCHS = 40, BATCH = 64, SEEDS = 5;
    static final double LR = 3e-3;

    static double[] stats(List<Double> v) {
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return new double[] {mean, Math.sqrt(ss / (v.size() - 1)), Collections.min(v), Collections.max(v)};
    }

    static void print(String name, List<Double> v, String bound) {
        double[] s = stats(v);
        StringBuilder vals = new StringBuilder();
        for (double x : v) vals.append(vals.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", x));
        System.out.printf(Locale.ROOT, "%-44s seeds 1-%d: [%s]  mean %.4f sd %.4f min %.4f max %.4f%n", name, v.size(), vals, s[0], s[1], s[2], s[3]);
        System.out.printf(Locale.ROOT, "    %s%n", bound);
    }

    /** "x < b" passes for every seed and b >= mean + 3 sd. */
    static String upper(List<Double> v) {
        double[] s = stats(v);
        return String.format(Locale.ROOT, "upper bound: max(max, mean + 3 sd) = %.4f", Math.max(s[3], s[0] + 3 * s[1]));
    }

    /** "x > b" passes for every seed and b <= mean - 3 sd. */
    static String lower(List<Double> v) {
        double[] s = stats(v);
        return String.format(Locale.ROOT, "lower bound: min(min, mean - 3 sd) = %.4f", Math.min(s[2], s[0] - 3 * s[1]));
    }

    static int nearest(double[][] means, DMatrixRMaj images, int n) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < means.length; c++) {
            double d = 0;
            for (int j = 0; j < images.numCols; j++) d += Math.pow(images.get(n, j) - means[c][j], 2);
            if (d < bestD) { bestD = d; best = c; }
        }
        return best;
    }

    public static void main(String[] args) {
        var digits = Digits.load();
        var trainSet = digits.subset(0, N_TRAIN);
        var testSet = digits.subset(N_TRAIN, digits.size());
        DMatrixRMaj train = trainSet.features(), test = testSet.features();
        double[] pixelMeans = new double[64];
        for (int n = 0; n < train.numRows; n++) for (int j = 0; j < 64; j++) pixelMeans[j] += train.get(n, j) / train.numRows;
        DMatrixRMaj meanImage = new DMatrixRMaj(test.numRows, 64);
        for (int n = 0; n < test.numRows; n++) System.arraycopy(pixelMeans, 0, meanImage.data, 64 * n, 64);
        double meanImageBce = ReconstructionLoss.bce(test, meanImage, Reduction.MEAN_PER_SAMPLE);
        double entropyFloor = ReconstructionLoss.bce(test, test, Reduction.MEAN_PER_SAMPLE);
        double[][] classMean = new double[10][64];
        int[] classCount = new int[10];
        for (int n = 0; n < train.numRows; n++) { int c = trainSet.label(n); classCount[c]++; for (int j = 0; j < 64; j++) classMean[c][j] += train.get(n, j); }
        for (int c = 0; c < 10; c++) for (int j = 0; j < 64; j++) classMean[c][j] /= classCount[c];
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (int s = 1; s <= SEEDS; s++) {
            int o = 10 * (s - 1);
            var vae = Vae.builder(64, 2).hiddenSizes(128).hiddenActivation(Activation.TANH).bernoulliDecoder().build(Rng.seeded(1 + o));
            double initialTest = -Vae.builder(64, 2).hiddenSizes(128).hiddenActivation(Activation.TANH).bernoulliDecoder().build(Rng.seeded(1 + o))
                    .elbo(test, Rng.seeded(4 + o)).value();
            new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, 3 + o)).fit(vae, train);
            var evalTest = vae.elbo(test, Rng.seeded(4 + o));
            var evalTrain = vae.elbo(train, Rng.seeded(4 + o));
            put(m, "test -ELBO after / before training", -evalTest.value() / initialTest);
            put(m, "test / train -ELBO", evalTest.value() / evalTrain.value());
            put(m, "BCE above floor: VAE / mean image", (-evalTest.reconstruction() - entropyFloor) / (meanImageBce - entropyFloor));
            double[] kl = vae.klPerDimension(test);
            put(m, "smaller KL of the two latent dimensions", Math.min(kl[0], kl[1]));
            DMatrixRMaj trainMu = vae.encode(train), testMu = vae.encode(test);
            double[][] centroid = new double[10][2];
            int[] counts = new int[10];
            for (int n = 0; n < train.numRows; n++) { int c = trainSet.label(n); counts[c]++; centroid[c][0] += trainMu.get(n, 0); centroid[c][1] += trainMu.get(n, 1); }
            for (int c = 0; c < 10; c++) { centroid[c][0] /= counts[c]; centroid[c][1] /= counts[c]; }
            int correct = 0;
            for (int n = 0; n < test.numRows; n++) {
                int bestC = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int c = 0; c < 10; c++) {
                    double d = Math.pow(testMu.get(n, 0) - centroid[c][0], 2) + Math.pow(testMu.get(n, 1) - centroid[c][1], 2);
                    if (d < bestD) { bestD = d; bestC = c; }
                }
                if (bestC == testSet.label(n)) correct++;
            }
            put(m, "nearest-centroid accuracy of test codes", correct / (double) test.numRows);
            double maxAbsMean = 0, minSd = Double.POSITIVE_INFINITY, maxSd = 0;
            for (int j = 0; j < 2; j++) {
                double mean = 0, var = 0;
                for (int n = 0; n < test.numRows; n++) mean += testMu.get(n, j) / test.numRows;
                for (int n = 0; n < test.numRows; n++) var += Math.pow(testMu.get(n, j) - mean, 2) / (test.numRows - 1);
                maxAbsMean = Math.max(maxAbsMean, Math.abs(mean));
                minSd = Math.min(minSd, Math.sqrt(var));
                maxSd = Math.max(maxSd, Math.sqrt(var));
            }
            put(m, "larger |mean| of z1, z2 over test images", maxAbsMean);
            put(m, "smaller sd of z1, z2", minSd);
            put(m, "larger sd of z1, z2", maxSd);
            DMatrixRMaj recon = vae.reconstruct(test);
            int onlyOriginal = 0, onlyRecon = 0;
            for (int n = 0; n < test.numRows; n++) {
                boolean a = nearest(classMean, test, n) == testSet.label(n), b = nearest(classMean, recon, n) == testSet.label(n);
                if (a && !b) onlyOriginal++;
                if (b && !a) onlyRecon++;
            }
            put(m, "McNemar (b - c) / sqrt(b + c)", (onlyOriginal - onlyRecon) / Math.sqrt(Math.max(1, onlyOriginal + onlyRecon)));
            System.err.println("seed " + s + " done");
        }
        System.out.printf(Locale.ROOT, "test BCE per image: entropy floor %.4f, mean image %.4f%n", entropyFloor, meanImageBce);
        for (var e : m.entrySet()) {
            String name = e.getKey();
            boolean upperBound = name.startsWith("test") || name.startsWith("BCE") || name.startsWith("larger");
            print(name, e.getValue(), upperBound ? upper(e.getValue()) : lower(e.getValue()));
        }
    }

    static void put(Map<String, List<Double>> m, String k, double v) { m.computeIfAbsent(k, x -> new ArrayList<>()).add(v); }
}
