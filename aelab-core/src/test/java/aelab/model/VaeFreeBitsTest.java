package aelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.nn.Activation;
import aelab.nn.GradientCheck;
import aelab.nn.NnTestSupport;
import aelab.optim.Gradients;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The free-bits objective (Kingma et al. 2016): \(L_\lambda = \text{NLL} + \beta\sum_u\max(\lambda, \overline{KL}_u)\)
 * with \(\overline{KL}_u\) the batch-mean KL of latent dimension u.
 */
class VaeFreeBitsTest {
    private static final int D = 6;
    private static final int K = 5;
    private static final double BETA = 1.5;

    private static Vae vae(double lambda) {
        return Vae.builder(D, K).hiddenSizes(4).hiddenActivation(Activation.TANH).bernoulliDecoder().beta(BETA)
                .freeBits(lambda).build(Rng.seeded(21));
    }

    private static DMatrixRMaj batch() {
        return NnTestSupport.uniform(7, D, 0, 1, Rng.seeded(22));
    }

    private static DMatrixRMaj epsilon() {
        return Rng.standardNormal(new DMatrixRMaj(7, K), Rng.seeded(23));
    }

    /** A λ halfway between the 2nd and 3rd smallest batch-mean KLs: two dimensions clamped, three not. */
    private static double lambdaSplittingTheDimensions() {
        double[] kl = vae(0).klPerDimension(batch());
        Arrays.sort(kl);
        assertTrue(kl[2] - kl[1] > 1e-3, "the dimensions' KLs must be apart for the split: " + Arrays.toString(kl));
        return 0.5 * (kl[1] + kl[2]);
    }

    @Test
    void lossExceedsThePlainLossByTheClampedAmount() {
        double lambda = lambdaSplittingTheDimensions();
        double[] kl = vae(0).klPerDimension(batch());       // through encode/encodeLogVariance, not the training pass
        double expectedExtra = 0;
        for (double v : kl) {
            expectedExtra += BETA * Math.max(0, lambda - v);
        }
        Vae plainModel = vae(0);
        double plain = plainModel.lossAndGradients(batch(), epsilon(), Gradients.zerosLike(plainModel.parameters()));
        Vae freeBits = vae(lambda);
        double clamped = freeBits.lossAndGradients(batch(), epsilon(), Gradients.zerosLike(freeBits.parameters()));
        assertTrue(expectedExtra > 0.01, "the test must clamp something: " + expectedExtra);
        assertEquals(expectedExtra, clamped - plain, 1e-12);
        // the kl metric reports the unclamped KL
        assertEquals(Arrays.stream(kl).sum(), freeBits.lastMetric(1), 1e-12);
    }

    @Test
    void analyticGradientMatchesFiniteDifferencesWithClampedAndFreeDimensions() {
        double lambda = lambdaSplittingTheDimensions();
        Vae model = vae(lambda);
        Gradients analytic = Gradients.zerosLike(model.parameters());
        model.lossAndGradients(batch(), epsilon(), analytic);
        GradientCheck.Result result = GradientCheck.check(model.parameters(), analytic,
                () -> model.lossAndGradients(batch(), epsilon(), Gradients.zerosLike(model.parameters())), 1e-6, 1e-3);
        assertEquals(model.parameters().size(), result.blocksChecked());
        for (GradientCheck.BlockResult b : result.blocks()) {
            assertTrue(b.maxError() < 1e-6, b.toString());
        }
    }

    @Test
    void clampedDimensionsGetNoGradientFromTheKlTerm() {
        // with every dimension clamped (lambda above all KLs) the gradient is that of the reconstruction term alone,
        // i.e. of a model with the same weights whose KL weight is 0
        double lambda = 10 + Arrays.stream(vae(0).klPerDimension(batch())).max().getAsDouble();
        Vae clamped = vae(lambda);
        Vae noKl = vae(0);
        noKl.setBeta(0);
        Gradients a = Gradients.zerosLike(clamped.parameters());
        Gradients b = Gradients.zerosLike(noKl.parameters());
        double la = clamped.lossAndGradients(batch(), epsilon(), a);
        double lb = noKl.lossAndGradients(batch(), epsilon(), b);
        assertEquals(lb + BETA * K * lambda, la, 1e-12);
        for (int i = 0; i < a.size(); i++) {
            assertTrue(Arrays.equals(a.get(i).data, b.get(i).data), "block " + i);
        }
    }

    @Test
    void lambdaZeroIsThePlainVaeBitForBit() {
        Vae plain = Vae.builder(D, K).hiddenSizes(4).hiddenActivation(Activation.TANH).bernoulliDecoder().beta(BETA)
                .build(Rng.seeded(21));
        Gradients a = Gradients.zerosLike(plain.parameters());
        Vae zero = vae(0);
        Gradients b = Gradients.zerosLike(zero.parameters());
        assertEquals(plain.lossAndGradients(batch(), epsilon(), a), zero.lossAndGradients(batch(), epsilon(), b));
        for (int i = 0; i < a.size(); i++) {
            assertTrue(Arrays.equals(a.get(i).data, b.get(i).data), "block " + i);
        }
    }

    @Test
    void rejectsNegativeOrNonFiniteLambdaAndBeta() {
        var e = assertThrows(IllegalArgumentException.class, () -> Vae.builder(D, K).freeBits(-0.1));
        assertTrue(e.getMessage().startsWith("freeBits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vae.builder(D, K).freeBits(Double.POSITIVE_INFINITY));
        var e2 = assertThrows(IllegalArgumentException.class, () -> vae(0).setBeta(-1));
        assertTrue(e2.getMessage().startsWith("beta"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> vae(0).setBeta(Double.NaN));
    }
}
