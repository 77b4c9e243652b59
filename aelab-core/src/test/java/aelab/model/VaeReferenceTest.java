package aelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.nn.Activation;
import aelab.nn.NnTestSupport;
import aelab.optim.Gradients;
import aelab.optim.ParameterBlock;
import aelab.testing.ReferenceFile;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * VAE loss, terms and gradients against PyTorch autograd (reference/vae_reference.txt from nn_reference.py), and the
 * VAE diagnostics against direct computations.
 */
class VaeReferenceTest {
    private static final Map<String, DMatrixRMaj> REF = ReferenceFile.read("vae_reference.txt");

    private static Vae withReferenceWeights(Vae.Builder builder) {
        Vae vae = builder.hiddenSizes(5).hiddenActivation(Activation.TANH).build(Rng.seeded(1));
        for (ParameterBlock b : vae.parameters()) {
            b.value().setTo(REF.get("param/" + b.name()));
        }
        return vae;
    }

    private static void assertMatchesTorch(String label, Vae vae) {
        Gradients g = Gradients.zerosLike(vae.parameters());
        double loss = vae.lossAndGradients(REF.get("x"), REF.get("eps"), g);
        assertEquals(REF.get(label + "/loss").get(0, 0), loss, 1e-12);
        assertEquals(REF.get(label + "/reconstruction").get(0, 0), vae.lastMetric(0), 1e-12);
        assertEquals(REF.get(label + "/kl").get(0, 0), vae.lastMetric(1), 1e-12);
        assertEquals(10, vae.parameters().size());
        for (int i = 0; i < g.size(); i++) {
            String name = vae.parameters().get(i).name();
            DMatrixRMaj expected = REF.get(label + "/grad/" + name);
            assertTrue(NnTestSupport.maxError(g.get(i), expected, 1e-6) < 1e-10, label + " " + name);
        }
    }

    @Test
    void bernoulliLossAndGradientsMatchTorch() {
        assertMatchesTorch("bernoulli", withReferenceWeights(Vae.builder(6, 2).bernoulliDecoder()));
    }

    @Test
    void gaussianBetaVaeLossAndGradientsMatchTorch() {
        assertMatchesTorch("gaussian", withReferenceWeights(Vae.builder(6, 2).gaussianDecoder(0.5).beta(2.0)));
    }

    @Test
    void elboIsReconstructionLogLikelihoodMinusKlAndKlPerDimensionSumsToKl() {
        Vae vae = withReferenceWeights(Vae.builder(6, 2).bernoulliDecoder());
        DMatrixRMaj x = REF.get("x");
        aelab.elbo.ElboEstimate e = vae.elbo(x, Rng.seeded(3));
        assertEquals(e.reconstruction() - e.kl(), e.value(), 1e-12);
        assertEquals(REF.get("bernoulli/kl").get(0, 0), e.kl(), 1e-12);
        double[] perDim = vae.klPerDimension(x);
        assertEquals(e.kl(), perDim[0] + perDim[1], 1e-12);
        // same rng state ⇒ same ε ⇒ same estimate; loss = −ELBO at β = 1
        Gradients g = Gradients.zerosLike(vae.parameters());
        double loss = vae.lossAndGradients(x, Rng.seeded(3), g);
        assertEquals(-e.value(), loss, 1e-12);
    }

    @Test
    void activeUnitsCountsDimensionsWhosePosteriorMeanVaries() {
        // no hidden layer: μ = x W_μ + b_μ, so Cov_x(μ_u) = Σ_ij W_iu W_ju Cov(x_i, x_j); with independent unit-variance
        // x and one zero column of W_μ, exactly one unit is inactive.
        Vae vae = Vae.builder(4, 3).hiddenSizes().gaussianDecoder(1).build(Rng.seeded(2));
        DMatrixRMaj w = vae.parameters().get("encoder.mu.weight").value();
        for (int r = 0; r < 4; r++) {
            w.set(r, 1, 0.0);
            w.set(r, 2, 0.01);
        }
        DMatrixRMaj x = NnTestSupport.gaussian(4000, 4, Rng.seeded(3));
        double[] activity = vae.activity(x);
        double expected0 = 0;
        for (int r = 0; r < 4; r++) {
            expected0 += w.get(r, 0) * w.get(r, 0);
        }
        // sample variance of a Gaussian: relative standard error sqrt(2/(n-1)); 5 standard errors
        assertEquals(expected0, activity[0], 5 * Math.sqrt(2.0 / 3999) * expected0);
        assertEquals(0.0, activity[1], 1e-20);
        assertEquals(4e-4, activity[2], 5 * Math.sqrt(2.0 / 3999) * 4e-4);
        assertEquals(1, vae.activeUnits(x));
        assertEquals(2, vae.activeUnits(x, 1e-4));
    }

    @Test
    void sampleDecodesPriorDrawsIntoProbabilities() {
        Vae vae = Vae.builder(6, 2).hiddenSizes(5).build(Rng.seeded(4));
        DMatrixRMaj s = vae.sample(50, Rng.seeded(5));
        assertEquals(50, s.numRows);
        assertEquals(6, s.numCols);
        for (double v : s.data) {
            assertTrue(v > 0 && v < 1);
        }
        // the same draws decoded directly
        DMatrixRMaj z = NnTestSupport.gaussian(50, 2, Rng.seeded(5));
        assertEquals(0.0, NnTestSupport.maxError(s, vae.decode(z), 1), 0.0);
    }
}
