// Seed-to-seed spread behind the tolerances of notebooks/14-masked-and-denoising-autoencoders-on-images.ipynb.
// Trains exactly the notebook's models for seeds 1..5 and prints each metric per seed with mean, sd, min, max.
//   java -Xmx1g -Djava.awt.headless=true -cp "$(./aelab classpath)" tools/spread/MaskedDenoisingSpread.java > tools/spread/masked-denoising.txt
// Keep the configuration below identical to the notebook's (data sizes, sizes, epochs, learning rates, mask and
// test-point seeds); only the training seed varies. Each metric is the quantity a check bounds (mean + 3 SE etc.).
import aelab.core.Rng;
import aelab.data.*;
import aelab.gaussian.Estimate;
import aelab.model.*;
import aelab.nn.*;
import aelab.train.*;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import java.util.*;

public class MaskedDenoisingSpread {
    static final int N_TRAIN = 2000, N_TEST = 1000, EPOCHS = 10, BATCH = 50, CODE = 128;
    static final double LR = 2e-3, TRAIN_RATIO = 0.5;
    static final double[] RATIOS = {0.1, 0.25, 0.5, 0.75, 0.9};
    static final double S = 0.1, SIGMA = 0.1;
    static final int CIRCLE_N = 2000, CIRCLE_H = 32, CIRCLE_EPOCHS = 30, CIRCLE_BATCH = 50;
    static final double CIRCLE_LR = 3e-3;

    /** DAE, plain AE, mean imputation, DAE - mean, DAE - plain (the notebook's maskedErrors). */
    static Estimate[] maskedErrors(DMatrixRMaj test, Autoencoder dae, Autoencoder plain, DMatrixRMaj mean, double ratio, long maskSeed) {
        DMatrixRMaj m = MaskingNoise.draw(test.numRows, 784, ratio, Rng.seeded(maskSeed));
        DMatrixRMaj xTilde = MaskingNoise.apply(test, m, null);
        double[] eDae = MaskingNoise.maskedSquaredError(test, dae.reconstruct(xTilde), m);
        double[] ePlain = MaskingNoise.maskedSquaredError(test, plain.reconstruct(xTilde), m);
        double[] eMean = MaskingNoise.maskedSquaredError(test, MaskingNoise.fill(xTilde, m, mean, null), m);
        double[] dMean = new double[eDae.length], dPlain = new double[eDae.length];
        for (int i = 0; i < eDae.length; i++) { dMean[i] = eDae[i] - eMean[i]; dPlain[i] = eDae[i] - ePlain[i]; }
        return new Estimate[] {Estimate.ofSamples(eDae), Estimate.ofSamples(ePlain), Estimate.ofSamples(eMean),
            Estimate.ofSamples(dMean), Estimate.ofSamples(dPlain)};
    }

    static double upper(Estimate e) { return e.mean() + 3 * e.standardError(); }
    static double lower(Estimate e) { return e.mean() - 3 * e.standardError(); }
    static double combinedSe(Estimate a, Estimate b) { return Math.hypot(a.standardError(), b.standardError()); }

    public static void main(String[] args) {
        var split = Mnist.split();
        DMatrixRMaj train = split.train().head(N_TRAIN).features(), test = split.test().head(N_TEST).features();
        DMatrixRMaj pixelMean = RowOps.columnSums(train, null);
        CommonOps_DDRM.divide(pixelMean, train.numRows);
        // the notebook's 1000 ring points (fixed: test noise, not training noise)
        var pointRng = Rng.seeded(5);
        DMatrixRMaj ring = new DMatrixRMaj(1000, 2);
        for (int i = 0; i < ring.numRows; ) {
            double x = -1.5 + 3 * pointRng.nextDouble(), y = -1.5 + 3 * pointRng.nextDouble(), r = Math.hypot(x, y);
            if (r >= 0.5 && r <= 1.5 && Math.abs(r - 1) >= 0.2) { ring.set(i, 0, x); ring.set(i, 1, y); i++; }
        }
        DMatrixRMaj tweedie = SyntheticData.noisyCircleScore(ring, Math.sqrt(S * S + SIGMA * SIGMA), null);
        CommonOps_DDRM.scale(SIGMA * SIGMA, tweedie);
        DMatrixRMaj smallSigma = SyntheticData.noisyCircleScore(ring, S, null);
        CommonOps_DDRM.scale(SIGMA * SIGMA, smallSigma);

        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (long seed = 1; seed <= 5; seed++) {
            long t0 = System.nanoTime();
            var dae = DenoisingAutoencoder.builder(784, CODE).codeActivation(Activation.RELU).outputActivation(Activation.SIGMOID)
                .maskingNoise(TRAIN_RATIO).build(Rng.seeded(seed));
            new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, seed)).fit(dae, train);
            var plain = DeepAutoencoder.builder(784, CODE).codeActivation(Activation.RELU).outputActivation(Activation.SIGMOID)
                .build(Rng.seeded(seed));
            new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, seed)).fit(plain, train);
            double mnistSeconds = (System.nanoTime() - t0) / 1e9;
            var half = maskedErrors(test, dae, plain, pixelMean, 0.5, 21);
            put(m, "p=0.5 DAE error", half[0].mean());
            put(m, "p=0.5 plain AE error", half[1].mean());
            put(m, "p=0.5 mean imputation error", half[2].mean());
            put(m, "p=0.5 (DAE - mean) + 3 SE", upper(half[3]));
            put(m, "p=0.5 (DAE - plain) + 3 SE", upper(half[4]));
            Estimate[][] sweep = new Estimate[RATIOS.length][];
            for (int k = 0; k < RATIOS.length; k++) {
                sweep[k] = maskedErrors(test, dae, plain, pixelMean, RATIOS[k], 30 + k);
                put(m, String.format(Locale.ROOT, "p=%.2f DAE error", RATIOS[k]), sweep[k][0].mean());
                put(m, String.format(Locale.ROOT, "p=%.2f plain AE error", RATIOS[k]), sweep[k][1].mean());
            }
            put(m, "mean imputation |e(0.1) - e(0.9)| / combined SE", Math.abs(sweep[0][2].mean() - sweep[4][2].mean()) / combinedSe(sweep[0][2], sweep[4][2]));
            Estimate low = sweep[1][4], high = sweep[3][4];
            put(m, "p=0.25 (DAE - plain) + 3 SE", upper(low));
            put(m, "p=0.75 (DAE - plain) + 3 SE", upper(high));
            put(m, "gap(0.75) - gap(0.25) + 3 SE", high.mean() - low.mean() + 3 * combinedSe(high, low));
            put(m, "p=0.9 (DAE - mean) + 3 SE", upper(sweep[4][3]));
            put(m, "p=0.9 (DAE - mean)", sweep[4][3].mean());
            put(m, "(|p=0.9 (DAE - mean)| + 3 SE) / |p=0.5 (DAE - mean)|", (Math.abs(sweep[4][3].mean()) + 3 * sweep[4][3].standardError()) / Math.abs(half[3].mean()));

            long t1 = System.nanoTime();
            DMatrixRMaj circleData = SyntheticData.noisyCircle(CIRCLE_N, S, Rng.seeded(seed)).data().features();
            var fieldDae = DenoisingAutoencoder.builder(2, CIRCLE_H).hiddenSizes(CIRCLE_H).hiddenActivation(Activation.TANH)
                .codeActivation(Activation.TANH).gaussianNoise(SIGMA).build(Rng.seeded(seed + 1));
            new Trainer(TrainingConfig.adam(CIRCLE_EPOCHS, CIRCLE_BATCH, CIRCLE_LR, seed + 2)).fit(fieldDae, circleData);
            double circleSeconds = (System.nanoTime() - t1) / 1e9;
            DMatrixRMaj field = fieldDae.reconstruct(ring);
            CommonOps_DDRM.subtractEquals(field, ring);
            double[] cos = new double[ring.numRows], dT = new double[ring.numRows], gap = new double[ring.numRows];
            for (int i = 0; i < ring.numRows; i++) {
                double x = ring.get(i, 0), y = ring.get(i, 1), r = Math.hypot(x, y);
                double fx = field.get(i, 0), fy = field.get(i, 1), px = x / r - x, py = y / r - y;
                cos[i] = (fx * px + fy * py) / (Math.hypot(fx, fy) * Math.hypot(px, py));
                double tNorm = Math.hypot(tweedie.get(i, 0), tweedie.get(i, 1));
                dT[i] = Math.hypot(fx - tweedie.get(i, 0), fy - tweedie.get(i, 1)) / tNorm;
                gap[i] = Math.hypot(fx - smallSigma.get(i, 0), fy - smallSigma.get(i, 1)) / tNorm - dT[i];
            }
            put(m, "mean cos(f, pi(x) - x) - 3 SE", lower(Estimate.ofSamples(cos)));
            put(m, "mean (d_A - d_T) - 3 SE", lower(Estimate.ofSamples(gap)));
            put(m, "mean d_T + 3 SE", upper(Estimate.ofSamples(dT)));
            put(m, "MNIST training seconds (2 models)", mnistSeconds);
            put(m, "circle training seconds", circleSeconds);
        }
        for (var e : m.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            double mean = Arrays.stream(v).average().orElse(0), sd = 0;
            for (double x : v) sd += (x - mean) * (x - mean);
            sd = Math.sqrt(sd / (v.length - 1));
            System.out.printf(Locale.ROOT, "%-50s seeds 1-5: %s  mean %.5f sd %.5f min %.5f max %.5f  mean-3sd %.5f mean+3sd %.5f%n", e.getKey(),
                Arrays.toString(Arrays.stream(v).map(x -> Math.round(x * 1e5) / 1e5).toArray()), mean, sd,
                Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0), mean - 3 * sd, mean + 3 * sd);
        }
    }

    static void put(Map<String, List<Double>> m, String k, double v) { m.computeIfAbsent(k, x -> new ArrayList<>()).add(v); }
}
