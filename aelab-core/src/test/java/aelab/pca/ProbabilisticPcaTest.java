package aelab.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.gaussian.FullGaussian;
import aelab.gaussian.GaussianKl;
import aelab.pca.Pca.CovarianceNormalization;
import aelab.testing.MonteCarloMean;
import aelab.testing.ReferenceFile;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.junit.jupiter.api.Test;

class ProbabilisticPcaTest {
    static DMatrixRMaj randomMatrix(RandomGenerator rng, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextGaussian();
        }
        return m;
    }

    static double[] randomVector(RandomGenerator rng, int n) {
        return randomMatrix(rng, 1, n).data;
    }

    static ProbabilisticPca randomModel(RandomGenerator rng, int d, int k, double sigma2) {
        return ProbabilisticPca.of(randomVector(rng, d), randomMatrix(rng, d, k), sigma2);
    }

    /** Random SPD k×k matrix A Aᵀ + 0.1 I. */
    static DMatrixRMaj randomSpd(RandomGenerator rng, int k) {
        DMatrixRMaj a = randomMatrix(rng, k, k);
        DMatrixRMaj s = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransB(a, a, s);
        for (int i = 0; i < k; i++) {
            s.add(i, i, 0.1);
        }
        return s;
    }

    static double maxAbsDiff(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj d = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.subtract(a, b, d);
        return CommonOps_DDRM.elementMaxAbs(d);
    }

    /** log N(x | mu, C) via a Cholesky factor L of C: -½(d log 2π + 2 Σ log L_ii + ‖L⁻¹(x−μ)‖²). */
    static double logDensityViaCholesky(double[] x, double[] mu, DMatrixRMaj c) {
        int d = mu.length;
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        assertTrue(chol.decompose(c.copy()));
        DMatrixRMaj l = chol.getT(null);
        double[] y = new double[d];
        double logDet = 0;
        for (int i = 0; i < d; i++) { // forward substitution L y = x - mu
            double s = x[i] - mu[i];
            for (int j = 0; j < i; j++) {
                s -= l.get(i, j) * y[j];
            }
            y[i] = s / l.get(i, i);
            logDet += 2 * Math.log(l.get(i, i));
        }
        double q = 0;
        for (double v : y) {
            q += v * v;
        }
        return -0.5 * (d * Math.log(2 * Math.PI) + logDet + q);
    }

    static double[] row(DMatrixRMaj m, int r) {
        return CommonOps_DDRM.extractRow(m, r, null).data;
    }

    /** candidate · C = I within tol. */
    static boolean invertsCovariance(ProbabilisticPca model, DMatrixRMaj candidate, double tol) {
        DMatrixRMaj product = new DMatrixRMaj(model.dimension(), model.dimension());
        CommonOps_DDRM.mult(candidate, model.covariance(), product);
        return MatrixFeatures_DDRM.isIdentity(product, tol);
    }

    @Test
    void precisionTimesCovarianceIsIdentityAndMatchesDirectInverse() {
        RandomGenerator rng = Rng.seeded(1);
        for (double sigma2 : new double[] {0.05, 1.0, 3.7}) {
            ProbabilisticPca model = randomModel(rng, 6, 2, sigma2);
            assertTrue(invertsCovariance(model, model.precision(), 1e-10));
            DMatrixRMaj direct = model.covariance();
            assertTrue(CommonOps_DDRM.invert(direct));
            assertTrue(maxAbsDiff(direct, model.precision()) < 1e-10 * CommonOps_DDRM.elementMaxAbs(direct));
            assertEquals(Math.log(CommonOps_DDRM.det(model.covariance())), model.logDeterminantCovariance(), 1e-10);
        }
    }

    /** The course seed's precision σ⁻¹I − σ⁻²WM⁻¹Wᵀ (wrong unless σ = 1). */
    static DMatrixRMaj seedPrecision(ProbabilisticPca model) {
        DMatrixRMaj w = model.weights();
        DMatrixRMaj mInv = model.matrixM();
        CommonOps_DDRM.invert(mInv);
        DMatrixRMaj wm = new DMatrixRMaj(w.numRows, w.numCols);
        CommonOps_DDRM.mult(w, mInv, wm);
        DMatrixRMaj p = new DMatrixRMaj(w.numRows, w.numRows);
        CommonOps_DDRM.multTransB(-1 / model.sigma2(), wm, w, p);
        for (int i = 0; i < p.numRows; i++) {
            p.add(i, i, 1 / Math.sqrt(model.sigma2()));
        }
        return p;
    }

    @Test
    void seedPrecisionFormulaIsWrongUnlessSigmaIsOne() {
        RandomGenerator rng = Rng.seeded(2);
        for (double sigma2 : new double[] {0.25, 1.0, 4.0}) {
            ProbabilisticPca model = randomModel(rng, 5, 2, sigma2);
            assertEquals(sigma2 == 1.0, invertsCovariance(model, seedPrecision(model), 1e-8), "sigma2=" + sigma2);
        }
    }

    @Test
    void seedPosteriorCovarianceIsWrongUnlessSigmaIsOne() {
        // reference posterior covariance by joint-Gaussian conditioning: Cov(z|x) = I − Wᵀ C⁻¹ W
        RandomGenerator rng = Rng.seeded(3);
        for (double sigma2 : new double[] {0.3, 1.0, 2.5}) {
            ProbabilisticPca model = randomModel(rng, 5, 3, sigma2);
            DMatrixRMaj bayes = conditionalCovariance(model);
            assertTrue(maxAbsDiff(bayes, model.posteriorCovariance()) < 1e-10);
            DMatrixRMaj seed = model.matrixM();
            CommonOps_DDRM.invert(seed);
            CommonOps_DDRM.scale(1 / sigma2, seed); // the seed's σ⁻²M⁻¹
            assertEquals(sigma2 == 1.0, maxAbsDiff(bayes, seed) < 1e-8, "sigma2=" + sigma2);
        }
    }

    /** I − Wᵀ C⁻¹ W with C inverted directly (no M). */
    static DMatrixRMaj conditionalCovariance(ProbabilisticPca model) {
        DMatrixRMaj w = model.weights();
        DMatrixRMaj cInv = model.covariance();
        CommonOps_DDRM.invert(cInv);
        DMatrixRMaj tmp = new DMatrixRMaj(w.numCols, w.numRows);
        CommonOps_DDRM.multTransA(w, cInv, tmp);
        DMatrixRMaj out = CommonOps_DDRM.identity(w.numCols);
        CommonOps_DDRM.multAdd(-1, tmp, w, out);
        return out;
    }

    @Test
    void posteriorMeanMatchesJointGaussianConditioning() {
        // joint (z, x) is Gaussian with Cov(z, x) = Wᵀ, Cov(x) = C ⇒ E[z|x] = Wᵀ C⁻¹ (x − μ)
        RandomGenerator rng = Rng.seeded(4);
        ProbabilisticPca model = randomModel(rng, 7, 3, 0.6);
        DMatrixRMaj cInv = model.covariance();
        CommonOps_DDRM.invert(cInv);
        DMatrixRMaj gain = new DMatrixRMaj(3, 7);
        CommonOps_DDRM.multTransA(model.weights(), cInv, gain);
        for (int t = 0; t < 5; t++) {
            double[] x = randomVector(rng, 7);
            double[] mu = model.mean();
            DMatrixRMaj r = new DMatrixRMaj(7, 1);
            for (int i = 0; i < 7; i++) {
                r.data[i] = x[i] - mu[i];
            }
            DMatrixRMaj expected = new DMatrixRMaj(3, 1);
            CommonOps_DDRM.mult(gain, r, expected);
            assertArrayEquals(expected.data, model.posteriorMean(x), 1e-10);
        }
    }

    @Test
    void logDensityMatchesCholeskyComputation() {
        RandomGenerator rng = Rng.seeded(5);
        ProbabilisticPca model = randomModel(rng, 6, 2, 0.4);
        DMatrixRMaj data = model.sample(20, rng);
        double sum = 0;
        for (int n = 0; n < 20; n++) {
            double expected = logDensityViaCholesky(row(data, n), model.mean(), model.covariance());
            assertEquals(expected, model.logDensity(row(data, n)), 1e-10);
            sum += expected;
        }
        assertEquals(sum, model.logLikelihood(data), 1e-9);
    }

    @Test
    void fitMatchesNumpyAndScikitLearn() {
        ReferenceFile ref = new ReferenceFile("ppca_reference.txt");
        DMatrixRMaj data = ref.matrix("data");
        int k = (int) ref.scalar("k");
        ProbabilisticPca ml = ProbabilisticPca.fit(data, k);
        assertEquals(ref.scalar("sigma2_ml"), ml.sigma2(), 1e-12);
        assertTrue(maxAbsDiff(ref.matrix("model_covariance_ml"), ml.covariance()) < 1e-11);
        double[] expectedMl = ref.vector("loglik_ml");
        ProbabilisticPca unbiased = ProbabilisticPca.fit(data, k, CovarianceNormalization.UNBIASED);
        assertEquals(ref.scalar("sigma2_sklearn"), unbiased.sigma2(), 1e-12);
        double[] expectedSklearn = ref.vector("loglik_sklearn");
        for (int n = 0; n < data.numRows; n++) {
            assertEquals(expectedMl[n], ml.logDensity(row(data, n)), 1e-10);
            assertEquals(expectedSklearn[n], unbiased.logDensity(row(data, n)), 1e-10);
        }
    }

    @Test
    void maximumLikelihoodBeatsPerturbedParameters() {
        RandomGenerator rng = Rng.seeded(6);
        ProbabilisticPca truth = randomModel(rng, 5, 2, 0.5);
        DMatrixRMaj data = truth.sample(200, rng);
        ProbabilisticPca fit = ProbabilisticPca.fit(data, 2);
        double best = fit.logLikelihood(data);
        assertTrue(best > truth.logLikelihood(data));
        for (int t = 0; t < 20; t++) {
            double eps = 0.05;
            double[] mu = fit.mean();
            for (int i = 0; i < mu.length; i++) {
                mu[i] += eps * rng.nextGaussian();
            }
            DMatrixRMaj w = fit.weights();
            for (int i = 0; i < w.data.length; i++) {
                w.data[i] += eps * rng.nextGaussian();
            }
            double s2 = fit.sigma2() * Math.exp(eps * rng.nextGaussian());
            assertTrue(ProbabilisticPca.of(mu, w, s2).logLikelihood(data) < best);
        }
        // the likelihood depends on W only through W Wᵀ: a rotation W R gives the same value
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        DMatrixRMaj rotated = new DMatrixRMaj(5, 2);
        CommonOps_DDRM.mult(fit.weights(), new DMatrixRMaj(new double[][] {{c, -s}, {s, c}}), rotated);
        assertEquals(best, ProbabilisticPca.of(fit.mean(), rotated, fit.sigma2()).logLikelihood(data), 1e-9);
    }

    @Test
    void elboEqualsLogDensityAtThePosteriorAndIsBelowOtherwise() {
        RandomGenerator rng = Rng.seeded(8);
        ProbabilisticPca model = randomModel(rng, 5, 2, 0.7);
        double[] x = randomVector(rng, 5);
        double logp = model.logDensity(x);
        assertEquals(logp, model.elbo(x, model.posteriorMean(x), model.posteriorCovariance()), 1e-10);
        for (int t = 0; t < 5; t++) {
            double[] m = randomVector(rng, 2);
            assertTrue(model.elbo(x, m, randomSpd(rng, 2)) < logp);
        }
    }

    @Test
    void logDensityEqualsElboPlusKlToThePosteriorForEveryGaussianQ() {
        RandomGenerator rng = Rng.seeded(14);
        for (int k : new int[] {1, 2, 3}) {
            ProbabilisticPca model = randomModel(rng, 5, k, 0.2 + rng.nextDouble());
            for (int point = 0; point < 3; point++) {
                double[] x = model.sample(1, rng).data;
                FullGaussian posterior = model.posterior(x);
                double logp = model.logDensity(x);
                for (int t = 0; t < 6; t++) {
                    FullGaussian q = FullGaussian.of(randomVector(rng, k), randomSpd(rng, k));
                    double elbo = model.elbo(x, q);
                    double kl = GaussianKl.full(q, posterior);
                    assertTrue(kl > 0);
                    assertEquals(logp, elbo + kl, 1e-10 * (1 + Math.abs(logp) + kl));
                }
                assertEquals(0, GaussianKl.full(posterior, posterior), 1e-12);
                assertEquals(logp, model.elbo(x, posterior), 1e-10);
            }
        }
    }

    @Test
    void posteriorSatisfiesBayesRuleAtEveryZ() {
        // log p(x) = log p(x|z) + log p(z) − log p(z|x) for every z, with every density evaluated by FullGaussian
        RandomGenerator rng = Rng.seeded(15);
        ProbabilisticPca model = randomModel(rng, 4, 2, 0.5);
        double[] x = randomVector(rng, 4);
        DMatrixRMaj noise = CommonOps_DDRM.identity(4);
        CommonOps_DDRM.scale(model.sigma2(), noise);
        for (int t = 0; t < 5; t++) {
            double[] z = randomVector(rng, 2);
            double[] xMean = model.mean();
            DMatrixRMaj w = model.weights();
            for (int i = 0; i < 4; i++) {
                xMean[i] += w.get(i, 0) * z[0] + w.get(i, 1) * z[1];
            }
            double bayes = FullGaussian.of(xMean, noise).logDensity(x) + FullGaussian.standard(2).logDensity(z)
                    - model.posterior(x).logDensity(z);
            assertEquals(model.logDensity(x), bayes, 1e-10);
        }
    }

    @Test
    void elboMatchesMonteCarlo() {
        // E_q[log p(x|z) + log p(z) − log q(z)] by sampling z ~ q; tolerance 5 standard errors
        RandomGenerator rng = Rng.seeded(10);
        ProbabilisticPca model = randomModel(rng, 4, 2, 0.8);
        double[] x = randomVector(rng, 4);
        double[] m = randomVector(rng, 2);
        DMatrixRMaj s = randomSpd(rng, 2);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(2, true);
        assertTrue(chol.decompose(s.copy()));
        DMatrixRMaj l = chol.getT(null);
        DMatrixRMaj w = model.weights();
        double[] mu = model.mean();
        DMatrixRMaj identity2 = CommonOps_DDRM.identity(2);
        DMatrixRMaj noise = CommonOps_DDRM.identity(4);
        CommonOps_DDRM.scale(model.sigma2(), noise);
        MonteCarloMean estimate = MonteCarloMean.of(20000, () -> {
            double e0 = rng.nextGaussian();
            double e1 = rng.nextGaussian();
            double[] z = {m[0] + l.get(0, 0) * e0, m[1] + l.get(1, 0) * e0 + l.get(1, 1) * e1};
            double[] xMean = mu.clone();
            for (int i = 0; i < 4; i++) {
                xMean[i] += w.get(i, 0) * z[0] + w.get(i, 1) * z[1];
            }
            return logDensityViaCholesky(x, xMean, noise) + logDensityViaCholesky(z, new double[2], identity2)
                    - logDensityViaCholesky(z, m, s);
        });
        estimate.assertAgrees(model.elbo(x, m, s), "ELBO");
    }

    @Test
    void sampleCovarianceApproachesModelCovariance() {
        RandomGenerator rng = Rng.seeded(12);
        ProbabilisticPca model = randomModel(rng, 3, 1, 0.5);
        int n = 20000;
        DMatrixRMaj x = model.sample(n, rng);
        double[] mu = model.mean();
        DMatrixRMaj c = model.covariance();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b <= a; b++) {
                int row = a;
                int col = b;
                int[] i = {0};
                MonteCarloMean.of(n, () -> {
                    double v = (x.get(i[0], row) - mu[row]) * (x.get(i[0], col) - mu[col]);
                    i[0]++;
                    return v;
                }).assertAgrees(c.get(a, b), "C(" + a + "," + b + ")");
            }
        }
    }

    @Test
    void sampleIsDeterministicForASeed() {
        ProbabilisticPca model = randomModel(Rng.seeded(13), 4, 2, 0.3);
        assertTrue(MatrixFeatures_DDRM.isIdentical(model.sample(10, Rng.seeded(99)), model.sample(10, Rng.seeded(99)),
                0));
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj w = new DMatrixRMaj(3, 2);
        double[] mu = new double[3];
        assertEquals("sigma2 must be > 0 and finite, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> ProbabilisticPca.of(mu, w, 0)).getMessage());
        assertEquals("sigma2 must be > 0 and finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> ProbabilisticPca.of(mu, w, Double.NaN)).getMessage());
        assertEquals("W must have 4 rows, got 3x2", assertThrows(IllegalArgumentException.class,
                () -> ProbabilisticPca.of(new double[4], w, 1)).getMessage());
        assertEquals("W columns (latent dimension k) must be in [1, 3], got 4", assertThrows(
                IllegalArgumentException.class, () -> ProbabilisticPca.of(mu, new DMatrixRMaj(3, 4), 1)).getMessage());
        DMatrixRMaj infinite = w.copy();
        infinite.set(1, 0, Double.POSITIVE_INFINITY);
        assertEquals("W must be finite, got Infinity at (1,0)",
                assertThrows(IllegalArgumentException.class, () -> ProbabilisticPca.of(mu, infinite, 1)).getMessage());
        assertEquals("mean must be finite, got NaN at index 2", assertThrows(IllegalArgumentException.class,
                () -> ProbabilisticPca.of(new double[] {0, 0, Double.NaN}, w, 1)).getMessage());

        DMatrixRMaj data = PcaTest.randomData(Rng.seeded(1), 10, 3);
        assertEquals("k must be in [1, 2], got 3",
                assertThrows(IllegalArgumentException.class, () -> ProbabilisticPca.fit(data, 3)).getMessage());
        DMatrixRMaj onALine = new DMatrixRMaj(new double[][] {{1, 2}, {2, 3}, {3, 4}, {4, 5}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbabilisticPca.fit(onALine, 1)).getMessage()
                .startsWith("sigma2 (mean of the 1 discarded eigenvalues) must be above the rounding error"));

        ProbabilisticPca model = ProbabilisticPca.of(mu, CommonOps_DDRM.identity(3, 2), 1);
        assertEquals("x must have length 3, got length 2",
                assertThrows(IllegalArgumentException.class, () -> model.logDensity(new double[2])).getMessage());
        assertEquals("qMean must have length 2, got length 3", assertThrows(IllegalArgumentException.class,
                () -> model.elbo(mu, new double[3], CommonOps_DDRM.identity(2))).getMessage());
        assertEquals("qCov must be 2x2, got 3x3", assertThrows(IllegalArgumentException.class,
                () -> model.elbo(mu, new double[2], CommonOps_DDRM.identity(3))).getMessage());
        assertEquals("qCov must be symmetric positive definite, Cholesky failed for 2x2 matrix",
                assertThrows(IllegalArgumentException.class, () -> model.elbo(mu, new double[2],
                        new DMatrixRMaj(new double[][] {{1, 2}, {2, 1}}))).getMessage());
        assertEquals("qCov must be symmetric, got qCov(0,1)=1.0 but qCov(1,0)=0.0",
                assertThrows(IllegalArgumentException.class, () -> model.elbo(mu, new double[2],
                        new DMatrixRMaj(new double[][] {{2, 1}, {0, 2}}))).getMessage());
        assertEquals("data must have 3 columns, got 2x2",
                assertThrows(IllegalArgumentException.class, () -> model.logLikelihood(new DMatrixRMaj(2, 2)))
                        .getMessage());
        assertEquals("n must be > 0, got 0",
                assertThrows(IllegalArgumentException.class, () -> model.sample(0, Rng.seeded(1))).getMessage());
    }
}
