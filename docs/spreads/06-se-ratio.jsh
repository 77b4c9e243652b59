// Seed-to-seed spread of notebook 06's "first q: standard error analytic-KL / full Monte Carlo".
// Run: jshell --class-path "$(./aelab classpath)" docs/spreads/06-se-ratio.jsh   (results: docs/spreads/README.md)
import aelab.core.Rng;
import aelab.gaussian.*;
import aelab.loss.*;
import aelab.pca.*;
import aelab.elbo.*;
import org.ejml.data.DMatrixRMaj;
var rng = Rng.seeded(2);                                    // the model and x of notebook 06, cell 06-05
int D = 5, K = 2;
DMatrixRMaj W = new DMatrixRMaj(D, K);
for (int i = 0; i < W.data.length; i++) W.data[i] = rng.nextGaussian();
double[] mu = {1, 0, -1, 0.5, 2};
double noise = 0.4;
var model = ProbabilisticPca.of(mu, W, noise);
double[] x = model.sample(1, rng).data;
DecoderLogLikelihood decoder = z -> {
    double[] mean = mu.clone();
    for (int i = 0; i < D; i++) for (int j = 0; j < K; j++) mean[i] += W.get(i, j) * z[j];
    return Likelihoods.gaussianLogLikelihood(x, mean, noise);
};
var qDiag = DiagonalGaussian.of(new double[] {0.2, -0.4}, new double[] {-1.0, -0.5});
int seeds = 30;
double s = 0, ss = 0;
for (int seed = 1; seed <= seeds; seed++) {
    double r = Elbo.analyticKl(qDiag, decoder, 20_000, Rng.seeded(seed)).standardError()
            / Elbo.monteCarlo(qDiag, decoder, 20_000, Rng.seeded(seed)).standardError();
    s += r;
    ss += r * r;
    System.out.printf("seed %d ratio %.5f%n", seed, r);
}
double mean = s / seeds, sd = Math.sqrt((ss - seeds * mean * mean) / (seeds - 1));
System.out.printf("ratio over %d seeds: mean %.5f, sd %.5f%n", seeds, mean, sd);
/exit
