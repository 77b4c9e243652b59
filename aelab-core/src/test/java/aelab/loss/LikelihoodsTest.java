package aelab.loss;

import static aelab.testing.Rejects.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LikelihoodsTest {
    @Test
    void gaussianLogLikelihoodIsSumOfOneDimensionalLogDensities() {
        double[] x = {0.3, -1.2, 2.0, 0.7};
        double[] mean = {0.1, -1.0, 1.5, 1.0};
        double sigma2 = 0.49;
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double d = x[i] - mean[i];
            expected += Math.log(Math.exp(-d * d / (2 * sigma2)) / Math.sqrt(2 * Math.PI * sigma2));
        }
        assertEquals(expected, Likelihoods.gaussianLogLikelihood(x, mean, sigma2), 1e-12);
    }

    @Test
    void gaussianLinkToSseHasTheExactConstants() {
        double[] x = {0.3, -1.2, 2.0, 0.7};
        double[] mean = {0.1, -1.0, 1.5, 1.0};
        double sigma2 = 2.5;
        Likelihoods.GaussianSseLink link = Likelihoods.gaussianSseLink(4, sigma2);
        assertEquals(1 / 5.0, link.sseCoefficient(), 1e-16);
        assertEquals(-2 * Math.log(2 * Math.PI * 2.5), link.offset(), 1e-14);
        double sse = ReconstructionLoss.mse(x, mean, Reduction.SUM);
        assertEquals(Likelihoods.gaussianLogLikelihood(x, mean, sigma2), link.logLikelihood(sse), 1e-13);
        // and through the per-element mean: log p = −(D/(2σ²))·MSE + d
        double msePerElement = ReconstructionLoss.mse(x, mean, Reduction.MEAN_PER_ELEMENT);
        assertEquals(Likelihoods.gaussianLogLikelihood(x, mean, sigma2),
                -4 / (2 * sigma2) * msePerElement + link.offset(), 1e-13);
    }

    @Test
    void bernoulliLogLikelihoodIsLogOfProductOfProbabilities() {
        double[] x = {1, 0, 1, 1};
        double[] p = {0.9, 0.2, 0.8, 0.35};
        double product = 0.9 * (1 - 0.2) * 0.8 * 0.35;
        assertEquals(Math.log(product), Likelihoods.bernoulliLogLikelihood(x, p), 1e-14);
        assertEquals(-ReconstructionLoss.bce(x, p, Reduction.SUM), Likelihoods.bernoulliLogLikelihood(x, p), 0);
    }

    @Test
    void rejectsBadInput() {
        assertRejects("sigma2 must be > 0 and finite, got 0.0",
                () -> Likelihoods.gaussianLogLikelihood(new double[1], new double[1], 0));
        assertRejects("sigma2 must be > 0 and finite, got -1.0", () -> Likelihoods.gaussianSseLink(3, -1));
        assertRejects("x and mean must have the same length, got 2 and 1",
                () -> Likelihoods.gaussianLogLikelihood(new double[2], new double[1], 1));
        assertRejects("p must be in [0, 1], got 1.5 at index 0",
                () -> Likelihoods.bernoulliLogLikelihood(new double[] {1}, new double[] {1.5}));
        assertRejects("mean must be finite, got NaN at index 0",
                () -> Likelihoods.gaussianLogLikelihood(new double[1], new double[] {Double.NaN}, 1));
    }
}
