package aelab.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.nn.Activation;
import aelab.nn.Mlp;
import aelab.nn.NnTestSupport;
import aelab.optim.Adam;
import aelab.optim.Gradients;
import java.lang.management.ManagementFactory;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * After a warm-up, a training step (lossAndGradients + optimizer step) allocates nothing, also when a smaller
 * (partial) batch follows a full one. Measured with the JVM's per-thread allocation counter over 500 steps; the
 * bound of 8 bytes per step admits one-off JIT/runtime allocations but not one array per step (≥ 16 bytes).
 */
class TrainingStepAllocationTest {
    private static long allocatedBytes() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static double bytesPerStep(Autoencoder model, DMatrixRMaj full, DMatrixRMaj partial) {
        RandomGenerator rng = Rng.seeded(1);
        Gradients g = Gradients.zerosLike(model.parameters());
        Adam adam = new Adam(1e-3);
        for (int i = 0; i < 500; i++) {
            model.lossAndGradients(i % 2 == 0 ? full : partial, rng, g);
            adam.step(model.parameters(), g);
        }
        long before = allocatedBytes();
        int steps = 500;
        for (int i = 0; i < steps; i++) {
            model.lossAndGradients(i % 2 == 0 ? full : partial, rng, g);
            adam.step(model.parameters(), g);
        }
        return (allocatedBytes() - before) / (double) steps;
    }

    @Test
    void vaeStepAllocatesNothing() {
        Vae vae = Vae.builder(20, 3).hiddenSizes(16, 8).build(Rng.seeded(2));
        double bytes = bytesPerStep(vae, NnTestSupport.uniform(16, 20, 0, 1, Rng.seeded(3)),
                NnTestSupport.uniform(5, 20, 0, 1, Rng.seeded(4)));
        assertTrue(bytes < 8, bytes + " bytes per step");
    }

    @Test
    void denoisingAndLinearStepsAllocateNothing() {
        RandomGenerator rng = Rng.seeded(5);
        DenoisingAutoencoder masking = DenoisingAutoencoder.builder(20, 3).hiddenSizes(8)
                .codeActivation(Activation.SIGMOID).maskingNoise(0.2).build(rng);
        DMatrixRMaj full = NnTestSupport.gaussian(16, 20, rng);
        DMatrixRMaj partial = NnTestSupport.gaussian(5, 20, rng);
        double dae = bytesPerStep(masking, full, partial);
        assertTrue(dae < 8, dae + " bytes per step (denoising)");
        double linear = bytesPerStep(LinearAutoencoder.builder(20, 3).tiedWeights().build(rng), full, partial);
        assertTrue(linear < 8, linear + " bytes per step (linear tied)");
    }
}
