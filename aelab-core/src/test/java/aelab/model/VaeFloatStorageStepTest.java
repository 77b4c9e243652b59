package aelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.linalg.ProductPrecision;
import aelab.nn.Activation;
import aelab.nn.NnTestSupport;
import aelab.optim.Adam;
import aelab.optim.Gradients;
import aelab.optim.Parameters;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link VaeFloatStorageStep} against two independent computations of the same loss and gradient, from the same
 * float parameters and the same ε: the VAE's double-storage step with float32 products (g32) and with float64 products
 * (g64, the reference). The float-storage gradient g differs from g32 only by the rounding to float of what it stores
 * between products (activations, their gradients, the loss terms; relative error ≤ u = 2⁻²⁴ each), perturbations of
 * the same size as the rounding of each product's float chain, which g32 − g64 measures and which the same downstream
 * computation propagates; the stages without a product (loss terms, reparameterization, KL terms, ReLU masks) add at
 * most γ_L = L·u/(1 − L·u) relative for the L roundings along the longest path. Hence, block by block in the
 * Frobenius norm, ‖g − g64‖ ≤ 2‖g32 − g64‖ + γ_L‖g64‖, and the same for the loss.
 */
class VaeFloatStorageStepTest {
    private static final double U = 0x1p-24;

    /** Roundings along the longest path, for hidden depth h: 2 per layer (output, gradient) plus the loss stages. */
    private static double gamma(int layers) {
        int l = 2 * layers + 6;
        return l * U / (1 - l * U);
    }

    private static void roundToFloat(Parameters p) {
        for (int b = 0; b < p.size(); b++) {
            double[] v = p.get(b).value().data;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) v[i];
            }
        }
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static double[] widen(FMatrixRMaj m) {
        double[] out = new double[m.getNumElements()];
        for (int i = 0; i < out.length; i++) {
            out[i] = m.data[i];
        }
        return out;
    }

    private static void check(Vae.Builder builder, DMatrixRMaj x, int layers) {
        Vae v32 = builder.productPrecision(ProductPrecision.FLOAT32).build(Rng.seeded(3));
        Vae v64 = builder.productPrecision(ProductPrecision.FLOAT64).build(Rng.seeded(3));
        roundToFloat(v32.parameters());
        v64.parameters().restore(v32.parameters().snapshot());
        TrainingStep step = v32.trainingStep(new Adam(1e-3), x.numRows);
        VaeFloatStorageStep fs = assertInstanceOf(VaeFloatStorageStep.class, step);
        fs.load();
        double loss = fs.lossAndGradients(x, java.util.stream.IntStream.range(0, x.numRows).toArray(), 0, x.numRows,
                Rng.seeded(9));
        double nll = v32.lastMetric(0);
        double kl = v32.lastMetric(1);
        Gradients g32 = Gradients.zerosLike(v32.parameters());
        double loss32 = v32.lossAndGradients(x, Rng.seeded(9), g32);
        Gradients g64 = Gradients.zerosLike(v64.parameters());
        double loss64 = v64.lossAndGradients(x, Rng.seeded(9), g64);
        double gamma = gamma(layers);
        assertTrue(Math.abs(loss - loss64) <= 2 * Math.abs(loss32 - loss64) + gamma * Math.abs(loss64),
                "loss " + loss + " vs " + loss64 + " (float32 products " + loss32 + ")");
        assertEquals(loss, nll + v32.beta() * kl, 1e-12 * Math.abs(loss), "loss = reconstruction + beta kl");
        for (int b = 0; b < v32.parameters().size(); b++) {
            double[] g = widen(fs.gradient(b));
            double[] ref = g64.get(b).data;
            double e32 = distance(g32.get(b).data, ref);
            double e = distance(g, ref);
            assertTrue(e <= 2 * e32 + gamma * norm(ref), v32.parameters().get(b).name() + ": |g - g64| = " + e
                    + ", |g32 - g64| = " + e32 + ", |g64| = " + norm(ref));
        }
    }

    private static DMatrixRMaj binary(int n, int d, RandomGenerator rng) {
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextDouble() < 0.3 ? 1.0 : 0.0;
        }
        return x;
    }

    @Test
    void bernoulliWithOneHiddenLayerMatchesTheDoubleStorageStep() {
        check(Vae.builder(784, 20).hiddenSizes(400).bernoulliDecoder(), binary(128, 784, Rng.seeded(5)), 2);
    }

    @Test
    void bernoulliWithTwoHiddenLayersAndGreyLevelsMatches() {
        check(Vae.builder(64, 2).hiddenSizes(48, 24).bernoulliDecoder().beta(0.5),
                NnTestSupport.uniform(37, 64, 0, 1, Rng.seeded(6)), 3);
    }

    @Test
    void gaussianWithoutHiddenLayersMatches() {
        check(Vae.builder(30, 3).hiddenSizes().gaussianDecoder(0.25), NnTestSupport.uniform(20, 30, -2, 2,
                Rng.seeded(7)), 1);
    }

    @Test
    void freeBitsAndTanhKeepTheDoubleStorageStep() {
        Adam adam = new Adam(1e-3);
        assertInstanceOf(DoubleStorageStep.class, Vae.builder(8, 2).hiddenSizes(4).freeBits(0.5)
                .productPrecision(ProductPrecision.FLOAT32).build(Rng.seeded(1)).trainingStep(adam, 4));
        assertInstanceOf(DoubleStorageStep.class, Vae.builder(8, 2).hiddenSizes(4).hiddenActivation(Activation.TANH)
                .productPrecision(ProductPrecision.FLOAT32).build(Rng.seeded(1)).trainingStep(adam, 4));
        assertInstanceOf(DoubleStorageStep.class, Vae.builder(8, 2).hiddenSizes(4).build(Rng.seeded(1))
                .trainingStep(adam, 4));
    }
}
