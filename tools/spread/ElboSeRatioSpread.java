// Seed-to-seed spread behind notebooks/06-the-elbo.ipynb's check of the standard-error ratio analytic-KL / full Monte
// Carlo (20 000 samples each) for the first q, and the exact ratio it is compared with.
// The model, x and q are the notebook's (Rng.seeded(2), cell "The identity, exactly, in probabilistic PCA"). In this
// model log p(x|z) is quadratic in z, so with z = m + s * eps each estimator's per-sample term is
// a + b^T eps + eps^T C eps, whose variance is |b|^2 + 2 tr(C^2) (eps ~ N(0, I)): the exact ratio of the standard
// deviations. The notebook draws with seed 3; here seeds 1..30 give the spread of the estimated ratio around it.
//   java -Xmx1g -Djava.awt.headless=true -cp "$(./aelab classpath)" tools/spread/ElboSeRatioSpread.java > tools/spread/elbo-se-ratio.txt
import aelab.core.Rng;
import aelab.elbo.*;
import aelab.gaussian.*;
import aelab.loss.*;
import aelab.pca.*;
import org.ejml.data.DMatrixRMaj;
import java.util.*;

public class ElboSeRatioSpread {
    public static void main(String[] args) {
        var rng = Rng.seeded(2);
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
        double[] qm = {0.2, -0.4}, qlv = {-1.0, -0.5};
        var qDiag = DiagonalGaussian.of(qm, qlv);
        double exact = exactRatio(W, mu, noise, x, qm, qlv);
        System.out.printf(Locale.ROOT, "exact sd ratio analytic-KL / full Monte Carlo (closed form): %.5f%n", exact);
        int seeds = 30;
        double s = 0, ss = 0, maxDev = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            double r = Elbo.analyticKl(qDiag, decoder, 20_000, Rng.seeded(seed)).standardError()
                    / Elbo.monteCarlo(qDiag, decoder, 20_000, Rng.seeded(seed)).standardError();
            s += r;
            ss += r * r;
            maxDev = Math.max(maxDev, Math.abs(r - exact));
            System.out.printf(Locale.ROOT, "seed %2d estimated ratio %.5f%n", seed, r);
        }
        double mean = s / seeds, sd = Math.sqrt((ss - seeds * mean * mean) / (seeds - 1));
        System.out.printf(Locale.ROOT, "estimated ratio over %d seeds: mean %.5f, sd %.5f, largest |estimate - exact| %.5f%n", seeds, mean, sd, maxDev);
        System.out.printf(Locale.ROOT, "tolerance |estimate - exact| (max of the largest deviation and 3 sd, at least as large as every seed's): %.5f%n",
                Math.max(maxDev, 3 * sd));
    }

    /** sqrt(Var A / Var B) of the two per-sample terms, from |b|^2 + 2 tr(C^2). */
    static double exactRatio(DMatrixRMaj W, double[] mu, double noise, double[] x, double[] m, double[] logVar) {
        int D = W.numRows, K = W.numCols;
        double[] s = new double[K], r = new double[D];
        for (int k = 0; k < K; k++) s[k] = Math.exp(0.5 * logVar[k]);
        for (int i = 0; i < D; i++) { r[i] = x[i] - mu[i]; for (int k = 0; k < K; k++) r[i] -= W.get(i, k) * m[k]; }
        // log p(x|z) = const - |r - W S eps|^2 / (2 noise): b_A = S W^T r / noise, C_A = -S W^T W S / (2 noise)
        double[] bA = new double[K], bB = new double[K];
        double[][] cA = new double[K][K], cB = new double[K][K];
        for (int k = 0; k < K; k++) {
            for (int i = 0; i < D; i++) bA[k] += s[k] * W.get(i, k) * r[i] / noise;
            for (int l = 0; l < K; l++) {
                double wtw = 0;
                for (int i = 0; i < D; i++) wtw += W.get(i, k) * W.get(i, l);
                cA[k][l] = -s[k] * wtw * s[l] / (2 * noise);
            }
        }
        // full MC adds log p(z) - log q(z) = -|m + S eps|^2 / 2 + |eps|^2 / 2 + const: b_B = b_A - S m, C_B = C_A - (S^2 - I) / 2
        for (int k = 0; k < K; k++) {
            bB[k] = bA[k] - s[k] * m[k];
            for (int l = 0; l < K; l++) cB[k][l] = cA[k][l] - (k == l ? (s[k] * s[k] - 1) / 2 : 0);
        }
        return Math.sqrt(variance(bA, cA) / variance(bB, cB));
    }

    static double variance(double[] b, double[][] c) {
        double v = 0;
        for (int k = 0; k < b.length; k++) { v += b[k] * b[k]; for (int l = 0; l < b.length; l++) v += 2 * c[k][l] * c[l][k]; }
        return v;
    }
}
