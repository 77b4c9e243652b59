"""Writes solutions/05-vae-on-mnist.ipynb (run from the repository root with /usr/bin/python3).

Literal expected values are computed here in extended precision (numpy longdouble), independently of the Java
solution. Probes on the trained MNIST model have no literal: the grader takes the value the instructor's notebook
gives; their absolute tolerances (TOL) are the floating-point error bounds derived for their inputs by
aelab-grader/src/test/resources/sheet05-tolerances.jsh, the largest over the training seeds 5 (the sheet's), 6 and 7,
rounded up to one significant digit (seed 5 / 6 / 7: sampler 2.19 / 2.24 / 2.07e-11, KL 1.24 / 1.04 / 1.08e-13, step
mean head 9.8 / 3.8 / 8.2e-14, step log-variance head 1.31 / 1.17 / 1.33e-14, IWAE K = 1 3.52 / 3.60 / 3.54e-11,
K = 64 3.87 / 4.03 / 3.66e-11; the solution equals the library within them at every seed) (MnistSheetGradingIT
checks bound <= tol <= 10 * bound and that the solution equals the course library within the bound). The literal
probes' tol: 8u(|mu| + |sigma eps|) = 4.4e-15 (sampler), 4u sum of |terms| (KL, gradient) and (K + 6)u(1 + |L|)
(IWAE: 5e-15 at |L| = 0.7, 9e-13 at |L| = 1000), rounded up to a power of ten.
"""
import json
import sys

import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else "solutions/05-vae-on-mnist.ipynb"
TOL = {"sampler": 3e-11, "kl": 2e-13, "step_mu": 1e-13, "step_logvar": 2e-14, "iwae1": 4e-11, "iwae64": 5e-11}


def L(x):
    return np.longdouble(x)


def lit(x):
    return repr(float(x))


cells = []
def md(src): cells.append({"cell_type": "markdown", "metadata": {}, "source": src})
def nbg(gid, grade=False, locked=False, solution=False, points=None):
    m = {"grade": grade, "grade_id": gid, "locked": locked, "schema_version": 3, "solution": solution, "task": False}
    if points is not None: m["points"] = points
    return m
def code(src, meta): cells.append({"cell_type": "code", "execution_count": None, "metadata": meta, "outputs": [], "source": src})
def setup(gid, src): code(src, {"nbgrader": nbg(gid, locked=True)})
def sol(gid, src): code(src, {"nbgrader": nbg(gid, solution=True)})
def md_only(src): cells.append({"cell_type": "markdown", "metadata": {"aelab": {"solution_only": True}}, "source": src})
def only(src): code(src, {"aelab": {"solution_only": True}})
FORBIDDEN = ["aelab.gaussian", "GaussianKl", "MonteCarloKl", "DiagonalGaussian", "aelab.elbo", "Elbo.",
             "GradientEstimators", "aelab.loss", "Likelihoods."]
def grade(gid, points, name, probes, src):
    assert abs(sum(p["points"] for p in probes) - points) < 1e-12, gid
    code(src, {"aelab": {"forbidden": FORBIDDEN, "name": name, "probes": probes},
               "nbgrader": nbg(gid, grade=True, locked=True, points=points)})
def quiz(n, text, key, hint):
    md(text)
    sol("quiz%d-answer" % n, "char quiz%d() {\n    // BEGIN SOLUTION\n    return '%s';\n    // END SOLUTION\n}" % (n, key))
    code('SelfCheck.report(SelfCheck.oneOf("quiz%d", () -> quiz%d(), "ABCD", "answer with one capital letter"))' % (n, n),
         {"aelab": {"name": "Quiz %d" % n, "probes": [{"expected": key, "expr": "quiz%d()" % n, "hint": hint,
          "name": "answer", "points": 1, "type": "char"}]},
          "nbgrader": nbg("quiz%d-check" % n, grade=True, locked=True, points=1)})

md(r"""# Sheet 5: a VAE on real handwritten digits (MNIST)

Fill in the cells marked `// YOUR CODE HERE` (replace the `throw` line with your code) and run the check cell below
each exercise: it prints `PASS` or `FAIL` with a hint. The autograder re-checks your functions with its own hidden
inputs — small hand-made ones and the trained model below — so make them correct in general, not only for the
visible checks. Do not rename the functions or change their parameter types, do not edit the locked cells, and do
not redefine the functions or variables of the locked cells (the autograder's checks use them).

The second locked cell trains a small variational autoencoder on 2,000 real MNIST digits (28×28 grey levels in $[0, 1]$,
bundled with the course library) in a few seconds. Its encoder outputs
$q_\phi(z\mid x) = \mathcal{N}(\mu, \operatorname{diag}(\sigma^2))$ as the vectors $\mu$ and $\log\sigma^2$
(`logVar`) in $M = 8$ dimensions; the prior is $p(z) = \mathcal{N}(0, I)$; the decoder gives each pixel a Bernoulli
probability. Your functions work on these vectors; the checks run them on the encoder's outputs for real test digits.
Do **not** call the course library's own implementations (`aelab.gaussian`, `aelab.elbo`, `aelab.loss`): a part
that does earns no points.""")

setup("setup", r"""import aelab.check.SelfCheck;
import aelab.core.Rng;
import aelab.data.ByteImages;
import aelab.data.Mnist;
import aelab.model.Vae;
import aelab.optim.Gradients;
import aelab.train.Trainer;
import aelab.train.TrainingConfig;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/** The rows of a matrix as arrays. */
double[][] rowsOf(DMatrixRMaj m) {
    double[][] out = new double[m.numRows][m.numCols];
    for (int i = 0; i < m.numRows; i++) for (int j = 0; j < m.numCols; j++) out[i][j] = m.get(i, j);
    return out;
}

int latentDim = 8;

/** The VAE of this sheet: linear encoder heads (mu and logVar affine in the pixels), a linear decoder (logits). */
Vae newVae(double beta) {
    return Vae.builder(784, latentDim).hiddenSizes().beta(beta).build(Rng.seeded(5));
}
/** An n x k matrix of standard normal noise from a seeded generator (the same numbers on every machine). */
double[][] noise(int n, int k, long seed) {
    RandomGenerator rng = Rng.seeded(seed);
    double[][] e = new double[n][k];
    for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) e[i][j] = rng.nextGaussian();
    return e;
}

/** One number that changes when any entry changes: sum_ij (1 + (7i + 3j) mod 5) m_ij (the checks compare arrays). */
double checksum(double[][] m) {
    double s = 0;
    for (int i = 0; i < m.length; i++) for (int j = 0; j < m[i].length; j++) s += (1 + (7 * i + 3 * j) % 5) * m[i][j];
    return s;
}""")

setup("model", r"""// 16 test digits of the bundled MNIST sample (rows = images, 784 grey levels in [0, 1]); the model below is trained on
// 2,000 training digits. (Matrices are kept as double[][]: a notebook variable of type DMatrixRMaj would be printed.)
ByteImages mnist = Mnist.loadBytes();
double[][] testPixels = rowsOf(mnist.batch(Mnist.TRAIN_SIZE, Mnist.TRAIN_SIZE + 16));
Vae vae = newVae(1.0);
var history = new Trainer(TrainingConfig.adam(5, 50, 3e-3, 5)).fit(vae, mnist.batch(0, 2000));   // about 1 s

// The encoder's q(z|x) for the 16 test digits: means and log-variances (16 x 8).
double[][] testMu = rowsOf(vae.encode(new DMatrixRMaj(testPixels)));
double[][] testLogVar = rowsOf(vae.encodeLogVariance(new DMatrixRMaj(testPixels)));
double[][] decoderWeight = rowsOf(vae.parameters().get("decoder.0.weight").value());   // 8 x 784
double[] decoderBias = rowsOf(vae.parameters().get("decoder.0.bias").value())[0];      // 784

/** log p(x|z) of test digit number `image` (0..15) under the trained decoder: Bernoulli pixels, logits z W + b. */
double logLikelihood(int image, double[] z) {
    double sum = 0;
    for (int j = 0; j < 784; j++) {
        double a = decoderBias[j];
        for (int u = 0; u < latentDim; u++) a += z[u] * decoderWeight[u][j];
        double softplus = Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));   // log(1 + e^a), no overflow
        sum += testPixels[image][j] * a - softplus;
    }
    return sum;
}""")

md(r"""## Exercise 1: the reparameterised sampler (3 points)

The reparameterisation trick writes a draw of $q$ as a deterministic, differentiable function of the encoder's
outputs and of noise that does not depend on them:
$$z = \mu + \sigma\odot\epsilon,\qquad \sigma = \exp\big(\tfrac12\log\sigma^2\big),\qquad \epsilon\sim\mathcal{N}(0, I).$$
Implement it for a whole batch: `sampleLatents(mu, logVar, eps)` gets three $n\times M$ arrays (row $i$ belongs to
image $i$; the caller draws `eps`) and returns the $n\times M$ array of the $z$. Keep in mind what `logVar` holds.""")

sol("sampler-impl", r"""double[][] sampleLatents(double[][] mu, double[][] logVar, double[][] eps) {
    // BEGIN SOLUTION
    double[][] z = new double[mu.length][];
    for (int i = 0; i < mu.length; i++) {
        z[i] = new double[mu[i].length];
        for (int m = 0; m < mu[i].length; m++) {
            z[i][m] = mu[i][m] + Math.exp(0.5 * logVar[i][m]) * eps[i][m];
        }
    }
    return z;
    // END SOLUTION
}""")

PROBES_SAMPLER = [
    {"name": "one row, sigma^2 = (9, 1)", "expr": "sampleLatents(new double[][] {{0.5, -1}}, new double[][] {{2.1972245773362196, 0}}, new double[][] {{1.5, 2}})[0][0]",
     "type": "double", "rtol": 0, "points": 1, "expected": lit(L(0.5) + np.sqrt(L(9)) * L(1.5)), "tol": 1e-14,
     "hint": "which quantity multiplies the noise? Read again what logVar holds"},
    {"name": "two rows, unit variances", "expr": "sampleLatents(new double[][] {{0, 0}, {1, -1}}, new double[2][2], new double[][] {{0.3, 0.4}, {0.5, 2}})[1][1]",
     "type": "double", "rtol": 0, "points": 1, "expected": lit(L(-1) + L(1) * L(2)), "tol": 1e-14,
     "hint": "a log-variance of zero is a unit variance; rows are images, columns latent dimensions"},
    {"name": "MNIST: 16 test digits, fixed noise", "expr": "checksum(sampleLatents(testMu, testLogVar, noise(16, 8, 11)))",
     "type": "double", "rtol": 0, "points": 1, "tol": TOL["sampler"],
     "hint": "every entry of the batch is compared with the reference sampler on the same noise"},
]
grade("sampler-check", 3, "Exercise 1: reparameterised sampler", PROBES_SAMPLER, r"""SelfCheck.report(
    SelfCheck.close("z-eps0", () -> sampleLatents(new double[][] {{1.5, -2}}, new double[][] {{0.7, -0.3}},
        new double[1][2])[0][1], -2.0, 1e-12, "with zero noise the sample is the mean"),
    SelfCheck.close("z-shape", () -> sampleLatents(testMu, testLogVar, noise(16, 8, 1)).length * 100
        + sampleLatents(testMu, testLogVar, noise(16, 8, 1))[0].length, 1608, 0, "one row per image, one column per latent dimension"))""")

md(r"""## Exercise 2: the KL term in closed form (2 points)

For $q = \mathcal{N}(\mu, \operatorname{diag}(\sigma^2))$ and $p = \mathcal{N}(0, I)$ in $M$ dimensions,
$$D_{\mathrm{KL}}(q\,\Vert\,p) = \frac12\sum_{m=1}^{M}\big(\mu_m^2 + \sigma_m^2 - 1 - \log\sigma_m^2\big).$$
Implement `klDivergence(mu, logVar)` for one image (two vectors of length $M$).""")

sol("kl-impl", r"""double klDivergence(double[] mu, double[] logVar) {
    // BEGIN SOLUTION
    double sum = 0;
    for (int m = 0; m < mu.length; m++) {
        sum += mu[m] * mu[m] + Math.exp(logVar[m]) - 1 - logVar[m];
    }
    return 0.5 * sum;
    // END SOLUTION
}""")

PROBES_KL = [
    {"name": "mu = (1, -2), sigma^2 = (1, 9)", "expr": "klDivergence(new double[] {1, -2}, new double[] {0, 2.1972245773362196})",
     "type": "double", "rtol": 0, "points": 1, "expected": lit(L(0.5) * (L(1) + L(4) + L(9) - 1 - np.log(L(9)))), "tol": 1e-14,
     "hint": "logVar is the logarithm of the variance"},
    {"name": "MNIST: q(z|x) of test digit 5", "expr": "klDivergence(testMu[5], testLogVar[5])",
     "type": "double", "rtol": 0, "points": 1, "tol": TOL["kl"],
     "hint": "sum over all latent dimensions of the encoder's output"},
]
grade("kl-check", 2, "Exercise 2: KL to N(0, I)", PROBES_KL, r"""SelfCheck.report(
    SelfCheck.close("kl-prior", () -> klDivergence(new double[] {0, 0}, new double[] {0, 0}), 0.0, 1e-12,
        "the divergence of a distribution from itself"),
    SelfCheck.close("kl-mean", () -> klDivergence(new double[] {2}, new double[] {0}), 2.0, 1e-12,
        "only the mean differs from the prior: which terms of the closed form remain?"))""")

md(r"""## Exercise 3: the gradient of the KL term inside a training step (4 points)

Training minimises the negative ELBO $-\mathbb{E}_q[\log p(x\mid z)] + D_{\mathrm{KL}}(q\,\Vert\,p)$ by gradient
descent. The KL term depends on the encoder's parameters only through $\mu$ and $\log\sigma^2$, so backpropagation
needs its partial derivatives with respect to $\mu_m$ and to $\ell_m = \log\sigma^2_m$ (not with respect to
$\sigma_m$: the encoder outputs $\ell$). Implement `klGradient(mu, logVar)`: return the array
`{dKL/dmu, dKL/dlogVar}`, two vectors of length $M$.

The locked cell after it uses your gradient inside one real training step of the trained VAE: one step of gradient
descent on the negative ELBO of one test digit, the reconstruction part of the gradient from the library, the KL
part from your function. A correct gradient reproduces the library's own training step.""")

sol("klgrad-impl", r"""double[][] klGradient(double[] mu, double[] logVar) {
    // BEGIN SOLUTION
    double[] dMu = new double[mu.length];
    double[] dLogVar = new double[mu.length];
    for (int m = 0; m < mu.length; m++) {
        dMu[m] = mu[m];                                  // d/dmu of mu^2 / 2
        dLogVar[m] = 0.5 * (Math.exp(logVar[m]) - 1);   // d/dl of (e^l - 1 - l) / 2
    }
    return new double[][] {dMu, dLogVar};
    // END SOLUTION
}""")

setup("step-setup", r"""/**
 * One step of plain gradient descent (learning rate lr) on the negative ELBO of test digit `image` with the noise
 * eps, from the trained VAE (which is not changed). The reconstruction part of each gradient is the library's (a copy
 * of the model whose KL weight is 1e-300, i.e. none); the KL part is YOUR klGradient, put through the linear heads
 * mu = x W_mu + b_mu and logVar = x W_v + b_v by the chain rule. Returns the new parameters in the model's order:
 * W_mu (784 x 8), b_mu (1 x 8), W_v, b_v, then the decoder's weight and bias (which the KL does not touch).
 */
double[][][] stepWithYourKlGradient(int image, double[] eps, double lr) {
    DMatrixRMaj x = new DMatrixRMaj(new double[][] {testPixels[image]});
    Vae reconstructionOnly = newVae(1e-300);
    reconstructionOnly.parameters().restore(vae.parameters().snapshot());
    Gradients g = Gradients.zerosLike(reconstructionOnly.parameters());
    reconstructionOnly.lossAndGradients(x, new DMatrixRMaj(new double[][] {eps}), g);
    double[][] kl = klGradient(rowsOf(reconstructionOnly.encode(x))[0],
            rowsOf(reconstructionOnly.encodeLogVariance(x))[0]);
    double[][][] out = new double[6][][];
    for (int b = 0; b < 6; b++) {
        double[][] theta = rowsOf(reconstructionOnly.parameters().get(b).value());
        double[][] grad = rowsOf(g.get(b));
        for (int r = 0; r < theta.length; r++) {
            for (int c = 0; c < theta[r].length; c++) {
                if (b < 4) {
                    grad[r][c] += (b % 2 == 0 ? x.get(0, r) : 1.0) * kl[b / 2][c];   // weight: x_r dKL; bias: dKL
                }
                theta[r][c] -= lr * grad[r][c];
            }
        }
        out[b] = theta;
    }
    return out;
}""")

PROBES_KLGRAD = [
    {"name": "d/dmu at mu = (1, -2), sigma^2 = (1, 9)", "expr": "klGradient(new double[] {1, -2}, new double[] {0, 2.1972245773362196})[0][1]",
     "type": "double", "rtol": 0, "points": 1, "expected": lit(L(-2)), "tol": 1e-14,
     "hint": "the KL grows as mu moves away from zero: mind the sign"},
    {"name": "d/dlogVar at mu = (1, -2), sigma^2 = (1, 9)", "expr": "klGradient(new double[] {1, -2}, new double[] {0, 2.1972245773362196})[1][1]",
     "type": "double", "rtol": 0, "points": 1, "expected": lit(L(0.5) * (L(9) - 1)), "tol": 1e-14,
     "hint": "differentiate with respect to the log-variance, which is what the encoder outputs (chain rule through exp)"},
    {"name": "MNIST training step: new mean-head bias", "expr": "checksum(stepWithYourKlGradient(3, noise(1, 8, 21)[0], 0.5)[1])",
     "type": "double", "rtol": 0, "points": 1, "tol": TOL["step_mu"],
     "hint": "one step with your gradient must match the library's step; the mean head gets the derivative in mu"},
    {"name": "MNIST training step: new log-variance-head bias", "expr": "checksum(stepWithYourKlGradient(3, noise(1, 8, 21)[0], 0.5)[3])",
     "type": "double", "rtol": 0, "points": 1, "tol": TOL["step_logvar"],
     "hint": "one step with your gradient must match the library's step; the log-variance head gets the derivative in logVar"},
]
grade("klgrad-check", 4, "Exercise 3: KL gradient in a training step", PROBES_KLGRAD, r"""SelfCheck.report(
    SelfCheck.close("grad-at-prior", () -> klGradient(new double[] {0}, new double[] {0})[1][0], 0.0, 1e-12,
        "at the prior the divergence is minimal: both derivatives vanish"),
    SelfCheck.close("grad-mu", () -> klGradient(new double[] {0.5}, new double[] {0})[0][0], 0.5, 1e-12,
        "the derivative of the mean's term of the closed form"),
    SelfCheck.close("step-moves-bias", () -> stepWithYourKlGradient(3, noise(1, 8, 21)[0], 0.0)[1][0][0]
        - vae.parameters().get(1).value().get(0, 0), 0.0, 0, "a step of size zero changes nothing"))""")

md(r"""## Exercise 4: the importance-weighted estimate of log p(x) (5 points)

With $K$ draws $z_k = \mu + \sigma\odot\epsilon_k$ from $q(z\mid x)$ and log-weights
$$w_k = \log p(x\mid z_k) + \log p(z_k) - \log q(z_k\mid x),$$
the IWAE bound (Burda, Grosse & Salakhutdinov 2016) is
$$\mathcal{L}_K = \log\frac1K\sum_{k=1}^{K} e^{w_k}\;\le\;\log p(x)\quad\text{(in expectation)}.$$
For $K = 1$ it is the one-sample ELBO estimate; it tightens as $K$ grows. Implement
`iwaeEstimate(mu, logVar, eps, logLikelihood)`: row $k$ of `eps` is $\epsilon_k$ (so $K$ = `eps.length`),
`logLikelihood.applyAsDouble(z)` returns $\log p(x\mid z)$ for the fixed image $x$, and $\log p$, $\log q$ are the
log-densities of the two Gaussians (with their $-\tfrac12\log 2\pi$ terms). On MNIST the $w_k$ are hundreds of
nats; for larger images or early in training they reach thousands, where $e^{w_k}$ is $0$ or $\infty$ in doubles.
Your estimate must stay finite and accurate there (compute it in the log domain).""")

sol("iwae-impl", r"""double iwaeEstimate(double[] mu, double[] logVar, double[][] eps, ToDoubleFunction<double[]> logLikelihood) {
    // BEGIN SOLUTION
    int k = eps.length;
    double[] w = new double[k];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < k; i++) {
        double[] z = new double[mu.length];
        double logPrior = 0, logQ = 0;
        for (int m = 0; m < mu.length; m++) {
            z[m] = mu[m] + Math.exp(0.5 * logVar[m]) * eps[i][m];
            logPrior += -0.5 * (z[m] * z[m] + Math.log(2 * Math.PI));
            logQ += -0.5 * (eps[i][m] * eps[i][m] + logVar[m] + Math.log(2 * Math.PI));
        }
        w[i] = logLikelihood.applyAsDouble(z) + logPrior - logQ;
        max = Math.max(max, w[i]);
    }
    double sum = 0;
    for (double wi : w) sum += Math.exp(wi - max);   // log-sum-exp: every term <= 1, the largest is 1
    return max + Math.log(sum / k);
    // END SOLUTION
}""")

PROBES_IWAE = [
    {"name": "q = prior, log-likelihood z_1: log-weights 0 and log 3", "expr": "iwaeEstimate(new double[] {0}, new double[] {0}, new double[][] {{0}, {1.0986122886681098}}, z -> z[0])",
     "type": "double", "rtol": 0, "points": 1, "expected": lit(np.log((L(1) + L(3)) / 2)), "tol": 1e-14,
     "hint": "the log of the average of the importance weights: count the samples"},
    {"name": "MNIST, K = 1: the one-sample ELBO estimate", "expr": "iwaeEstimate(testMu[2], testLogVar[2], noise(1, 8, 31), z -> logLikelihood(2, z))",
     "type": "double", "rtol": 0, "points": 1, "tol": TOL["iwae1"],
     "hint": "with one sample the estimate is that sample's log-weight: check the prior's and the encoder's log-densities"},
    {"name": "MNIST, K = 64", "expr": "iwaeEstimate(testMu[2], testLogVar[2], noise(64, 8, 32), z -> logLikelihood(2, z))",
     "type": "double", "rtol": 0, "points": 1, "tol": TOL["iwae64"],
     "hint": "an average of weights, taken in the log domain"},
    {"name": "log-weights near -1000", "expr": "iwaeEstimate(new double[] {0}, new double[] {0}, new double[][] {{0}, {1.0986122886681098}}, z -> z[0] - 1000)",
     "type": "double", "rtol": 0, "points": 1, "expected": lit(L(-1000) + np.log((L(1) + L(3)) / 2)), "tol": 1e-12,
     "hint": "very negative log-weights underflow when exponentiated: keep the computation in the log domain"},
    {"name": "log-weights near +1000", "expr": "iwaeEstimate(new double[] {0}, new double[] {0}, new double[][] {{0}, {1.0986122886681098}}, z -> z[0] + 1000)",
     "type": "double", "rtol": 0, "points": 1, "expected": lit(L(1000) + np.log((L(1) + L(3)) / 2)), "tol": 1e-12,
     "hint": "large log-weights overflow when exponentiated: keep the computation in the log domain"},
]
grade("iwae-check", 5, "Exercise 4: IWAE estimate", PROBES_IWAE, r"""SelfCheck.report(
    SelfCheck.close("iwae-equal", () -> iwaeEstimate(new double[] {0}, new double[] {0}, new double[][] {{0.5}, {-0.5}},
        z -> -3.0), -3.0, 1e-12, "here the approximate posterior is the prior and the log-likelihood is constant: every log-weight is that constant"),
    SelfCheck.close("iwae-finite", () -> Double.isFinite(iwaeEstimate(testMu[0], testLogVar[0], noise(8, 8, 2),
        z -> 10 * logLikelihood(0, z))) ? 1 : 0, 1, 0, "the estimate must stay finite for log-weights of thousands of nats"))""")

md(r"""## Quiz (1 point)

Return the letter of your answer as a `char`, e.g. `return 'A';`. The check cell only confirms that your answer is
a valid letter; the autograder grades it.

On the trained VAE and test digit 2, compare the IWAE estimate with $K = 64$ samples, $\mathcal{L}_{64}$, with the
one-sample estimate $\mathcal{L}_1$ (the ELBO estimate), each averaged over many independent draws of the noise:

- **A** They agree within Monte Carlo error: both estimate the ELBO
- **B** $\mathbb{E}[\mathcal{L}_{64}] > \mathbb{E}[\mathcal{L}_{1}]$: more samples give a tighter lower bound on $\log p(x)$
- **C** $\mathbb{E}[\mathcal{L}_{64}] < \mathbb{E}[\mathcal{L}_{1}]$: averaging the weights of more samples lowers the estimate
- **D** $\mathbb{E}[\mathcal{L}_{64}] > \log p(x)$: with many samples the estimate overshoots the log-likelihood""")
sol("quiz1-answer", "char quiz1() {\n    // BEGIN SOLUTION\n    return 'B';\n    // END SOLUTION\n}")
code('SelfCheck.report(SelfCheck.oneOf("quiz1", () -> quiz1(), "ABCD", "answer with one capital letter"))',
     {"aelab": {"name": "Quiz 1", "probes": [{"expected": "B", "expr": "quiz1()",
      "hint": "what does Jensen's inequality say about the log of an average, and how does that change with K?",
      "name": "answer", "points": 1, "type": "char"}]},
      "nbgrader": nbg("quiz1-check", grade=True, locked=True, points=1)})
md_only(r"""The check behind the key (solutions only): 400 one-sample estimates and 25 estimates with $K = 64$ on test digit 2,
each with fresh noise. $\mathcal{L}_{64}$ exceeds $\mathcal{L}_1$ on average by far more than 4 standard errors of the
difference (which rules out A and C); D contradicts $\mathbb{E}[\mathcal{L}_K] \le \log p(x)$ for every $K$ (Burda et
al. 2016, Theorem 1), which the estimates cannot show without $\log p(x)$.""")
only(r"""double[] meanAndStandardError(double[] v) {
    double mean = 0, ss = 0;
    for (double x : v) mean += x / v.length;
    for (double x : v) ss += (x - mean) * (x - mean);
    return new double[] {mean, Math.sqrt(ss / (v.length - 1) / v.length)};
}
double[] oneSample = new double[400], sixtyFour = new double[25];
for (int r = 0; r < oneSample.length; r++)
    oneSample[r] = iwaeEstimate(testMu[2], testLogVar[2], noise(1, 8, 1000 + r), z -> logLikelihood(2, z));
for (int r = 0; r < sixtyFour.length; r++)
    sixtyFour[r] = iwaeEstimate(testMu[2], testLogVar[2], noise(64, 8, 5000 + r), z -> logLikelihood(2, z));
double[] l1 = meanAndStandardError(oneSample), l64 = meanAndStandardError(sixtyFour);
double seDifference = Math.sqrt(l1[1] * l1[1] + l64[1] * l64[1]);
SelfCheck.report(
    SelfCheck.equal("quiz1-B: mean L_64 - mean L_1 > 4 SE (" + String.format("%.2f", l64[0] - l1[0]) + " nats, SE "
        + String.format("%.2f", seDifference) + ")", () -> l64[0] - l1[0] > 4 * seDifference, true,
        "more samples tighten the bound"))""")

nb = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Java", "language": "java", "name": "java"},
      "language_info": {"name": "java"}}, "nbformat": 4, "nbformat_minor": 5}
for c in cells:
    s = c["source"]
    c["source"] = [l for l in s.splitlines(True)]
    if c["cell_type"] == "markdown":
        c.pop("execution_count", None); c.pop("outputs", None)
for i, c in enumerate(cells): c["id"] = "cell-%02d" % i
json.dump(nb, open(OUT, "w"), indent=1, ensure_ascii=False, sort_keys=True)
open(OUT, "a").write("\n")
