package aelab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aelab.core.Rng;
import aelab.data.Digits;
import aelab.model.Vae;
import aelab.train.Trainer;
import aelab.train.TrainingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The library in JVMs with and without the Vector API module: a JVM without {@code jdk.incubator.vector} (the
 * grader's sandbox, a student's own project) must run every product on the auto-vectorised kernel, and a JVM with it
 * (the notebook kernel) switches to the vector kernel when {@link VectorWarmUp} is done: the child computes its
 * products while the warm-up (started by the first of them) runs, waits for it, then trains on the compiled vector
 * kernel. Each child JVM prints the bits of products in both precisions and of the
 * losses of a short VAE training in both precisions; all must agree with each other and with this JVM's kernels.
 */
class GemmModuleTest {

    /** Child JVM entry point: prints its kernel and the probe's bits (and whether the warm-up finished). */
    public static void main(String[] args) throws InterruptedException {
        System.out.println(Gemm.kernelName() + " " + probe());
    }

    /** In a child with the module: waits up to 20 s for the warm-up; "" when it finished, else a message. */
    private static String awaitWarmUp() throws InterruptedException {
        if (!"vector".equals(Gemm.kernelName())) {
            return "";
        }
        for (int i = 0; i < 400 && !VectorWarmUp.ready(); i++) {
            Thread.sleep(50);
        }
        return VectorWarmUp.ready() ? "" : " (the warm-up did not finish in 20 s)";
    }

    /** Bits of products (both precisions, every form) and of a 3-epoch digits VAE's losses (both precisions). */
    static String probe() throws InterruptedException {
        RandomGenerator rng = Rng.seeded(5);
        DMatrixRMaj a = random(131, 300, rng);
        DMatrixRMaj b = random(300, 257, rng);
        DMatrixRMaj bt = random(257, 300, rng);
        DMatrixRMaj at = random(300, 131, rng);
        long h = 0;
        for (ProductPrecision p : ProductPrecision.values()) {
            h = hash(h, Gemm.mult(a, b, null, p));
            h = hash(h, Gemm.multTransA(at, b, null, p));
            h = hash(h, Gemm.multTransB(a, bt, null, p));
        }
        StringBuilder out = new StringBuilder(Long.toHexString(h)).append(awaitWarmUp());
        DMatrixRMaj x = Digits.load().subset(0, 600).features();
        for (ProductPrecision p : ProductPrecision.values()) {
            Vae vae = Vae.builder(64, 2).hiddenSizes(128).bernoulliDecoder().productPrecision(p)
                    .build(Rng.seeded(3));
            double[] losses = new Trainer(TrainingConfig.adam(3, 32, 1e-3, 4)).fit(vae, x).losses();
            for (double l : losses) {
                out.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(l)));
            }
        }
        return out.toString();
    }

    private static DMatrixRMaj random(int rows, int cols, RandomGenerator rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextDouble() * 2 - 1;
        }
        return m;
    }

    private static long hash(long h, DMatrixRMaj c) {
        for (double v : c.data) {
            h = h * 1_000_003L + Double.doubleToRawLongBits(v);
        }
        return h;
    }

    private static String child(boolean withModule) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m"));
        if (withModule) {
            cmd.add("--add-modules=jdk.incubator.vector");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GemmModuleTest.class.getName()));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out + err);
        return out.strip();
    }

    @Test
    void withoutTheModuleTheAutoVectorisedKernelGivesTheVectorKernelsBits() throws Exception {
        boolean previous = Gemm.selectVector(true);
        try {
            assertEquals("auto-vectorised " + probe(), child(false));
        } finally {
            Gemm.selectVector(previous);
        }
    }

    @Test
    void withTheModuleAndItsWarmUpTheBitsAreTheSame() throws Exception {
        boolean previous = Gemm.selectVector(false);
        String expected;
        try {
            expected = probe();
        } finally {
            Gemm.selectVector(previous);
        }
        assertEquals("vector " + expected, child(true));
    }
}
