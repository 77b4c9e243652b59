// Seed-to-seed spread behind notebooks/04-sparse-and-contractive-autoencoders.ipynb's "The overcomplete case": the
// notebook's KL-sparse autoencoder (64-100(sigmoid)-64, rho 0.05, beta 3) against the same network with beta = 0 (no
// penalty): same initialization seed, same training (Adam 0.01, 20 epochs, batch 64, same seed), so the penalty is the
// only difference. Seeds 1..5 (seed 1 = the notebook's: model 22, training 25; seed s adds 10 (s - 1)).
//   java -Xmx1g -Djava.awt.headless=true -cp "$(./aelab classpath)" tools/spread/SparseCopySpread.java > tools/spread/sparse-copy.txt
import aelab.core.Rng;
import aelab.data.*;
import aelab.model.*;
import aelab.nn.*;
import aelab.train.*;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import java.util.*;

public class SparseCopySpread {
    static final double RHO = 0.05, BETA = 3.0, LR = 0.01;
    static final int UNITS = 100, EPOCHS = 20, BATCH = 64;

    static void print(String name, List<Double> v) {
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        double sd = Math.sqrt(ss / (v.size() - 1));
        StringBuilder vals = new StringBuilder();
        for (double x : v) vals.append(vals.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", x));
        System.out.printf(Locale.ROOT, "%-52s seeds 1-%d: [%s]  mean %.4f sd %.4f min %.4f max %.4f  mean-3sd %.4f mean+3sd %.4f%n", name, v.size(), vals,
                mean, sd, Collections.min(v), Collections.max(v), mean - 3 * sd, mean + 3 * sd);
    }

    public static void main(String[] args) {
        DMatrixRMaj d = Digits.load().features();
        double totalVariance = CommonOps_DDRM.trace(aelab.pca.Pca.covariance(d));
        System.out.printf(Locale.ROOT, "total variance %.4f%n", totalVariance);
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (int s = 1; s <= 5; s++) {
            int o = 10 * (s - 1);
            double[] error = new double[2], lastStep = new double[2];
            double[] betas = {BETA, 0};
            for (int i = 0; i < 2; i++) {
                var ae = SparseAutoencoder.builder(64, UNITS).codeActivation(Activation.SIGMOID).klPenalty(RHO, betas[i]).build(Rng.seeded(22 + o));
                var h = new Trainer(TrainingConfig.adam(EPOCHS, BATCH, LR, 25 + o)).fit(ae, d);
                ae.loss(d, Rng.seeded(0));
                error[i] = ae.lastMetric(0);
                lastStep[i] = h.loss(EPOCHS) / h.loss(EPOCHS - 1);
            }
            m.computeIfAbsent("beta 0: reconstruction error / total variance", k -> new ArrayList<>()).add(error[1] / totalVariance);
            m.computeIfAbsent("beta 0: last epoch loss / previous epoch loss", k -> new ArrayList<>()).add(lastStep[1]);
            m.computeIfAbsent("beta 3: reconstruction error / total variance", k -> new ArrayList<>()).add(error[0] / totalVariance);
            m.computeIfAbsent("reconstruction error, beta 3 / beta 0", k -> new ArrayList<>()).add(error[0] / error[1]);
            System.err.println("seed " + s + " done");
        }
        for (var e : m.entrySet()) print(e.getKey(), e.getValue());
    }
}
