"""Writes solutions/03-losses-and-denoising.ipynb (run from the repository root with /usr/bin/python3)."""
import numpy as np
from sheet_common import Sheet, probe, jarr, lit, weigh

X2 = np.array([[1, 0, 1, 0], [0, 1, 0, 1], [1, 1, 0, 0]], dtype=float)
XH2 = np.array([[0.9, 0.1, 0.8, 0.1], [0.1, 0.9, 0.1, 0.8], [0.8, 0.9, 0.1, 0.1]])
S2 = np.array([[2, 0.5], [0.5, 1]])
S3 = np.array([[3, 1, 0.5], [1, 2, 0.3], [0.5, 0.3, 1]])
M22 = np.array([[1, 2], [3, 5]])
M33 = np.array([[1, 2, 3], [5, 7, 11], [13, 17, 19]])
FORBID_LOSS = ["aelab.loss", "ReconstructionLoss", "Likelihoods."]
FORBID_DENOISE = ["aelab.linearae", "LinearDenoiser"]


sh = Sheet(r"""
# Sheet 3: reconstruction losses and denoising autoencoders

{INTRO}

The setup cell defines the same matrix toolkit as sheet 2 (`mul`, `transpose`, `combine`, `trace`, `identity`,
`inverse`, `weigh`). Do **not** call the course library's own losses or denoisers (`aelab.loss`, `aelab.linearae`):
a part that does earns no points.
""")
sh.setup()
total = 0

# ---------------------------------------------------------------- Exercise 1: MSE with a reduction
sh.md(r"""
## Exercise 1: squared error with an explicit reduction (6 points)

For a batch $X \in \mathbb{R}^{n\times D}$ (one sample per row) and its reconstruction $\hat X$, the squared errors
$\ell_{ij} = (x_{ij} - \hat x_{ij})^2$ are reduced in one of three ways:

| `reduction` | value |
|---|---|
| `"sum"` | $\sum_{i,j} \ell_{ij}$ |
| `"mean-per-sample"` | $\frac1n \sum_{i,j} \ell_{ij}$ (the per-sample loss that sits next to the per-sample KL in a VAE) |
| `"mean-per-element"` | $\frac1{nD}\sum_{i,j} \ell_{ij}$ (PyTorch's default `reduction='mean'`) |

Any other `reduction` is a caller's mistake: throw an `IllegalArgumentException`. Implement
`mse(x, xHat, reduction)`. (Seed 22-01, example 2: every row of that batch has squared error $0.07$, so the three
reductions give $0.21$, $0.07$ and $0.0175$.)
""")
sh.solution("mse-impl", r"""
double mse(double[][] x, double[][] xHat, String reduction) {
    // BEGIN SOLUTION
    double sum = 0;
    for (int i = 0; i < x.length; i++)
        for (int j = 0; j < x[i].length; j++) {
            double d = x[i][j] - xHat[i][j];
            sum += d * d;
        }
    switch (reduction) {
        case "sum": return sum;
        case "mean-per-sample": return sum / x.length;
        case "mean-per-element": return sum / ((double) x.length * x[0].length);
        default: throw new IllegalArgumentException("unknown reduction " + reduction);
    }
    // END SOLUTION
}
""")
x14, xh14 = np.array([[0.5, -1, 2, 0]]), np.array([[0.5, 1, 0, 0]])
ex2 = "%s, %s" % (jarr(X2), jarr(XH2))
total += sh.grade("mse-check", "Exercise 1: MSE with a reduction", r"""
SelfCheck.report(
    SelfCheck.close("mse-elem", () -> mse(new double[][] {{1, 2}}, new double[][] {{0, 0}}, "mean-per-element"), 2.5,
        1e-12, "mean over all elements"),
    SelfCheck.close("mse-sample", () -> mse(new double[][] {{1, 2}, {0, 1}}, new double[][] {{0, 0}, {0, 0}},
        "mean-per-sample"), 3.0, 1e-12, "sum over the elements of each row, mean over the rows"),
    SelfCheck.throwsA("mse-bad", IllegalArgumentException.class,
        () -> mse(new double[][] {{1}}, new double[][] {{0}}, "avg"), "reject an unknown reduction"))
""", [
    probe("seed example 2, mean-per-element", "mse(%s, \"mean-per-element\")" % ex2, expected="0.0175", tol=1e-12,
          hint="a mean per element divides the sum by the number of all elements (notebook 02, “Reductions: the worked example of lecture 22-01”)"),
    probe("3 x 1 batch, mean-per-element", "mse(new double[][] {{1}, {2}, {3}}, new double[3][1], \"mean-per-element\")",
          expected=lit(14 / 3), tol=1e-12, hint="every element counts, whatever the shape of the batch (notebook 02, “Reductions: the worked example of lecture 22-01”)"),
    probe("seed example 2, sum", "mse(%s, \"sum\")" % ex2, expected="0.21", tol=1e-12,
          hint="the sum of all squared differences, with nothing divided"),
    probe("seed example 2, mean-per-sample", "mse(%s, \"mean-per-sample\")" % ex2, expected="0.07", tol=1e-12,
          hint="divide the sum by the number of rows, the samples (notebook 02, “Reductions: the worked example of lecture 22-01”)"),
    probe("1 x 4 batch, mean-per-sample", "mse(%s, %s, \"mean-per-sample\")" % (jarr(x14), jarr(xh14)),
          expected="8.0", tol=1e-12, hint="a mean per sample divides by the number of rows, not by the number of columns"),
    probe("unknown reduction rejected", "mse(new double[][] {{1}}, new double[][] {{0}}, \"mean\")", type_="throws",
          expected="java.lang.IllegalArgumentException", hint="reject an unknown reduction as the exercise says"),
], forbidden=FORBID_LOSS)

# ---------------------------------------------------------------- Exercise 2: BCE
xb = np.array([[1, 0], [0, 1]], dtype=float)
xbh = np.array([[0.7, 0.4], [0.1, 0.6]])
bce22 = -np.mean(xb * np.log(xbh) + (1 - xb) * np.log(1 - xbh))
p4 = -(np.log(0.9) + 2 * np.log(0.8)) / 3
sh.md(r"""
## Exercise 2: binary cross-entropy, mean per element (4 points)

For targets $x_{ij} \in [0, 1]$ and predictions $\hat x_{ij} \in [0, 1]$,
$$\mathrm{BCE}(X, \hat X) = -\frac{1}{nD}\sum_{i,j}\big[x_{ij}\log \hat x_{ij} + (1 - x_{ij})\log(1 - \hat x_{ij})\big],$$
the negative Bernoulli log-likelihood per element. A term whose coefficient ($x_{ij}$ or $1 - x_{ij}$) is $0$
contributes $0$, even where its logarithm is $-\infty$ (so a perfect 0/1 prediction has loss $0$). Implement
`bce(x, xHat)`. (Seed 22-01, practice problem 4: $x = (1, 0, 1)$, $\hat x = (0.9, 0.2, 0.8)$ gives
$-\frac13[\log 0.9 + \log 0.8 + \log 0.8] \approx 0.1839$ — three terms, one per pixel.)
""")
sh.solution("bce-impl", r"""
double bce(double[][] x, double[][] xHat) {
    // BEGIN SOLUTION
    double sum = 0;
    int count = 0;
    for (int i = 0; i < x.length; i++)
        for (int j = 0; j < x[i].length; j++) {
            if (x[i][j] != 0) sum += x[i][j] * Math.log(xHat[i][j]);
            if (x[i][j] != 1) sum += (1 - x[i][j]) * Math.log(1 - xHat[i][j]);
            count++;
        }
    return -sum / count;
    // END SOLUTION
}
""")
total += sh.grade("bce-check", "Exercise 2: binary cross-entropy", r"""
SelfCheck.report(
    SelfCheck.close("bce-half", () -> bce(new double[][] {{1, 0}}, new double[][] {{0.5, 0.5}}), Math.log(2), 1e-12,
        "the mean over the elements of the Bernoulli negative log-likelihood"),
    SelfCheck.close("bce-perfect", () -> bce(new double[][] {{0, 1}}, new double[][] {{0, 1}}), 0.0, 1e-12,
        "a term whose weight is zero contributes nothing"))
""", [
    probe("seed practice 4", "bce(new double[][] {{1, 0, 1}}, new double[][] {{0.9, 0.2, 0.8}})", expected=lit(p4),
          tol=1e-12, hint="average over the elements, one term per element (notebook 02, “BCE is a Bernoulli negative log-likelihood”)"),
    probe("2 x 2 batch", "bce(%s, %s)" % (jarr(xb), jarr(xbh)), expected=lit(bce22), tol=1e-12,
          hint="average over all elements of the batch, not over the rows"),
    probe("soft target x = 0.5", "bce(new double[][] {{0.5}}, new double[][] {{0.5}})", expected=lit(np.log(2)),
          tol=1e-12, hint="a target strictly between the two labels makes both terms count (notebook 02, “BCE at the edges, and on non-binary targets”)"),
    probe("perfect 0/1 prediction", "bce(new double[][] {{1, 0}, {0, 1}}, new double[][] {{1, 0}, {0, 1}})",
          expected="0.0", tol=1e-12, hint="a term whose weight is zero contributes nothing, even where its logarithm is infinite (notebook 02, “BCE at the edges, and on non-binary targets”)"),
], forbidden=FORBID_LOSS)

# ---------------------------------------------------------------- Exercise 3: scalar denoising gain
sh.md(r"""
## Exercise 3: the optimal linear denoiser, scalar case (3 points)

(Seed 22-01, example 3.) Data $x$ with second moment $m = \mathbb{E}[x^2]$ are corrupted to $\tilde x = x + \epsilon$,
$\epsilon \sim \mathcal{N}(0, \sigma^2)$ independent of $x$. Minimising
$\mathbb{E}[(x - w\tilde x)^2] = m - 2wm + w^2(m + \sigma^2)$ gives
$$w^\star = \frac{\mathbb{E}[x^2]}{\mathbb{E}[x^2] + \sigma^2} .$$
Implement `scalarDenoisingGain(xs, noiseStd)`, where the data distribution is uniform over the values `xs` (so
$\mathbb{E}[x^2]$ is the mean of their squares — the **second moment**, not the variance) and `noiseStd` is
$\sigma$. For $x \in \{-2, 2\}$ and $\sigma = 0.5$: $w^\star = 4/4.25 \approx 0.941$: the linear DAE without a bias
shrinks toward 0. That is the data mean only because these data are centred; for data with mean $\mu \ne 0$,
$w\tilde x$ still shrinks toward 0, and only a bias ($w\tilde x + b$) shrinks toward $\mu$.
""")
sh.solution("gain-impl", r"""
double scalarDenoisingGain(double[] xs, double noiseStd) {
    // BEGIN SOLUTION
    double m = 0;
    for (double x : xs) m += x * x;
    m /= xs.length;
    return m / (m + noiseStd * noiseStd);
    // END SOLUTION
}
""")
total += sh.grade("gain-check", "Exercise 3: scalar denoising gain", r"""
SelfCheck.report(
    SelfCheck.close("gain-no-noise", () -> scalarDenoisingGain(new double[] {1, -1}, 0.0), 1.0, 1e-12,
        "without noise the observation is the signal itself"),
    SelfCheck.close("gain-2", () -> scalarDenoisingGain(new double[] {2}, 2.0), 0.5, 1e-12,
        "the noise enters through its variance"))
""", [
    probe("seed example 3: x in {-2, 2}, sigma = 0.5", "scalarDenoisingGain(new double[] {-2, 2}, 0.5)",
          expected=lit(4 / 4.25), tol=1e-12, hint="the noise enters through its variance (notebook 03, “Worked example: the linear DAE on two clusters”)"),
    probe("x in {1, 3}, sigma = 1", "scalarDenoisingGain(new double[] {1, 3}, 1.0)", expected=lit(5 / 6), tol=1e-12,
          hint="use the second moment of the signal, not its variance around the mean"),
    probe("no signal: x = 0", "scalarDenoisingGain(new double[] {0, 0, 0}, 0.3)", expected="0.0", tol=1e-12,
          hint="what should the estimate be when the signal carries nothing?"),
], forbidden=FORBID_DENOISE)

# ---------------------------------------------------------------- Exercise 4: matrix denoiser
def gden(s, sd):
    return s @ np.linalg.inv(s + sd * sd * np.eye(len(s)))


sh.md(r"""
## Exercise 4: the optimal linear denoiser, matrix case (3 points)

For $x \in \mathbb{R}^D$ with second-moment matrix $S = \mathbb{E}[xx^\top]$ and $\tilde x = x + \epsilon$,
$\epsilon\sim\mathcal{N}(0,\sigma^2 I)$, the minimiser of $\mathbb{E}\lVert x - W\tilde x\rVert^2$ is
$$W^\star = \mathbb{E}[x\tilde x^\top]\,\mathbb{E}[\tilde x\tilde x^\top]^{-1} = S\,(S + \sigma^2 I)^{-1}.$$
It is **not** the element-wise ratio $S_{ij}/(S_{ij} + \sigma^2)$ (the two agree only for diagonal $S$). Implement
`gaussianDenoiser(secondMoment, noiseStd)`.
""")
sh.solution("denoiser-impl", r"""
double[][] gaussianDenoiser(double[][] secondMoment, double noiseStd) {
    // BEGIN SOLUTION
    int d = secondMoment.length;
    return mul(secondMoment, inverse(combine(1, secondMoment, noiseStd * noiseStd, identity(d))));
    // END SOLUTION
}
""")
total += sh.grade("denoiser-check", "Exercise 4: matrix denoiser", r"""
SelfCheck.report(
    SelfCheck.close("den-diag", () -> gaussianDenoiser(new double[][] {{3, 0}, {0, 1}}, 1.0)[0][0], 0.75, 1e-12,
        "the matrix version of the scalar gain"),
    SelfCheck.close("den-none", () -> gaussianDenoiser(new double[][] {{3, 1}, {1, 1}}, 0.0)[0][1], 0.0, 1e-12,
        "without noise the best W is the identity"))
""", [
    probe("diagonal S", "weigh(gaussianDenoiser(new double[][] {{4, 0}, {0, 1}}, 0.5), %s)" % jarr(M22),
          expected=lit(weigh(gden(np.diag([4.0, 1.0]), 0.5), M22)), tol=1e-12,
          hint="for a diagonal second moment each coordinate is denoised on its own, with the scalar gain of the previous exercise"),
    probe("correlated 2 x 2 S", "weigh(gaussianDenoiser(%s, 0.5), %s)" % (jarr(S2), jarr(M22)),
          expected=lit(weigh(gden(S2, 0.5), M22)), tol=1e-12,
          hint="a matrix inverse, not an element-wise ratio (notebook 03, “Worked example: the linear DAE on two clusters”)"),
    probe("correlated 3 x 3 S", "weigh(gaussianDenoiser(%s, 1.0), %s)" % (jarr(S3), jarr(M33)),
          expected=lit(weigh(gden(S3, 1.0), M33)), tol=1e-12, hint="the matrix version of the scalar gain: multiply by an inverse, in the right order"),
], forbidden=FORBID_DENOISE)

# ---------------------------------------------------------------- Exercise 5: masking noise (practice 3)
def mloss(w, m, p):
    return m * (1 - 2 * w * (1 - p) + w * w * (1 - p))


def mopt(s, p):
    return s @ np.linalg.inv((1 - p) * s + p * np.diag(np.diag(s)))


x4 = np.array([1.0, 2, 3, 4])
Sx = np.outer(x4, x4)
M44 = np.arange(1, 17, dtype=float).reshape(4, 4) ** 0.5
# Monte Carlo sanity check of the closed form (least squares over random masks)
rng = np.random.default_rng(3)
masks = rng.random((200000, 4)) > 0.3
xt = masks * x4
wls = np.linalg.lstsq(xt, np.tile(x4, (len(xt), 1)), rcond=None)[0].T
assert np.max(np.abs(wls - mopt(Sx, 0.3))) < 0.02
sh.md(r"""
## Exercise 5: masking noise (7 points)

(Seed 22-01, practice problem 3.) Each input element is set to $0$ with probability $p$ independently:
$\tilde x_i = m_i x_i$ with $m_i \sim \mathrm{Bernoulli}(1 - p)$, and the decoder is linear, $\hat x = W\tilde x$.

(a) For a **diagonal** $W$ the loss separates; for one coordinate with second moment $s = \mathbb{E}[x_i^2]$,
$$\ell(w) = \mathbb{E}[(x_i - w\, m_i x_i)^2] = s\,\big(1 - 2w(1-p) + w^2(1-p)\big).$$
Implement `maskingLoss(w, secondMoment, p)` (3 points).

(b) `practice3Gain()`: the MSE-optimal diagonal gain $W_{ii}$ for $p = 0.3$, i.e. the minimiser of $\ell(w)$
(1 point).

(c) Without the diagonal restriction, with $S = \mathbb{E}[xx^\top]$: $\mathbb{E}[x\tilde x^\top] = (1-p)S$ and
$\mathbb{E}[\tilde x\tilde x^\top] = (1-p)^2 S + p(1-p)\operatorname{diag}(S)$, so
$$W^\star = S\,\big((1-p)S + p\operatorname{diag}(S)\big)^{-1}.$$
Implement `maskingOptimum(secondMoment, p)` (3 points). For practice 3's single input $x = (1, 2, 3, 4)$ take
$S = xx^\top$: the optimum uses the other coordinates to fill in the dropped ones.
""")
sh.solution("mask-loss-impl", r"""
double maskingLoss(double w, double secondMoment, double p) {
    // BEGIN SOLUTION
    return secondMoment * (1 - 2 * w * (1 - p) + w * w * (1 - p));
    // END SOLUTION
}
""")
total += sh.grade("mask-loss-check", "Exercise 5a: masking-noise loss", r"""
SelfCheck.report(
    SelfCheck.close("mask-loss-0", () -> maskingLoss(0.0, 2.0, 0.3), 2.0, 1e-12, "with a zero gain the whole signal is lost"),
    SelfCheck.close("mask-loss-p0", () -> maskingLoss(1.0, 2.0, 0.0), 0.0, 1e-12, "without masking the identity reconstructs perfectly"))
""", [
    probe("w = 1, s = 4, p = 0.3", "maskingLoss(1.0, 4.0, 0.3)", expected=lit(mloss(1, 4, 0.3)), tol=1e-12,
          hint="a Bernoulli mask equals its own square: its mean and its second moment agree (notebook 03, “Masking noise: practice problem 3 has the wrong answer”)"),
    probe("w = 1/(1-p), s = 4, p = 0.3", "maskingLoss(1 / 0.7, 4.0, 0.3)", expected=lit(mloss(1 / 0.7, 4, 0.3)),
          tol=1e-12, hint="expand the square before taking the expectation over the mask"),
    probe("w = 0.5, s = 2, p = 0.5", "maskingLoss(0.5, 2.0, 0.5)", expected=lit(mloss(0.5, 2, 0.5)), tol=1e-12,
          hint="take the expectation term by term; the signal's second moment multiplies every term"),
], forbidden=FORBID_DENOISE)
sh.solution("practice3-impl", r"""
double practice3Gain() {
    // BEGIN SOLUTION
    return 1.0;   // d/dw s(1 - 2w(1-p) + w^2(1-p)) = 0  =>  w = 1, whatever p is
    // END SOLUTION
}
""")
total += sh.grade("practice3-check", "Exercise 5b: practice 3, optimal diagonal gain", r"""
SelfCheck.report(
    SelfCheck.close("p3-better", () -> maskingLoss(practice3Gain(), 1.0, 0.3) <= maskingLoss(1 / 0.7, 1.0, 0.3) ? 1 : 0,
        1, 0, "your gain should do at least as well as the inverse-dropout gain on the loss of part (a)"))
""", [
    probe("W_ii for p = 0.3", "practice3Gain()", expected="1.0", tol=1e-9,
          hint="minimise the loss of part (a) over the gain; an unbiased reconstruction is not the criterion (notebook 03, “Masking noise: practice problem 3 has the wrong answer”)"),
])
sh.solution("mask-opt-impl", r"""
double[][] maskingOptimum(double[][] secondMoment, double p) {
    // BEGIN SOLUTION
    int d = secondMoment.length;
    double[][] diag = new double[d][d];
    for (int i = 0; i < d; i++) diag[i][i] = secondMoment[i][i];
    return mul(secondMoment, inverse(combine(1 - p, secondMoment, p, diag)));
    // END SOLUTION
}
""")
total += sh.grade("mask-opt-check", "Exercise 5c: masking-noise optimum", r"""
SelfCheck.report(
    SelfCheck.close("mask-opt-p0", () -> maskingOptimum(new double[][] {{2, 1}, {1, 2}}, 0.0)[0][0], 1.0, 1e-12,
        "without masking the optimum is the identity"))
""", [
    probe("practice 3: S = x x^T, x = (1, 2, 3, 4), p = 0.3",
          "weigh(maskingOptimum(%s, 0.3), %s)" % (jarr(Sx), jarr(M44)), expected=lit(weigh(mopt(Sx, 0.3), M44)),
          tol=1e-9, hint="set the gradient of the expected loss to zero; the masked input's second moment treats the diagonal differently (notebook 03, “Masking noise: practice problem 3 has the wrong answer”)"),
    probe("diagonal S, p = 0.3", "weigh(maskingOptimum(new double[][] {{2, 0}, {0, 3}}, 0.3), %s)" % jarr(M22),
          expected="6.0", tol=1e-12, hint="for uncorrelated coordinates compare with your answer to part (b)"),
    probe("correlated S, p = 0.5", "weigh(maskingOptimum(%s, 0.5), %s)" % (jarr(S2), jarr(M22)),
          expected=lit(weigh(mopt(S2, 0.5), M22)), tol=1e-12,
          hint="compute the cross moment and the masked input's second moment separately; only the diagonal of the latter changes differently"),
], forbidden=FORBID_DENOISE)

# ---------------------------------------------------------------- Exercise 6: sparsity KL penalty
def bkl(r, q):
    return r * np.log(r / q) + (1 - r) * np.log((1 - r) / (1 - q))


sh.md(r"""
## Exercise 6: the KL sparsity penalty (3 points)

The sparse autoencoder of the slides adds $\beta\sum_j \mathrm{KL}(\rho\,\Vert\,\hat\rho_j)$, where $\hat\rho_j$ is
the **average activation** of hidden unit $j$ over the batch and
$\mathrm{KL}(\rho\Vert\hat\rho) = \rho\log\frac{\rho}{\hat\rho} + (1-\rho)\log\frac{1-\rho}{1-\hat\rho}$ is the KL
divergence between Bernoulli distributions with means $\rho$ and $\hat\rho$. Implement
`sparsityPenalty(rho, rhoHat)` $= \sum_j \mathrm{KL}(\rho\Vert\hat\rho_j)$.
""")
sh.solution("sparse-impl", r"""
double sparsityPenalty(double rho, double[] rhoHat) {
    // BEGIN SOLUTION
    double sum = 0;
    for (double q : rhoHat) {
        sum += rho * Math.log(rho / q) + (1 - rho) * Math.log((1 - rho) / (1 - q));
    }
    return sum;
    // END SOLUTION
}
""")
total += sh.grade("sparse-check", "Exercise 6: KL sparsity penalty", r"""
SelfCheck.report(
    SelfCheck.close("kl-match", () -> sparsityPenalty(0.1, new double[] {0.1, 0.1}), 0.0, 1e-12,
        "the divergence of a distribution from itself"),
    SelfCheck.close("kl-half", () -> sparsityPenalty(0.5, new double[] {0.25}), 0.5 * Math.log(4.0 / 3), 1e-12,
        "the divergence between two Bernoulli distributions, target first"))
""", [
    probe("rho = 0.05, rhoHat = (0.1, 0.5)", "sparsityPenalty(0.05, new double[] {0.1, 0.5})",
          expected=lit(bkl(0.05, 0.1) + bkl(0.05, 0.5)), tol=1e-12, hint="sum the divergence over the hidden units (notebook 04, “The KL sparsity penalty”)"),
    probe("rho = 0.2, rhoHat = (0.1)", "sparsityPenalty(0.2, new double[] {0.1})", expected=lit(bkl(0.2, 0.1)),
          tol=1e-12, hint="the target activation is the first argument of the divergence, the measured average the second (notebook 04, “The KL sparsity penalty”)"),
    probe("rho = 0.05, rhoHat = (0.05, 0.05, 0.05)", "sparsityPenalty(0.05, new double[] {0.05, 0.05, 0.05})",
          expected="0.0", tol=1e-12, hint="compare each unit's measured average with the target, unit by unit"),
], forbidden=FORBID_LOSS)

# ---------------------------------------------------------------- quizzes
sh.md(r"""
## Quiz

Each question is worth 1 point; return the letter of the answer. The check cells only confirm that your answer is a
valid letter; the autograder grades it.
""")
total += sh.quiz(1, "Quiz 1", r"""
(Seed 22-01, quiz 3, corrected: see the errata.) The optimal **linear** denoising autoencoder without a bias,
$\hat x = w\tilde x$, for additive Gaussian noise $\mathcal{N}(0, \sigma^2)$, $\sigma > 0$, outputs:""", [
    ("A", "The exact clean input, whatever the noise"),
    ("B", "The noisy input shrunk toward 0, which is the data mean only when the data are centred"),
    ("C", "Only the noise"),
    ("D", "The identity mapping of its (noisy) input")], "B", "look at your scalar gain when there is noise (notebook 03, “Worked example: the linear DAE on two clusters”)")
sh.explain(r"""
$w^\star = \mathbb{E}[x^2]/(\mathbb{E}[x^2] + \sigma^2) < 1$ for $\sigma > 0$ (Exercise 3), so $w^\star\tilde x$
is $\tilde x$ pulled toward 0. The check fits $w$ by least squares to $n = 40\,000$ noisy samples of
non-centred data, $x \in \{1, 5\}$ (mean 3, $\mathbb{E}[x^2] = 13$), $\sigma = 2$, and compares it with the closed
form $13/17$ within four (delta-method) standard errors; the fitted denoiser maps the data mean 3 to $3w \approx
2.3$, toward 0, not to the mean.""", r"""
java.util.Random rngD = new java.util.Random(31);
int nD = 40_000;
double[] xD = new double[nD], xtD = new double[nD];
double sxy = 0, sxx = 0;
for (int t = 0; t < nD; t++) {
    xD[t] = rngD.nextBoolean() ? 1 : 5;
    xtD[t] = xD[t] + 2 * rngD.nextGaussian();
    sxy += xD[t] * xtD[t];
    sxx += xtD[t] * xtD[t];
}
double wD = sxy / sxx;                                  // least-squares gain, no bias
double varD = 0;                                        // delta method: var(w) = var(x xt - w xt^2) / (n E[xt^2]^2)
for (int t = 0; t < nD; t++) {
    double u = xD[t] * xtD[t] - wD * xtD[t] * xtD[t];
    varD += u * u;
}
double seD = Math.sqrt(varD / nD) / Math.sqrt(nD) / (sxx / nD);
SelfCheck.report(
    SelfCheck.close("quiz1-gain", () -> wD, 13.0 / 17, 4 * seD, "least-squares gain = E[x^2] / (E[x^2] + sigma^2)"),
    SelfCheck.equal("quiz1-toward-zero", () -> 3 - 3 * wD > 4 * 3 * seD, true,
        "the data mean 3 is mapped below 3, toward 0"))""")
total += sh.quiz(2, "Quiz 2", r"""
(Seed 22-01, quiz 4.) Which regularisation method penalises the sensitivity of the latent representation to input
perturbations explicitly?""", [
    ("A", "Sparse autoencoder"),
    ("B", "Denoising autoencoder"),
    ("C", r"Contractive autoencoder (penalty $\lVert \partial e_\phi(x)/\partial x\rVert_F^2$)"),
    ("D", "Undercomplete autoencoder")], "C", "which penalty contains a derivative with respect to the input? (notebook 04, “Contractive penalty: the exact Jacobian”)")
total += sh.quiz(3, "Quiz 3", r"""
(Seed 22-01, practice problem 5.) A sparse autoencoder with 100 sigmoid hidden units is trained with the KL penalty
of Exercise 6 and target $\rho = 0.05$. What does the penalty control?""", [
    ("A", "Exactly 5 units are active (non-zero) for every input, like a bottleneck of size 5"),
    ("B", "The number of hidden units, reduced from 100 to 5 during training"),
    ("C", "Nothing: the KL penalty is zero for sigmoid units"),
    ("D", r"The average activation $\hat\rho_j$ of each unit over the data, not the number of active units")], "D", "what is the measured average activation an average of? (notebook 04, “The KL sparsity penalty”)")
total += sh.quiz(4, "Quiz 4", r"""
(Seed 22-01, practice problem 3.) With masking probability $p$, what does the diagonal gain $1/(1-p)$ achieve?""", [
    ("A", r"It minimises $\mathbb{E}\lVert x - W\tilde x\rVert^2$ over diagonal $W$"),
    ("B", "It is the optimum of the full (non-diagonal) problem"),
    ("C", r"It makes the reconstruction unbiased, $\mathbb{E}[W\tilde x] = x$, at a larger squared error than gain 1"),
    ("D", "It gives zero reconstruction error")], "C", "compare the masking loss at both gains (notebook 03, “Masking noise: practice problem 3 has the wrong answer”)")

sh.write("solutions/03-losses-and-denoising.ipynb")
print("sheet 03:", total, "points")
