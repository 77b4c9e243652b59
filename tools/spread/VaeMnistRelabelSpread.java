// Seed-to-seed spread behind notebooks/12-vae-on-mnist.ipynb's check "some reconstructions show another digit".
// Trains the notebook's 10-D VAE (as tools/spread/VaeMnistSpread.java, seeds 1..5) and labels the first N_CLASSIFIED
// test images and their reconstructions (decoder means) with a 5-nearest-neighbour vote among the first N_REF = 1000
// binarized training images (the models train on all 3000) (Euclidean distance in pixel space; ties to the nearer neighbour order, then the smaller label).
// Prints per seed: accuracy on originals and on reconstructions, the McNemar statistic (b - c) / sqrt(b + c) (b: right
// only as original, c: right only as reconstruction), the fraction of correctly labelled originals whose
// reconstruction gets another label, and that fraction in binomial standard errors.
//   java -Xmx1g -Djava.awt.headless=true -cp "$(./aelab classpath)" tools/spread/VaeMnistRelabelSpread.java > tools/spread/vae-mnist-relabel.txt
import aelab.data.*;
import aelab.core.Rng;
import aelab.model.*;
import aelab.nn.*;
import aelab.train.*;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import java.util.*;

public class VaeMnistRelabelSpread {
    static final int N_TRAIN = 3000, HIDDEN = 128, LATENT = 10, EPOCHS = 10, BATCH = 100, N_CLASSIFIED = 500, N_REF = 1000, K = 5;
    static final double LR = 2e-3;

    /** 5-NN labels of the rows of x among the rows of ref (labels y). */
    static int[] knn(DMatrixRMaj ref, int[] y, DMatrixRMaj x) {
        DMatrixRMaj dots = new DMatrixRMaj(x.numRows, ref.numRows);
        CommonOps_DDRM.multTransB(x, ref, dots);
        double[] refSq = new double[ref.numRows];
        for (int n = 0; n < ref.numRows; n++) for (int j = 0; j < ref.numCols; j++) refSq[n] += ref.get(n, j) * ref.get(n, j);
        int[] labels = new int[x.numRows];
        for (int t = 0; t < x.numRows; t++) {
            int[] best = new int[K];
            double[] bestD = new double[K];
            Arrays.fill(bestD, Double.POSITIVE_INFINITY);
            for (int n = 0; n < ref.numRows; n++) {
                double d = refSq[n] - 2 * dots.get(t, n);            // |x|^2 is the same for every n
                if (d >= bestD[K - 1]) continue;
                int i = K - 1;
                while (i > 0 && bestD[i - 1] > d) { bestD[i] = bestD[i - 1]; best[i] = best[i - 1]; i--; }
                bestD[i] = d; best[i] = n;
            }
            int[] votes = new int[10];
            for (int i = 0; i < K; i++) votes[y[best[i]]]++;
            int label = 0;
            for (int c = 1; c < 10; c++) if (votes[c] > votes[label]) label = c;
            labels[t] = label;
        }
        return labels;
    }

    public static void main(String[] args) {
        var split = Mnist.split();
        var trainSet = Mnist.threshold(split.train().head(N_TRAIN), 0.5);
        var testSet = Mnist.threshold(split.test(), 0.5);
        DMatrixRMaj train = trainSet.features(), test = testSet.features();
        DMatrixRMaj shown = testSet.head(N_CLASSIFIED).features(), ref = trainSet.head(N_REF).features();
        int[] yRef = trainSet.head(N_REF).labels(), yTest = testSet.labels();
        long t0 = System.nanoTime();
        int[] original = knn(ref, yRef, shown);
        System.out.printf(Locale.ROOT, "5-NN of %d test originals among %d training images: %.2f s%n", N_CLASSIFIED, N_REF, (System.nanoTime() - t0) / 1e9);
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (long seed = 1; seed <= 5; seed++) {
            var vae = Vae.builder(784, LATENT).hiddenSizes(HIDDEN).hiddenActivation(Activation.RELU).bernoulliDecoder().build(Rng.seeded(seed));
            new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, seed)).fit(vae, train);
            int[] recon = knn(ref, yRef, vae.reconstruct(shown));
            int rightO = 0, rightR = 0, b = 0, c = 0, changed = 0;
            for (int n = 0; n < N_CLASSIFIED; n++) {
                boolean o = original[n] == yTest[n], r = recon[n] == yTest[n];
                if (o) rightO++;
                if (r) rightR++;
                if (o && !r) b++;
                if (r && !o) c++;
                if (o && recon[n] != original[n]) changed++;
            }
            double p = changed / (double) rightO;
            put(m, "accuracy, originals", rightO / (double) N_CLASSIFIED);
            put(m, "accuracy, reconstructions", rightR / (double) N_CLASSIFIED);
            put(m, "McNemar (b - c) / sqrt(b + c)", (b - c) / Math.sqrt(Math.max(1, b + c)));
            put(m, "relabelled among correctly labelled originals", p);
            put(m, "... in binomial standard errors", p / Math.sqrt(p * (1 - p) / rightO));
            System.err.println("seed " + seed + " done");
        }
        for (var e : m.entrySet()) {
            var v = e.getValue();
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), ss = 0;
            for (double x : v) ss += (x - mean) * (x - mean);
            StringBuilder vals = new StringBuilder();
            for (double x : v) vals.append(vals.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", x));
            System.out.printf(Locale.ROOT, "%-48s seeds 1-5: [%s]  mean %.4f sd %.4f min %.4f max %.4f%n", e.getKey(), vals, mean,
                Math.sqrt(ss / (v.size() - 1)), Collections.min(v), Collections.max(v));
        }
    }

    static void put(Map<String, List<Double>> m, String k, double v) { m.computeIfAbsent(k, x -> new ArrayList<>()).add(v); }
}
