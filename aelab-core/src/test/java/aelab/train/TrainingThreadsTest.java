package aelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.linalg.ProductPrecision;
import aelab.linalg.Threads;
import aelab.model.Vae;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Same seed, same bits, whatever the thread count: a VAE whose work is large enough to be split across threads
 * (batch 128, 256-512-8: 2·128·256·512 ≈ 33.6 MFLOP per product, 131,072 weights per large block for Adam, 32,768
 * decoder outputs for the loss) trained on 1, 2 and 4 threads ends with the same loss history and the same
 * parameters, bit for bit, with its products in either precision.
 */
class TrainingThreadsTest {
    @AfterEach
    void restore() {
        Threads.setCount(Runtime.getRuntime().availableProcessors());
    }

    private static List<DMatrixRMaj> train(int threads, DMatrixRMaj x, double[] losses, ProductPrecision precision) {
        Threads.setCount(threads);
        Vae vae = Vae.builder(256, 8).hiddenSizes(512).bernoulliDecoder().productPrecision(precision)
                .build(Rng.seeded(3));
        TrainingHistory h = new Trainer(TrainingConfig.adam(2, 128, 1e-3, 5)).fit(vae, x);
        for (int e = 1; e <= 2; e++) {
            losses[e - 1] = h.loss(e);
        }
        return vae.parameters().snapshot();
    }

    @Test
    void oneTwoAndFourThreadsTrainTheSameBits() {
        RandomGenerator rng = Rng.seeded(11);
        DMatrixRMaj x = new DMatrixRMaj(384, 256);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextDouble() < 0.2 ? 1.0 : 0.0;
        }
        for (ProductPrecision precision : ProductPrecision.values()) {
            assertSameBitsOnEveryThreadCount(x, precision);
        }
    }

    private static void assertSameBitsOnEveryThreadCount(DMatrixRMaj x, ProductPrecision precision) {
        double[] l1 = new double[2];
        List<DMatrixRMaj> p1 = train(1, x, l1, precision);
        for (int threads : new int[] {2, 4}) {
            double[] ln = new double[2];
            List<DMatrixRMaj> pn = train(threads, x, ln, precision);
            for (int e = 0; e < 2; e++) {
                assertEquals(Double.doubleToRawLongBits(l1[e]), Double.doubleToRawLongBits(ln[e]),
                        precision + " epoch " + (e + 1) + " loss on " + threads + " threads: " + ln[e] + " vs " + l1[e]);
            }
            assertEquals(p1.size(), pn.size());
            for (int b = 0; b < p1.size(); b++) {
                double[] u = p1.get(b).data;
                double[] v = pn.get(b).data;
                for (int i = 0; i < p1.get(b).getNumElements(); i++) {
                    assertTrue(Double.doubleToRawLongBits(u[i]) == Double.doubleToRawLongBits(v[i]),
                            "block " + b + " entry " + i + " on " + threads + " threads: " + v[i] + " vs " + u[i]);
                }
            }
        }
    }
}
