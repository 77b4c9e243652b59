// Seed-to-seed spread behind the tolerances of notebooks/11-deep-autoencoder-vs-pca.ipynb.
// Trains exactly the notebook's models for seeds 1..5 and prints each metric per seed with mean, sd, min, max.
//   java -cp "$(./aelab classpath)" tools/spread/AeVsPcaSpread.java > tools/spread/ae-vs-pca.txt
// Keep the configuration below identical to the notebook's (data sizes, sizes, epochs, learning rate, k of kNN).
import aelab.data.*;
import aelab.core.Rng;
import aelab.model.*;
import aelab.nn.*;
import aelab.pca.Pca;
import aelab.train.*;
import org.ejml.data.DMatrixRMaj;
import java.util.*;

public class AeVsPcaSpread {
    static final int N_TRAIN = 3000, N_TEST = 1000, EPOCHS = 12, BATCH = 64, KNN = 5;
    static final double LR = 2e-3;

    /** Mean squared error per image (sum over the 784 pixels). */
    static double mse(DMatrixRMaj x, DMatrixRMaj xHat) {
        double s = 0;
        for (int i = 0; i < x.data.length; i++) s += (x.data[i] - xHat.data[i]) * (x.data[i] - xHat.data[i]);
        return s / x.numRows;
    }

    /** Accuracy of the k-nearest-neighbour vote (Euclidean, ties to the smaller label) of test codes among train codes. */
    static double knn(DMatrixRMaj train, int[] yTrain, DMatrixRMaj test, int[] yTest, int k) {
        int d = train.numCols, correct = 0;
        for (int t = 0; t < test.numRows; t++) {
            double[] dist = new double[train.numRows];
            Integer[] idx = new Integer[train.numRows];
            for (int n = 0; n < train.numRows; n++) {
                double s = 0;
                for (int j = 0; j < d; j++) { double r = train.data[n * d + j] - test.data[t * d + j]; s += r * r; }
                dist[n] = s; idx[n] = n;
            }
            Arrays.sort(idx, Comparator.comparingDouble((Integer n) -> dist[n]).thenComparingInt(n -> n));
            int[] votes = new int[10];
            for (int m = 0; m < k; m++) votes[yTrain[idx[m]]]++;
            int best = 0;
            for (int c = 1; c < 10; c++) if (votes[c] > votes[best]) best = c;
            if (best == yTest[t]) correct++;
        }
        return correct / (double) test.numRows;
    }

    public static void main(String[] args) {
        var split = Mnist.split();
        var trainSet = split.train().head(N_TRAIN);
        var testSet = split.test().head(N_TEST);
        DMatrixRMaj train = trainSet.features(), test = testSet.features();
        Pca pca = Pca.viaCovariance(train, 2);
        double pcaTest = mse(test, pca.reconstruct(pca.project(test)));
        double pcaKnn = knn(pca.project(train), trainSet.labels(), pca.project(test), testSet.labels(), KNN);
        double pcaTrain = pca.reconstructionError(train) / train.numRows;
        System.out.printf(Locale.ROOT, "PCA k=2: test MSE %.4f, train MSE %.4f, kNN %.4f%n", pcaTest, pcaTrain, pcaKnn);
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (long seed = 1; seed <= 5; seed++) {
            long t0 = System.nanoTime();
            var deep = DeepAutoencoder.builder(784, 2).hiddenSizes(256).hiddenActivation(Activation.RELU).outputActivation(Activation.SIGMOID).build(Rng.seeded(seed));
            new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, seed)).fit(deep, train);
            double deepTime = (System.nanoTime() - t0) / 1e9;
            var shallow = DeepAutoencoder.builder(784, 2).codeActivation(Activation.TANH).build(Rng.seeded(seed));
            new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, seed)).fit(shallow, train);
            put(m, "deep test MSE", mse(test, deep.reconstruct(test)));
            put(m, "deep test MSE / PCA", mse(test, deep.reconstruct(test)) / pcaTest);
            put(m, "deep kNN", knn(deep.encode(train), trainSet.labels(), deep.encode(test), testSet.labels(), KNN));
            put(m, "deep kNN - PCA kNN", m.get("deep kNN").get(m.get("deep kNN").size() - 1) - pcaKnn);
            put(m, "one-hidden-layer train MSE / PCA train MSE", mse(train, shallow.reconstruct(train)) / pcaTrain);
            put(m, "one-hidden-layer test MSE / PCA", mse(test, shallow.reconstruct(test)) / pcaTest);
            put(m, "deep training seconds", deepTime);
        }
        for (var e : m.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            double mean = Arrays.stream(v).average().orElse(0), sd = 0;
            for (double x : v) sd += (x - mean) * (x - mean);
            sd = Math.sqrt(sd / (v.length - 1));
            System.out.printf(Locale.ROOT, "%-45s seeds 1-5: %s  mean %.4f sd %.4f min %.4f max %.4f%n", e.getKey(),
                Arrays.toString(Arrays.stream(v).map(x -> Math.round(x * 1e4) / 1e4).toArray()), mean, sd,
                Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0));
        }
    }

    static void put(Map<String, List<Double>> m, String k, double v) { m.computeIfAbsent(k, x -> new ArrayList<>()).add(v); }
}
