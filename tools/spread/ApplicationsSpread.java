// Seed-to-seed spread behind the tolerances of notebooks/13-applications-of-autoencoder-codes.ipynb.
// Trains exactly the notebook's models for seeds 1..5 and prints each metric per seed with mean, sd, min, max;
// the anomaly-detection part trains one autoencoder per held-out digit, for all ten digits.
//   java -Xmx1g -Djava.awt.headless=true -cp "$(./aelab classpath)" tools/spread/ApplicationsSpread.java > tools/spread/applications.txt
// (about 25 minutes on a loaded machine; run it from a copy of the jars if a build may replace them meanwhile)
// Keep the configuration below identical to the notebook's (data sizes, sizes, epochs, learning rate, k, restarts).
import aelab.core.Rng;
import aelab.data.*;
import aelab.eval.*;
import aelab.model.*;
import aelab.nn.*;
import aelab.pca.Pca;
import aelab.train.*;
import org.ejml.data.DMatrixRMaj;
import java.util.*;

public class ApplicationsSpread {
    static final int N_TRAIN = 3000, CODE = 8, HIDDEN = 64, EPOCHS = 10, BATCH = 64, PER_CLASS = 10, TOP = 10;
    static final int RESTARTS = 5, MAX_ITER = 100;
    static final double LR = 2e-3;

    static DeepAutoencoder newAe(long seed) {
        return DeepAutoencoder.builder(784, CODE).hiddenSizes(HIDDEN).hiddenActivation(Activation.RELU)
            .outputActivation(Activation.SIGMOID).build(Rng.seeded(seed));
    }

    static double[] rowErrors(DMatrixRMaj x, DMatrixRMaj xHat) {
        double[] e = new double[x.numRows];
        for (int i = 0; i < x.numRows; i++) for (int j = 0; j < x.numCols; j++) {
            double r = x.get(i, j) - xHat.get(i, j); e[i] += r * r;
        }
        return e;
    }

    static Dataset without(Dataset d, int digit) {
        int n = 0;
        for (int y : d.labels()) if (y != digit) n++;
        DMatrixRMaj f = new DMatrixRMaj(n, d.dimension());
        int[] l = new int[n];
        for (int i = 0, r = 0; i < d.size(); i++) if (d.label(i) != digit) {
            System.arraycopy(d.features().data, i * d.dimension(), f.data, r * d.dimension(), d.dimension()); l[r++] = d.label(i);
        }
        return Dataset.ofImages("without " + digit, f, l, 28, 28);
    }

    public static void main(String[] args) {
        var split = Mnist.split();
        var trainSet = split.train().head(N_TRAIN);
        var testSet = split.test();
        DMatrixRMaj train = trainSet.features(), test = testSet.features();
        int[] yTrain = trainSet.labels(), yTest = testSet.labels();
        Map<String, List<Double>> m = new LinkedHashMap<>();
        double[] ink = new double[test.numRows];
        for (int i = 0; i < test.numRows; i++) for (int j = 0; j < test.numCols; j++) ink[i] += test.get(i, j);
        // baselines that do not depend on the seed
        DMatrixRMaj pixelDist = Distances.squaredEuclidean(test, train, null);
        boolean[][] positive = new boolean[10][test.numRows];
        for (int i = 0; i < test.numRows; i++) positive[yTest[i]][i] = true;
        for (int digit = 0; digit < 10; digit++) {
            Dataset kept = without(trainSet, digit);
            Pca pca = Pca.viaCovariance(kept.features(), CODE);
            double[] pcaErr = rowErrors(test, pca.reconstruct(pca.project(test)));
            double[] nn = new double[test.numRows];
            for (int i = 0; i < test.numRows; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < train.numRows; j++) if (yTrain[j] != digit) best = Math.min(best, pixelDist.get(i, j));
                nn[i] = best;
            }
            System.out.printf(Locale.ROOT, "held out %d: PCA AUROC %s; pixel 1-NN distance AUROC %s%n", digit,
                Auroc.of(pcaErr, positive[digit]), Auroc.of(nn, positive[digit]));
        }
        Pca pca = Pca.viaCovariance(train, CODE);
        DMatrixRMaj pcaTrain = pca.project(train), pcaTest = pca.project(test);
        double chance = Retrieval.chance(yTest, yTrain);
        DMatrixRMaj pcaBits = Retrieval.signBits(pcaTrain, Retrieval.columnMeans(pcaTrain), null);
        DMatrixRMaj pcaTestBits = Retrieval.signBits(pcaTest, Retrieval.columnMeans(pcaTrain), null);
        var pcaP = Retrieval.precisionAtK(Distances.hamming(pcaTestBits, pcaBits, null), yTest, yTrain, TOP);
        var pixP = Retrieval.precisionAtK(pixelDist, yTest, yTrain, TOP);
        System.out.printf(Locale.ROOT, "retrieval: chance %.4f; PCA %d-bit Hamming P@10 %s; pixel Euclidean P@10 %s%n", chance, CODE, pcaP, pixP);
        // few labels: the first PER_CLASS training images of each digit
        int[] labelled = fewLabelled(yTrain);
        int[] yL = new int[labelled.length];
        for (int i = 0; i < labelled.length; i++) yL[i] = yTrain[labelled[i]];
        System.out.printf(Locale.ROOT, "few labels: PCA 1-NN %s NCM %s; pixels 1-NN %s NCM %s%n",
            acc1nn(pick(pcaTrain, labelled), yL, pcaTest, yTest), accNcm(pick(pcaTrain, labelled), yL, pcaTest, yTest),
            acc1nn(pick(train, labelled), yL, test, yTest), accNcm(pick(train, labelled), yL, test, yTest));
        for (long seed = 1; seed <= 5; seed++) {
            var km = KMeans.fit(pcaTest, 10, RESTARTS, MAX_ITER, Rng.seeded(seed));
            put(m, "purity PCA codes", Purity.of(km.assignments(), yTest));
            var kp = KMeans.fit(test, 10, RESTARTS, MAX_ITER, Rng.seeded(seed));
            put(m, "purity pixels", Purity.of(kp.assignments(), yTest));
        }
        for (long seed = 1; seed <= 5; seed++) {
            long t0 = System.nanoTime();
            var ae = newAe(seed);
            new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, seed)).fit(ae, train);
            put(m, "AE training seconds", (System.nanoTime() - t0) / 1e9);
            DMatrixRMaj cTrain = ae.encode(train), cTest = ae.encode(test);
            put(m, "AE test MSE / PCA", mean(rowErrors(test, ae.reconstruct(test))) / mean(rowErrors(test, pca.reconstruct(pcaTest))));
            double[] centre = Retrieval.columnMeans(cTrain);
            var p = Retrieval.precisionAtK(Distances.hamming(Retrieval.signBits(cTest, centre, null), Retrieval.signBits(cTrain, centre, null), null), yTest, yTrain, TOP);
            put(m, "AE Hamming P@10", p.mean());
            put(m, "AE Hamming P@10 SE", p.standardError());
            put(m, "AE - PCA Hamming P@10", p.mean() - pcaP.mean());
            put(m, "AE Euclidean-code P@10", Retrieval.precisionAtK(Distances.squaredEuclidean(cTest, cTrain, null), yTest, yTrain, TOP).mean());
            var a1 = acc1nn(pick(cTrain, labelled), yL, cTest, yTest);
            var an = accNcm(pick(cTrain, labelled), yL, cTest, yTest);
            put(m, "AE 1-NN few labels", a1.mean());
            put(m, "AE NCM few labels", an.mean());
            put(m, "AE 1-NN - PCA 1-NN", a1.mean() - acc1nn(pick(pcaTrain, labelled), yL, pcaTest, yTest).mean());
            put(m, "AE 1-NN - pixels 1-NN", a1.mean() - acc1nn(pick(train, labelled), yL, test, yTest).mean());
            t0 = System.nanoTime();
            var km = KMeans.fit(cTest, 10, RESTARTS, MAX_ITER, Rng.seeded(seed));
            put(m, "k-means AE seconds", (System.nanoTime() - t0) / 1e9);
            put(m, "purity AE codes", Purity.of(km.assignments(), yTest));
            put(m, "purity AE - PCA (same k-means seed)", m.get("purity AE codes").get((int) seed - 1) - m.get("purity PCA codes").get((int) seed - 1));
            put(m, "purity AE - pixels (same k-means seed)", m.get("purity AE codes").get((int) seed - 1) - m.get("purity pixels").get((int) seed - 1));
            for (int digit = 0; digit < 10; digit++) {
                var aeD = newAe(seed);
                new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, seed)).fit(aeD, without(trainSet, digit).features());
                var auc = Auroc.of(rowErrors(test, aeD.reconstruct(test)), positive[digit]);
                put(m, "AE AUROC held out " + digit, auc.value());
                put(m, "AE AUROC z above 0.5, held out " + digit, auc.zAboveChance());
                put(m, "ink-error correlation, held out " + digit, correlation(ink, rowErrors(test, aeD.reconstruct(test))));
                System.err.printf(Locale.ROOT, "seed %d held out %d: AE %s%n", seed, digit, auc);
            }
        }
        for (var e : m.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            double mean = Arrays.stream(v).average().orElse(0), sd = 0;
            for (double x : v) sd += (x - mean) * (x - mean);
            sd = Math.sqrt(sd / (v.length - 1));
            System.out.printf(Locale.ROOT, "%-42s seeds 1-5: %s  mean %.4f sd %.4f min %.4f max %.4f%n", e.getKey(),
                Arrays.toString(Arrays.stream(v).map(x -> Math.round(x * 1e4) / 1e4).toArray()), mean, sd,
                Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0));
        }
    }

    static int[] fewLabelled(int[] y) {
        int[] count = new int[10];
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < y.length; i++) if (count[y[i]] < PER_CLASS) { count[y[i]]++; idx.add(i); }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    static DMatrixRMaj pick(DMatrixRMaj x, int[] rows) {
        DMatrixRMaj out = new DMatrixRMaj(rows.length, x.numCols);
        for (int i = 0; i < rows.length; i++) System.arraycopy(x.data, rows[i] * x.numCols, out.data, i * x.numCols, x.numCols);
        return out;
    }

    static aelab.gaussian.Estimate acc1nn(DMatrixRMaj tr, int[] y, DMatrixRMaj te, int[] yt) {
        return NearestNeighbours.accuracy(NearestNeighbours.knnPredict(tr, y, te, 1), yt);
    }

    static aelab.gaussian.Estimate accNcm(DMatrixRMaj tr, int[] y, DMatrixRMaj te, int[] yt) {
        return NearestNeighbours.accuracy(NearestNeighbours.nearestMeanPredict(tr, y, te), yt);
    }

    /** Pearson correlation. */
    static double correlation(double[] x, double[] y) {
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double mean(double[] v) { return Arrays.stream(v).average().orElse(Double.NaN); }

    static void put(Map<String, List<Double>> m, String k, double v) { m.computeIfAbsent(k, x -> new ArrayList<>()).add(v); }
}
