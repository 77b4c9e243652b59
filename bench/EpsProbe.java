import aelab.bench.BenchData;
import aelab.core.Rng;
import aelab.model.Vae;
import aelab.train.Trainer;
import aelab.train.TrainingConfig;
import aelab.train.TrainingHistory;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;

/**
 * Probe for the seed-spread comparison (bench/results/README.md, 2026-12-07): aelab's digits bench config (the
 * training of BenchCommand: 64-128-2, batch 64, Adam 1e-3, 20 epochs, seeds 1-5) with Adam's epsilon given as an
 * argument. aelab's gradient is that of the batch MEAN, PyTorch's of the SUM: for full batches, Adam on the mean with
 * epsilon/64 takes the same steps as Adam on the sum with epsilon. Run from the repository root after the build:
 * {@code nice -n 19 java -cp "aelab-bench/target/aelab-bench.jar:$(ls aelab-bench/target/lib/*.jar | tr '\n' :)"
 * bench/EpsProbe.java 1.5625e-10}.
 */
public class EpsProbe {
    public static void main(String[] a) throws Exception {
        DMatrixRMaj x = BenchData.readDigitsCsv(Path.of("aelab-core/src/main/resources/aelab/data/digits.csv.gz"));
        double eps = Double.parseDouble(a[0]);
        for (int seed = 1; seed <= 5; seed++) {
            Vae vae = Vae.builder(64, 2).hiddenSizes(128).bernoulliDecoder().build(Rng.seeded(seed));
            TrainingConfig c = new TrainingConfig(20, 64, TrainingConfig.OptimizerKind.ADAM, 1e-3, 0, 0.9, 0.999, eps, true, seed);
            TrainingHistory h = new Trainer(c).fit(vae, x);
            System.out.println(seed + " " + h.loss(20));
        }
    }
}
