// Seed-to-seed spread behind the tolerances of notebooks/12-vae-on-mnist.ipynb.
// Trains exactly the notebook's models for seeds 1..5 and prints each metric per seed with mean, sd, min, max.
//   java -Xmx1g -Djava.awt.headless=true -cp "$(./aelab classpath)" tools/spread/VaeMnistSpread.java > tools/spread/vae-mnist.txt
// Keep the configuration below identical to the notebook's (data, binarization, sizes, epochs, batch, learning rate)
// and to tools/reference/vae_mnist_torch.py (the PyTorch side of the notebook's comparison).
import aelab.data.*;
import aelab.core.Rng;
import aelab.model.*;
import aelab.nn.*;
import aelab.train.*;
import org.ejml.data.DMatrixRMaj;
import java.util.*;

public class VaeMnistSpread {
    static final int N_TRAIN = 3000, HIDDEN = 128, LATENT = 10, EPOCHS = 10, BATCH = 100;
    static final double LR = 2e-3;

    static Vae vae(int latent, long seed) {
        return Vae.builder(784, latent).hiddenSizes(HIDDEN).hiddenActivation(Activation.RELU).bernoulliDecoder().build(Rng.seeded(seed));
    }

    public static void main(String[] args) {
        var split = Mnist.split();
        DMatrixRMaj train = Mnist.threshold(split.train().head(N_TRAIN), 0.5).features(), test = Mnist.threshold(split.test(), 0.5).features();
        System.out.printf(Locale.ROOT, "sum of the binarized training pixels %d, of the test pixels %d%n",
            (long) Arrays.stream(train.data).sum(), (long) Arrays.stream(test.data).sum());
        int[] trainLabels = split.train().head(N_TRAIN).labels(), testLabels = split.test().labels();
        double[] pixelOnes = new double[784];
        for (int n = 0; n < train.numRows; n++) for (int j = 0; j < 784; j++) pixelOnes[j] += train.get(n, j);
        double independentPixelsNll = 0;        // -log p(x) of independent Bernoulli pixels, (ones + 1) / (n + 2), averaged over test images
        for (int n = 0; n < test.numRows; n++) for (int j = 0; j < 784; j++) {
            double p = (pixelOnes[j] + 1) / (train.numRows + 2);
            independentPixelsNll -= (test.get(n, j) == 1 ? Math.log(p) : Math.log(1 - p)) / test.numRows;
        }
        System.out.printf(Locale.ROOT, "independent Bernoulli pixels: test -log p(x) %.4f nats per image%n", independentPixelsNll);
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (long seed = 1; seed <= 5; seed++) {
            long t0 = System.nanoTime();
            var main = vae(LATENT, seed);
            var h = new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, seed)).fit(main, train);
            double seconds = (System.nanoTime() - t0) / 1e9;
            var e = main.elbo(test, Rng.seeded(100 + seed));
            put(m, "test ELBO (latent " + LATENT + ")", e.value());
            put(m, "test reconstruction", e.reconstruction());
            put(m, "test KL", e.kl());
            put(m, "final training loss", h.loss(EPOCHS));
            put(m, "test -ELBO - final training loss", -e.value() - h.loss(EPOCHS));
            put(m, "independent-pixel NLL - test -ELBO", independentPixelsNll + e.value());
            put(m, "active units (of " + LATENT + ")", main.activeUnits(test, 0.01));
            DMatrixRMaj samples = main.sample(2000, Rng.seeded(7));
            double meanAbsDiff = 0;
            for (int j = 0; j < 784; j++) {
                double s = 0, t = 0;
                for (int n = 0; n < 2000; n++) { s += samples.get(n, j) / 2000; t += test.get(n, j) / 2000; }
                meanAbsDiff += Math.abs(s - t) / 784;
            }
            put(m, "mean |mean sample - mean test image|", meanAbsDiff);
            var two = vae(2, seed);
            new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, seed)).fit(two, train);
            double elbo2 = two.elbo(test, Rng.seeded(100 + seed)).value();
            put(m, "test ELBO (latent 2)", elbo2);
            put(m, "test ELBO latent 10 - latent 2", e.value() - elbo2);
            put(m, "2-D nearest-centroid accuracy", centroidAccuracy(two.encode(train), trainLabels, two.encode(test), testLabels));
            put(m, "training seconds (latent " + LATENT + ")", seconds);
        }
        for (var e : m.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            double mean = Arrays.stream(v).average().orElse(0), sd = 0;
            for (double x : v) sd += (x - mean) * (x - mean);
            sd = Math.sqrt(sd / (v.length - 1));
            System.out.printf(Locale.ROOT, "%-30s seeds 1-5: %s  mean %.4f sd %.4f min %.4f max %.4f%n", e.getKey(),
                Arrays.toString(Arrays.stream(v).map(x -> Math.round(x * 1e4) / 1e4).toArray()), mean, sd,
                Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0));
        }
    }

    /** Share of test codes whose nearest class centroid (of the training codes) has their label. */
    static double centroidAccuracy(DMatrixRMaj trainCodes, int[] yTrain, DMatrixRMaj testCodes, int[] yTest) {
        int k = trainCodes.numCols;
        double[][] c = new double[10][k];
        int[] count = new int[10];
        for (int n = 0; n < trainCodes.numRows; n++) { count[yTrain[n]]++; for (int j = 0; j < k; j++) c[yTrain[n]][j] += trainCodes.get(n, j); }
        for (int d = 0; d < 10; d++) for (int j = 0; j < k; j++) c[d][j] /= count[d];
        int right = 0;
        for (int n = 0; n < testCodes.numRows; n++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int d = 0; d < 10; d++) {
                double s = 0;
                for (int j = 0; j < k; j++) s += Math.pow(testCodes.get(n, j) - c[d][j], 2);
                if (s < bestD) { bestD = s; best = d; }
            }
            if (best == yTest[n]) right++;
        }
        return right / (double) testCodes.numRows;
    }

    static void put(Map<String, List<Double>> m, String k, double v) { m.computeIfAbsent(k, x -> new ArrayList<>()).add(v); }
}
