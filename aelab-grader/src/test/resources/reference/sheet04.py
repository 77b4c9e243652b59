"""Writes solutions/04-vae-kl-elbo.ipynb (run from the repository root with /usr/bin/python3)."""
import numpy as np
from sheet_common import Sheet, probe, jarr, lit, weigh

FORBID = ["aelab.gaussian", "GaussianKl", "MonteCarloKl", "DiagonalGaussian", "aelab.elbo", "Elbo.",
          "GradientEstimators", "aelab.loss", "Likelihoods."]
LN4 = float(np.log(4))
MU3 = np.array([0.5, -1, 2])
LV3 = np.array([0.3, -0.7, 1.2])
EPS3 = np.array([0.1, -0.4, 1.3])


def kl(mu, lv):
    mu, lv = np.asarray(mu, float), np.asarray(lv, float)
    return 0.5 * np.sum(mu ** 2 + np.exp(lv) - 1 - lv)


def elbo(mu, lv, eps, f):
    mu, lv, eps = np.asarray(mu, float), np.asarray(lv, float), np.asarray(eps, float)
    z = mu + np.exp(lv / 2) * eps
    return np.mean([f(r) for r in z]) - kl(mu, lv)


def lme(w):
    w = np.asarray(w, float)
    m = w.max()
    return m + np.log(np.mean(np.exp(w - m)))


def gelbo(x, s2, m, v):
    return -0.5 * np.log(2 * np.pi * s2) - ((x - m) ** 2 + v) / (2 * s2) - 0.5 * (m * m + v - 1 - np.log(v))


def lognormal(x, var):
    return -0.5 * np.log(2 * np.pi * var) - x * x / (2 * var)


sh = Sheet(r"""
# Sheet 4: the VAE — KL term, reparameterisation, ELBO and IWAE

{INTRO}

Notation: the encoder outputs $q_\phi(z\mid x) = \mathcal{N}(\mu, \operatorname{diag}(\sigma^2))$ as the vectors
$\mu$ and $\log\sigma^2$ (`logVar`); the prior is $p(z) = \mathcal{N}(0, I)$. Do **not** call the course library's
own implementations (`aelab.gaussian`, `aelab.elbo`, `aelab.loss`): a part that does earns no points.
""")
sh.setup()
total = 0

# ---------------------------------------------------------------- Exercise 1: KL
sh.md(r"""
## Exercise 1: the KL term in closed form (4 points)

For $q = \mathcal{N}(\mu, \operatorname{diag}(\sigma^2))$ and $p = \mathcal{N}(0, I)$ in $M$ dimensions,
$$D_{\mathrm{KL}}(q\,\Vert\,p) = \frac12\sum_{m=1}^{M}\big(\mu_m^2 + \sigma_m^2 - 1 - \log\sigma_m^2\big) \;\ge 0 .$$
Implement `klToStandardNormal(mu, logVar)` (note $\sigma_m^2 = e^{\texttt{logVar}_m}$).
""")
sh.solution("kl-impl", r"""
double klToStandardNormal(double[] mu, double[] logVar) {
    // BEGIN SOLUTION
    double sum = 0;
    for (int m = 0; m < mu.length; m++) {
        sum += mu[m] * mu[m] + Math.exp(logVar[m]) - 1 - logVar[m];
    }
    return 0.5 * sum;
    // END SOLUTION
}
""")
total += sh.grade("kl-check", "Exercise 1: KL to N(0, I)", r"""
SelfCheck.report(
    SelfCheck.close("kl-mean", () -> klToStandardNormal(new double[] {2}, new double[] {0}), 2.0, 1e-12,
        "only the mean differs from the prior: which terms of the closed form remain?"),
    SelfCheck.close("kl-prior", () -> klToStandardNormal(new double[] {0, 0}, new double[] {0, 0}), 0.0, 1e-12,
        "the divergence of a distribution from itself"))
""", [
    probe("q = p (3 dimensions)", "klToStandardNormal(new double[3], new double[3])", expected="0.0", tol=1e-12,
          hint="the divergence of a distribution from itself (notebook 05, “Three identities”)"),
    probe("means only: mu = (1, -2), logVar = 0", "klToStandardNormal(new double[] {1, -2}, new double[] {0, 0})",
          expected="2.5", tol=1e-12, hint="the divergence is never negative; check the constant factor in front of the sum (notebook 05, “The diagonal case used by every VAE”)"),
    probe("variances only: sigma^2 = (4, 1/4)",
          "klToStandardNormal(new double[] {0, 0}, new double[] {%s, %s})" % (lit(LN4), lit(-LN4)),
          expected=lit(kl([0, 0], [LN4, -LN4])), tol=1e-12, hint="the inputs are log-variances: exponentiate to get the variances, and keep every term of the closed form (notebook 05, “The diagonal case used by every VAE”)"),
    probe("3 dimensions, mixed", "klToStandardNormal(%s, %s)" % (jarr(MU3), jarr(LV3)), expected=lit(kl(MU3, LV3)),
          tol=1e-12, hint="sum the per-coordinate closed form over the dimensions (notebook 05, “The diagonal case used by every VAE”)"),
], forbidden=FORBID)

# ---------------------------------------------------------------- Exercise 2: reparameterisation
sh.md(r"""
## Exercise 2: the reparameterised sample (3 points)

The reparameterisation trick writes a sample of $q$ as a deterministic, differentiable function of $(\mu, \sigma)$
and noise that does not depend on $\phi$:
$$z = \mu + \sigma\odot\epsilon,\qquad \sigma = \exp\big(\tfrac12\log\sigma^2\big),\qquad \epsilon\sim\mathcal{N}(0, I).$$
Implement `reparameterize(mu, logVar, eps)` for a given $\epsilon$ (the caller draws it). Mind that $\sigma$ — the
**standard deviation** — multiplies $\epsilon$.
""")
sh.solution("reparam-impl", r"""
double[] reparameterize(double[] mu, double[] logVar, double[] eps) {
    // BEGIN SOLUTION
    double[] z = new double[mu.length];
    for (int m = 0; m < mu.length; m++) {
        z[m] = mu[m] + Math.exp(0.5 * logVar[m]) * eps[m];
    }
    return z;
    // END SOLUTION
}
""")
total += sh.grade("reparam-check", "Exercise 2: reparameterised sample", r"""
SelfCheck.report(
    SelfCheck.close("z-eps0", () -> reparameterize(new double[] {1.5}, new double[] {0.7}, new double[] {0})[0], 1.5,
        1e-12, "without noise the sample is the mean"),
    SelfCheck.close("z-len", () -> reparameterize(new double[] {0, 0, 0}, new double[3], new double[3]).length, 3, 0,
        "one coordinate per latent dimension"))
""", [
    probe("unit variance (logVar = 0)", "reparameterize(new double[] {1, -1}, new double[] {0, 0}, new double[] {0.5, 2})[1]",
          expected="1.0", tol=1e-12, hint="shift by the mean and scale the noise by the standard deviation (notebook 07, “The reparameterized sample has the right distribution”)"),
    probe("sigma^2 = 4", "reparameterize(new double[] {0.5}, new double[] {%s}, new double[] {1.5})[0]" % lit(LN4),
          expected="3.5", tol=1e-12, hint="scale the noise by the standard deviation, not the variance: the inputs are log-variances"),
    probe("3 dimensions, coordinate 3", "reparameterize(%s, %s, %s)[2]" % (jarr(MU3), jarr(LV3), jarr(EPS3)),
          expected=lit(MU3[2] + np.exp(LV3[2] / 2) * EPS3[2]), tol=1e-12, hint="each coordinate uses its own mean, log-variance and noise"),
], forbidden=FORBID)

# ---------------------------------------------------------------- Exercise 3: ELBO estimator
E2 = np.array([[0.5, 1], [-1, 2]])
EPS33 = np.array([[0.1, -0.4, 1.3], [-1.2, 0.8, 0.3], [0.6, 0.0, -0.9]])
sh.md(r"""
## Exercise 3: a Monte Carlo ELBO estimator (4 points)

$$\mathcal{L}(x) = \mathbb{E}_{q(z\mid x)}[\log p_\theta(x\mid z)] - D_{\mathrm{KL}}(q(z\mid x)\,\Vert\,p(z))
\approx \frac1L\sum_{l=1}^{L}\log p_\theta\big(x\mid z^{(l)}\big) - D_{\mathrm{KL}}(q\,\Vert\,p),\qquad
z^{(l)} = \mu + \sigma\odot\epsilon^{(l)} .$$
Implement `elboEstimate(mu, logVar, eps, logLikelihood)`: row $l$ of `eps` is $\epsilon^{(l)}$, and
`logLikelihood.applyAsDouble(z)` returns $\log p_\theta(x\mid z)$ for the fixed observation $x$. Use the closed-form
KL (you may call your own functions from Exercises 1 and 2). The KL is **subtracted**: the ELBO is a lower bound on
$\log p(x)$ and the KL is $\ge 0$.
""")
sh.solution("elbo-impl", r"""
double elboEstimate(double[] mu, double[] logVar, double[][] eps, ToDoubleFunction<double[]> logLikelihood) {
    // BEGIN SOLUTION
    double reconstruction = 0;
    double kl = 0;
    for (int m = 0; m < mu.length; m++) {
        kl += 0.5 * (mu[m] * mu[m] + Math.exp(logVar[m]) - 1 - logVar[m]);
    }
    for (double[] e : eps) {
        double[] z = new double[mu.length];
        for (int m = 0; m < mu.length; m++) {
            z[m] = mu[m] + Math.exp(0.5 * logVar[m]) * e[m];
        }
        reconstruction += logLikelihood.applyAsDouble(z);
    }
    return reconstruction / eps.length - kl;
    // END SOLUTION
}
""")
total += sh.grade("elbo-check", "Exercise 3: ELBO estimator", r"""
SelfCheck.report(
    SelfCheck.close("elbo-const", () -> elboEstimate(new double[] {0}, new double[] {0}, new double[][] {{0.3}, {-0.3}},
        z -> -2.0), -2.0, 1e-12, "here the approximate posterior is the prior, and a constant log-likelihood averages to itself"),
    SelfCheck.close("elbo-kl", () -> elboEstimate(new double[] {2}, new double[] {0}, new double[][] {{0}}, z -> 0.0),
        -2.0, 1e-12, "the KL term is subtracted"))
""", [
    probe("q = p, two samples", "elboEstimate(new double[] {0}, new double[] {0}, new double[][] {{1}, {-1}}, "
          "z -> -z[0] * z[0])", expected="-1.0", tol=1e-12, hint="average the log-likelihood over the samples (notebook 06, “Estimating the ELBO”)"),
    probe("2 dimensions, two samples",
          "elboEstimate(new double[] {1, 0}, new double[] {0, %s}, %s, z -> -0.5 * (z[0] * z[0] + z[1] * z[1]))"
          % (lit(-LN4), jarr(E2)),
          expected=lit(elbo([1, 0], [0, -LN4], E2, lambda z: -0.5 * (z[0] ** 2 + z[1] ** 2))), tol=1e-12,
          hint="the bound is the expected log-likelihood minus the divergence from the prior (notebook 06, “Estimating the ELBO”)"),
    probe("one sample at eps = 0", "elboEstimate(new double[] {2}, new double[] {%s}, new double[][] {{0}}, "
          "z -> 3 * z[0])" % lit(np.log(2)),
          expected=lit(elbo([2], [np.log(2)], [[0]], lambda z: 3 * z[0])), tol=1e-12,
          hint="subtract the divergence, do not add it"),
    probe("3 dimensions, three samples", "elboEstimate(%s, %s, %s, z -> z[0] - z[1] * z[2])"
          % (jarr(MU3), jarr(LV3), jarr(EPS33)),
          expected=lit(elbo(MU3, LV3, EPS33, lambda z: z[0] - z[1] * z[2])), tol=1e-12,
          hint="build one sample per row of noise and divide by the number of samples"),
], forbidden=FORBID)

# ---------------------------------------------------------------- Exercise 4: IWAE
LN3 = float(np.log(3))
sh.md(r"""
## Exercise 4: the importance-weighted bound (4 points)

With $K$ samples $z_k \sim q(z\mid x)$ and log-weights $w_k = \log p(x, z_k) - \log q(z_k\mid x)$, the IWAE bound is
$$\mathcal{L}_K = \log\frac1K\sum_{k=1}^{K} e^{w_k}\;\ge\;\frac1K\sum_k w_k$$
(the right-hand side, the average of the logs, is the ordinary ELBO estimate — a different, smaller quantity).
Log-weights are often large in magnitude ($\pm 1000$), where $e^{w_k}$ overflows to $\infty$ or underflows to $0$.
Compute it stably with the **log-sum-exp** trick: with $w^\ast = \max_k w_k$,
$\mathcal{L}_K = w^\ast + \log\frac1K\sum_k e^{w_k - w^\ast}$. Implement `iwaeBound(logWeights)`.
""")
sh.solution("iwae-impl", r"""
double iwaeBound(double[] logWeights) {
    // BEGIN SOLUTION
    double max = Double.NEGATIVE_INFINITY;
    for (double w : logWeights) max = Math.max(max, w);
    double sum = 0;
    for (double w : logWeights) sum += Math.exp(w - max);
    return max + Math.log(sum / logWeights.length);
    // END SOLUTION
}
""")
total += sh.grade("iwae-check", "Exercise 4: IWAE bound", r"""
SelfCheck.report(
    SelfCheck.close("iwae-one", () -> iwaeBound(new double[] {-3.5}), -3.5, 1e-12, "with a single sample the bound is its log-weight"),
    SelfCheck.close("iwae-two", () -> iwaeBound(new double[] {0, Math.log(5)}), Math.log(3), 1e-12,
        "the logarithm of the MEAN weight"),
    SelfCheck.close("iwae-big", () -> iwaeBound(new double[] {800, 800}), 800, 1e-9,
        "large log-weights overflow when exponentiated: subtract the maximum first"))
""", [
    probe("equal log-weights", "iwaeBound(new double[] {2, 2, 2})", expected="2.0", tol=1e-12,
          hint="with equal weights the average inside the logarithm is easy to check by hand (notebook 06, “The importance-weighted bound (IWAE)”)"),
    probe("log-weights (0, log 3)", "iwaeBound(new double[] {0, %s})" % lit(LN3), expected=lit(np.log(2)),
          tol=1e-12, hint="take the logarithm of the average weight, not the average of the log-weights (notebook 06, “The importance-weighted bound (IWAE)”)"),
    probe("large log-weights (1000, 1000 + log 3)", "iwaeBound(new double[] {1000, %s})" % lit(1000 + LN3),
          expected=lit(lme([1000, 1000 + LN3])), tol=1e-9, hint="large log-weights overflow when exponentiated: shift by the largest one first, the log-sum-exp trick"),
    probe("very negative log-weights", "iwaeBound(new double[] {-1000, %s, -1001})" % lit(-1000 - LN3),
          expected=lit(lme([-1000, -1000 - LN3, -1001])), tol=1e-9,
          hint="very negative log-weights underflow when exponentiated: the same shift helps"),
], forbidden=FORBID)

# ---------------------------------------------------------------- Exercise 5: ELBO of a linear-Gaussian model
sh.md(r"""
## Exercise 5: the ELBO of a linear-Gaussian model in closed form (3 points)

(Seed exercise, VAE part 1.) Starting from $\log p(x) = \log\int p(x\mid z)p(z)\,dz$, multiply and divide by $q(z)$
and apply Jensen's inequality ($\log$ is concave) to get
$$\log p(x) \;\ge\; \mathbb{E}_q[\log p(x\mid z)] - D_{\mathrm{KL}}(q\,\Vert\,p(z)) = \mathrm{ELBO}(q).$$
Take the one-dimensional model $p(z) = \mathcal{N}(0, 1)$, $p(x\mid z) = \mathcal{N}(x; z, s^2)$ and
$q = \mathcal{N}(m, v)$. Using $\mathbb{E}_q[(x - z)^2] = (x - m)^2 + v$,
$$\mathrm{ELBO}(m, v) = -\tfrac12\log(2\pi s^2) - \frac{(x - m)^2 + v}{2s^2} - \tfrac12\big(m^2 + v - 1 - \log v\big).$$
Implement `gaussianModelElbo(x, noiseVar, m, v)` ($s^2$ = `noiseVar`). At the exact posterior,
$m = x/(1+s^2)$, $v = s^2/(1+s^2)$, it equals $\log p(x) = \log\mathcal{N}(x; 0, 1+s^2)$; anywhere else it is
smaller (try it).
""")
sh.solution("gelbo-impl", r"""
double gaussianModelElbo(double x, double noiseVar, double m, double v) {
    // BEGIN SOLUTION
    double expectedLogLik = -0.5 * Math.log(2 * Math.PI * noiseVar) - ((x - m) * (x - m) + v) / (2 * noiseVar);
    double kl = 0.5 * (m * m + v - 1 - Math.log(v));
    return expectedLogLik - kl;
    // END SOLUTION
}
""")
assert abs(gelbo(1, 1, 0.5, 0.5) - lognormal(1, 2)) < 1e-14
total += sh.grade("gelbo-check", "Exercise 5: closed-form ELBO of a linear-Gaussian model", r"""
SelfCheck.report(
    SelfCheck.close("gelbo-bound", () -> gaussianModelElbo(0.5, 2.0, 0.1, 0.3) <= -0.5 * Math.log(2 * Math.PI * 3)
        - 0.25 / 6 ? 1 : 0, 1, 0, "the ELBO never exceeds the log-evidence"))
""", [
    probe("exact posterior", "gaussianModelElbo(1.0, 1.0, 0.5, 0.5)", expected=lit(lognormal(1, 2)),
          tol=1e-12, hint="the expected squared error under the approximate posterior includes that posterior's own variance (notebook 06, “Two derivations”)"),
    probe("q = prior", "gaussianModelElbo(1.0, 1.0, 0.0, 1.0)", expected=lit(gelbo(1, 1, 0, 1)), tol=1e-12,
          hint="when the approximate posterior is the prior the divergence term drops out"),
    probe("x = 2, s^2 = 0.5, m = 1, v = 0.2", "gaussianModelElbo(2.0, 0.5, 1.0, 0.2)", expected=lit(gelbo(2, 0.5, 1, 0.2)),
          tol=1e-12, hint="the expected log-likelihood minus the divergence of the approximate posterior from the standard normal prior"),
], forbidden=FORBID)

# ---------------------------------------------------------------- Exercise 6: Gaussian decoder log-likelihood
xg, mg = np.array([1.0, 2, 3]), np.array([0.0, 2, 5])
sh.md(r"""
## Exercise 6: the Gaussian decoder and the squared error (2 points)

For $p_\theta(x\mid z) = \mathcal{N}(x; \mu_\theta(z), \sigma^2 I)$ in $D$ dimensions,
$$\log p_\theta(x\mid z) = -\frac{1}{2\sigma^2}\lVert x - \mu_\theta(z)\rVert^2 - \frac D2\log(2\pi\sigma^2),$$
i.e. $-c\lVert x-\mu\rVert^2 + d$ with $c = 1/(2\sigma^2)$ and $d = -\tfrac D2\log(2\pi\sigma^2)$: maximising it is
minimising the squared error. Implement `gaussianLogLikelihood(x, mean, variance)`.
""")
sh.solution("gauss-ll-impl", r"""
double gaussianLogLikelihood(double[] x, double[] mean, double variance) {
    // BEGIN SOLUTION
    double sse = 0;
    for (int j = 0; j < x.length; j++) sse += (x[j] - mean[j]) * (x[j] - mean[j]);
    return -sse / (2 * variance) - 0.5 * x.length * Math.log(2 * Math.PI * variance);
    // END SOLUTION
}
""")
total += sh.grade("gauss-ll-check", "Exercise 6: Gaussian log-likelihood", r"""
SelfCheck.report(
    SelfCheck.close("ll-1d", () -> gaussianLogLikelihood(new double[] {0}, new double[] {0}, 1.0),
        -0.5 * Math.log(2 * Math.PI), 1e-12, "the normalising constant appears once per dimension"))
""", [
    probe("x = mean, D = 2, sigma^2 = 1", "gaussianLogLikelihood(new double[] {0, 0}, new double[] {0, 0}, 1.0)",
          expected=lit(-np.log(2 * np.pi)), tol=1e-12, hint="the normalising constant appears once per dimension (notebook 02, “MSE is a Gaussian negative log-likelihood”)"),
    probe("D = 3, sigma^2 = 0.5", "gaussianLogLikelihood(%s, %s, 0.5)" % (jarr(xg), jarr(mg)),
          expected=lit(-np.sum((xg - mg) ** 2) / 1.0 - 1.5 * np.log(np.pi)), tol=1e-12,
          hint="the squared error is scaled by the noise variance (notebook 02, “MSE is a Gaussian negative log-likelihood”)"),
], forbidden=FORBID)

# ---------------------------------------------------------------- Exercise 7: pathwise gradient
sh.md(r"""
## Exercise 7: gradients through the sampler (3 points)

(Seed exercise, VAE part 2.) With $z = \mu + \sigma\epsilon$ and $\sigma = e^{\ell/2}$ ($\ell = \log\sigma^2$), the
expectation $\mathbb{E}_{q}[f(z)] = \mathbb{E}_{\epsilon}[f(\mu + e^{\ell/2}\epsilon)]$ is over a distribution that
does not depend on $(\mu, \ell)$, so the gradient moves inside it (chain rule):
$$\frac{\partial}{\partial\mu}\mathbb{E}[f(z)] = \mathbb{E}_\epsilon[f'(z)],\qquad
\frac{\partial}{\partial\ell}\mathbb{E}[f(z)] = \mathbb{E}_\epsilon\Big[f'(z)\,\epsilon\,\frac{\sigma}{2}\Big].$$
Implement the Monte Carlo estimate `reparamGradient(mu, logVar, eps, fPrime)` for one latent dimension: return
`{d/dmu, d/dlogVar}`, averaging over the given samples `eps`; `fPrime.applyAsDouble(z)` is $f'(z)$. (For
$f(z) = z^2$, $\mathbb{E}[f] = \mu^2 + \sigma^2$: the exact gradients are $2\mu$ and $\sigma^2$.)
""")
sh.solution("pathwise-impl", r"""
double[] reparamGradient(double mu, double logVar, double[] eps, DoubleUnaryOperator fPrime) {
    // BEGIN SOLUTION
    double sigma = Math.exp(0.5 * logVar);
    double gradMu = 0, gradLogVar = 0;
    for (double e : eps) {
        double d = fPrime.applyAsDouble(mu + sigma * e);  // f'(z) at z = mu + sigma * eps
        gradMu += d;                                       // dz/dmu = 1
        gradLogVar += d * e * sigma / 2;                   // dz/dlogVar = eps * sigma / 2
    }
    return new double[] {gradMu / eps.length, gradLogVar / eps.length};
    // END SOLUTION
}
""")
total += sh.grade("pathwise-check", "Exercise 7: pathwise gradient", r"""
SelfCheck.report(
    SelfCheck.close("grad-mu", () -> reparamGradient(1.0, 0.0, new double[] {1, -1}, z -> 2 * z)[0], 2.0, 1e-12,
        "the sample moves one for one with the mean: average the derivative of the integrand"),
    SelfCheck.close("grad-logvar", () -> reparamGradient(0.0, 0.0, new double[] {1, -1}, z -> 2 * z)[1], 1.0, 1e-12,
        "compare with the exact derivative of the expectation for this integrand"))
""", [
    probe("f = z^2, mu = 1.5, sigma = 2: d/dmu", "reparamGradient(1.5, %s, new double[] {1, -1}, z -> 2 * z)[0]"
          % lit(LN4), expected="3.0", tol=1e-12, hint="average the derivative of the integrand at the reparameterised samples (notebook 07, “A smooth integrand: both unbiased, very different variances”)"),
    probe("f = z^2, mu = 1.5, sigma = 2: d/dlogVar", "reparamGradient(1.5, %s, new double[] {1, -1}, z -> 2 * z)[1]"
          % lit(LN4), expected="4.0", tol=1e-12, hint="apply the chain rule through the standard deviation as a function of the log-variance (notebook 07, “A smooth integrand: both unbiased, very different variances”)"),
    probe("f = 3 z, three samples: d/dlogVar", "reparamGradient(0.0, 0.0, new double[] {0.5, 2, -1}, z -> 3.0)[1]",
          expected="0.75", tol=1e-12, hint="the derivative of the sample with respect to the log-variance carries a factor from the chain rule"),
], forbidden=FORBID)

# ---------------------------------------------------------------- quizzes
sh.md(r"""
## Quiz

Each question is worth 1 point; return the letter of the answer. The check cells only confirm that your answer is a
valid letter; the autograder grades it.
""")
total += sh.quiz(1, "Quiz 1", r"""
(Seed exercise, VAE part 1.) For any $q(z\mid x)$, the gap $\log p_\theta(x) - \mathrm{ELBO}(q)$ equals:""", [
    ("A", r"$D_{\mathrm{KL}}(q(z\mid x)\,\Vert\,p(z))$"),
    ("B", r"$D_{\mathrm{KL}}(p(z\mid x)\,\Vert\,q(z\mid x))$"),
    ("C", r"$D_{\mathrm{KL}}(q(z\mid x)\,\Vert\,p_\theta(z\mid x))$"),
    ("D", "0, always")], "C", "split the log-evidence into the bound and a divergence (notebook 06, “Two derivations”)")
total += sh.quiz(2, "Quiz 2", r"""
(Seed exercise, VAE part 1.) For a fixed decoder $\theta$, maximising the ELBO over the encoder's $q(z\mid x)$ is
equivalent to:""", [
    ("A", r"Maximising $\log p_\theta(x)$"),
    ("B", r"Minimising $D_{\mathrm{KL}}(q(z\mid x)\,\Vert\,p(z))$ alone"),
    ("C", r"Minimising the reconstruction error alone"),
    ("D", r"Minimising $D_{\mathrm{KL}}(q(z\mid x)\,\Vert\,p_\theta(z\mid x))$")], "D",
    "which terms of the decomposition of the log-evidence depend on the approximate posterior? (notebook 06, “Two derivations”)")
total += sh.quiz(3, "Quiz 3", r"""
(Seed exercise, VAE part 2.) Why does writing $z = \mu_\phi(x) + \sigma_\phi(x)\odot\epsilon$ make
$\nabla_\phi\,\mathbb{E}_{q_\phi}[\log p_\theta(x\mid z)]$ computable by backpropagation?""", [
    ("A", "It removes all randomness from the training objective"),
    ("B", "It makes q equal to the prior, so that the KL term has a closed form"),
    ("C", r"The expectation is now over $\epsilon\sim\mathcal{N}(0, I)$, free of $\phi$, and $z$ is a differentiable "
          r"function of $\phi$"),
    ("D", "It turns the score-function (log-derivative) estimator into an exact gradient")], "C",
    "what does the distribution of the expectation depend on after the change of variables? (notebook 07, “The reparameterized sample has the right distribution”)")
total += sh.quiz(4, "Quiz 4", r"""
(Seed exercise, VAE part 3.) In the $\beta$-VAE objective
$\mathbb{E}_q[\log p_\theta(x\mid z)] - \beta\,D_{\mathrm{KL}}(q(z\mid x)\,\Vert\,p(z))$, what happens as $\beta\to 0$?""", [
    ("A", r"The KL term forces $q(z\mid x) = p(z)$ for all $x$ (posterior collapse)"),
    ("B", r"The KL penalty vanishes: $q(z\mid x)$ drifts away from the prior and the rate (the KL) grows"),
    ("C", "The decoder learns to ignore z, so reconstructions deteriorate"),
    ("D", r"The ELBO becomes equal to $\log p_\theta(x)$")], "B",
    "which term still acts on the approximate posterior when the weight of the divergence vanishes? (notebook 06, “The $\\beta$-weighted objective”)")
total += sh.quiz(5, "Quiz 5", r"""
(Seed exercise, VAE part 3.) And as $\beta\to\infty$?""", [
    ("A", "The model reduces to a plain autoencoder"),
    ("B", "The latent codes become more informative about x"),
    ("C", r"$q(z\mid x)\to p(z)$ for every $x$: z carries no information about x (posterior collapse)"),
    ("D", "Nothing changes: beta only rescales the loss")], "C", "what minimises the divergence term alone? (notebook 06, “The $\\beta$-weighted objective”)")
total += sh.quiz(6, "Quiz 6", r"""
(Seed exercise, VAE part 1.) For a decoder with Bernoulli outputs $\hat x = f_\theta(z)$, the reconstruction term
$\mathbb{E}_{q(z\mid x)}[\log p_\theta(x\mid z)]$ is:""", [
    ("A", "The cross-entropy between the encoder's latent distribution and the decoder's reconstruction"),
    ("B", r"$D_{\mathrm{KL}}(q(z\mid x)\,\Vert\,p(z))$"),
    ("C", "The mean squared error between x and the decoder output"),
    ("D", r"Minus the binary cross-entropy (summed over pixels) between $x$ and $f_\theta(z)$, averaged over "
          r"$z\sim q(z\mid x)$")], "D", "write the Bernoulli log-likelihood of the data (notebook 02, “BCE is a Bernoulli negative log-likelihood”)")

sh.write("solutions/04-vae-kl-elbo.ipynb")
print("sheet 04:", total, "points")
