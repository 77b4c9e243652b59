"""Writes solutions/02-linear-autoencoders-and-pca.ipynb (run from the repository root with /usr/bin/python3)."""
import numpy as np
from sheet_common import Sheet, probe, jarr, lit, weigh

S3 = np.array([[3, 1, 0.5], [1, 2, 0.3], [0.5, 0.3, 1]])
S2 = np.array([[2, 0.5], [0.5, 1]])
WE = np.array([[0.5, -0.2, 0.1], [0.3, 0.8, -0.4]])
WD = np.array([[0.7, 0.1], [-0.3, 0.9], [0.2, 0.4]])
M23 = np.array([[1, 2, 3], [5, 7, 11]])
M32 = M23.T.copy()
WE1 = np.array([[1, 0.5]])
WD1 = np.array([[0.3], [-0.2]])


def loss(we, wd, s):
    p = wd @ we
    return np.trace(s) - 2 * np.trace(p @ s) + np.trace(p @ s @ p.T)


def fd(f, x, h=1e-5):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += h
        xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g


sh = Sheet(r"""
# Sheet 2: linear autoencoders and PCA

{INTRO}

Matrices are `double[][]` in row-major order (`a[i][j]` is row `i`, column `j`). The setup cell defines a small
toolkit you may use: `mul`, `transpose`, `combine(alpha, a, beta, b)` $=\alpha a + \beta b$, `trace`, `identity`,
`inverse` and `weigh` (the checks use it), and imports EJML (`DMatrixRMaj`, `CommonOps_DDRM`,
`DecompositionFactory_DDRM`). Do **not** call the course library's own implementations (`aelab.pca`,
`aelab.linearae`): a part that does earns no points.

Throughout, the data are centred, $\mathbb{E}[x] = 0$, with covariance $\Sigma = \mathbb{E}[x x^\top] \in \mathbb{R}^{d\times d}$;
the linear autoencoder has encoder $W_e \in \mathbb{R}^{k \times d}$ and decoder $W_d \in \mathbb{R}^{d \times k}$,
$\hat x = W_d W_e x$, $k < d$.
""")
sh.setup()
total = 0

# ---------------------------------------------------------------- Exercise 1: trace-form loss
sh.md(r"""
## Exercise 1: the reconstruction loss in trace form (3 points)

Expanding the quadratic and using $a^\top b = \operatorname{tr}(b a^\top)$ gives, with $P = W_d W_e$,
$$L(W_e, W_d) = \mathbb{E}\,\lVert x - W_d W_e x \rVert^2
 = \operatorname{tr}\Sigma - 2\operatorname{tr}(W_d W_e \Sigma) + \operatorname{tr}(W_e^\top W_d^\top W_d W_e \Sigma)
 = \operatorname{tr}\big((I - P)\,\Sigma\,(I - P)^\top\big).$$
Implement `linearAeLoss(we, wd, sigma)`.
""")
sh.solution("loss-impl", r"""
double linearAeLoss(double[][] we, double[][] wd, double[][] sigma) {
    // BEGIN SOLUTION
    double[][] p = mul(wd, we);          // P = W_d W_e, d x d
    double[][] ps = mul(p, sigma);
    return trace(sigma) - 2 * trace(ps) + trace(mul(ps, transpose(p)));
    // END SOLUTION
}
""")
v = np.array([[0.6, 0.8]])
total += sh.grade("loss-check", "Exercise 1: trace-form loss", r"""
SelfCheck.report(
    SelfCheck.close("loss-zero", () -> linearAeLoss(new double[][] {{0, 0}}, new double[][] {{0}, {0}},
        new double[][] {{3, 0}, {0, 1}}), 4.0, 1e-12, "with zero weights nothing is reconstructed: all the variance is lost"),
    SelfCheck.close("loss-first-axis", () -> linearAeLoss(new double[][] {{1, 0}}, new double[][] {{1}, {0}},
        new double[][] {{3, 0}, {0, 1}}), 1.0, 1e-12, "keeping the first axis loses only the variance along the second"))
""", [
    probe("random weights, k = 2, d = 3", "linearAeLoss(%s, %s, %s)" % (jarr(WE), jarr(WD), jarr(S3)),
          expected=lit(loss(WE, WD, S3)), tol=1e-9,
          hint="keep all three terms of the trace form: none of them vanishes for general weights (notebook 01, “Step 1 — the loss as a trace”)"),
    probe("orthogonal projection onto (0.6, 0.8)", "linearAeLoss(%s, %s, %s)" % (jarr(v), jarr(v.T), jarr(S2)),
          expected=lit(loss(v, v.T, S2)), tol=1e-9, hint="the cross term carries a factor two: compare with the expanded square in the exercise"),
    probe("zero weights", "linearAeLoss(new double[2][3], new double[3][2], %s)" % jarr(S3),
          expected="6.0", tol=1e-12, hint="with zero weights nothing is reconstructed: what is left of the loss?"),
])

# ---------------------------------------------------------------- Exercise 2: gradients
sh.md(r"""
## Exercise 2: gradients of the linear autoencoder (8 points)

Differentiate $L$ with respect to each weight matrix (use $\partial_X \operatorname{tr}(A X B) = A^\top B^\top$ and
$\Sigma = \Sigma^\top$). A gradient has the **shape of the matrix it differentiates**: $\partial L/\partial W_e$ is
$k\times d$, $\partial L/\partial W_d$ is $d \times k$.

(a) `encoderGradient(we, wd, sigma)` $= \partial L/\partial W_e$ (2 points).

(b) `decoderGradient(we, wd, sigma)` $= \partial L/\partial W_d$ (3 points). The course text writes
$-2W_e\Sigma + 2W_dW_e\Sigma W_e^\top$: check the shape of its first term before you trust it.

(c) Tied weights, $W_e = W$, $W_d = W^\top$: `tiedGradient(w, sigma)` $= \mathrm{d}L(W, W^\top)/\mathrm{d}W$ (3 points).
Remember that $W$ appears twice in $\operatorname{tr}(W^\top W \Sigma W^\top W)$. (The course text's
$-4W\Sigma + 4WW^\top W\Sigma$ is right only where $W^\top W$ commutes with $\Sigma$.)

The autograder compares your gradients with central finite differences of $L$ at its own random inputs.
""")
sh.solution("enc-grad-impl", r"""
double[][] encoderGradient(double[][] we, double[][] wd, double[][] sigma) {
    // BEGIN SOLUTION
    double[][] wdT = transpose(wd);      // -2 W_d^T Sigma + 2 W_d^T W_d W_e Sigma   (k x d)
    return combine(-2, mul(wdT, sigma), 2, mul(mul(mul(wdT, wd), we), sigma));
    // END SOLUTION
}
""")
gE = fd(lambda x: loss(x, WD, S2 if False else S3), WE.copy())
gE1 = fd(lambda x: loss(x, WD1, S2), WE1.copy())
total += sh.grade("enc-grad-check", "Exercise 2a: encoder gradient", r"""
SelfCheck.report(
    SelfCheck.close("enc-grad", () -> encoderGradient(new double[][] {{1, 0}}, new double[][] {{2}, {0}},
        identity(2))[0][0], 4.0, 1e-12, "differentiate both terms of the trace form that contain the encoder"),
    SelfCheck.close("enc-grad-shape", () -> encoderGradient(new double[][] {{1, 0, 0}}, new double[][] {{1}, {0}, {0}},
        identity(3))[0].length, 3, 0, "the gradient has the shape of the encoder's weight matrix"))
""", [
    probe("random point, k = 2, d = 3 (finite differences)",
          "weigh(encoderGradient(%s, %s, %s), %s)" % (jarr(WE), jarr(WD), jarr(S3), jarr(M23)),
          expected=lit(weigh(gE, M23)), tol=1e-7, rtol=1e-6, hint="compare your gradient with central finite differences of your own loss (notebook 01, “Step 2 — the gradients, and the wrong shape in the course text”)"),
    probe("random point, k = 1, d = 2 (finite differences)",
          "weigh(encoderGradient(%s, %s, %s), new double[][] {{1, 3}})" % (jarr(WE1), jarr(WD1), jarr(S2)),
          expected=lit(weigh(gE1, np.array([[1, 3]]))), tol=1e-7, rtol=1e-6,
          hint="differentiate both terms that contain the encoder; a gradient has the shape of the matrix it differentiates"),
], forbidden=["aelab.linearae", "LinearAutoencoderAnalysis"])

sh.solution("dec-grad-impl", r"""
double[][] decoderGradient(double[][] we, double[][] wd, double[][] sigma) {
    // BEGIN SOLUTION
    double[][] weT = transpose(we);      // -2 Sigma W_e^T + 2 W_d W_e Sigma W_e^T   (d x k)
    return combine(-2, mul(sigma, weT), 2, mul(mul(mul(wd, we), sigma), weT));
    // END SOLUTION
}
""")
gD = fd(lambda x: loss(WE, x, S3), WD.copy())
I2 = np.eye(2)
assert abs(weigh(fd(lambda x: loss(I2, x, S2), I2.copy()), np.array([[1, 2], [3, 5]]))) < 1e-8
expr_dec = "decoderGradient(%s, %s, %s)" % (jarr(WE), jarr(WD), jarr(S3))
total += sh.grade("dec-grad-check", "Exercise 2b: decoder gradient", r"""
SelfCheck.report(
    SelfCheck.close("dec-grad", () -> decoderGradient(new double[][] {{2, 0}}, new double[][] {{1}, {0}},
        identity(2))[0][0], 4.0, 1e-12, "differentiate the two terms of the trace form that contain the decoder"),
    SelfCheck.close("dec-grad-rows", () -> decoderGradient(new double[][] {{1, 0, 0}}, new double[][] {{1}, {0}, {0}},
        identity(3)).length, 3, 0, "the gradient has the shape of the decoder's weight matrix"))
""", [
    probe("shape d x k (rows * 10 + columns)", "%s.length * 10 + %s[0].length" % (expr_dec, expr_dec), type_="long",
          expected="32", hint="a gradient has the shape of the matrix it differentiates: check the course text's first term against that (notebook 01, “Step 2 — the gradients, and the wrong shape in the course text”)"),
    probe("random point, k = 2, d = 3 (finite differences)", "weigh(%s, %s)" % (expr_dec, jarr(M32)),
          expected=lit(weigh(gD, M32)), tol=1e-7, rtol=1e-6,
          hint="the course text's first term has the wrong shape: derive the decoder gradient yourself from the trace form (notebook 01, “Step 2 — the gradients, and the wrong shape in the course text”)"),
    probe("square case W_e = W_d = I",
          "weigh(decoderGradient(identity(2), identity(2), %s), new double[][] {{1, 2}, {3, 5}})" % jarr(S2),
          expected="0.0", tol=1e-9, hint="at this input the terms of your gradient must balance: recheck their signs and the order of the factors"),
], forbidden=["aelab.linearae", "LinearAutoencoderAnalysis"])

sh.solution("tied-grad-impl", r"""
double[][] tiedGradient(double[][] w, double[][] sigma) {
    // BEGIN SOLUTION
    double[][] ws = mul(w, sigma);       // -4 W Sigma + 2 W Sigma W^T W + 2 W W^T W Sigma
    double[][] wtw = mul(transpose(w), w);
    return combine(1, combine(-4, ws, 2, mul(ws, wtw)), 2, mul(mul(w, wtw), sigma));
    // END SOLUTION
}
""")
gT = fd(lambda x: loss(x, x.T, S3), WE.copy())
W1 = np.array([[1.0, 1.0]])
S11 = np.array([[2.0, 1.0], [1.0, 2.0]])
gT1 = fd(lambda x: loss(x, x.T, S11), W1.copy())
assert abs(weigh(gT1, np.array([[1, 3]])) - 48) < 1e-6
total += sh.grade("tied-grad-check", "Exercise 2c: tied gradient", r"""
SelfCheck.report(
    SelfCheck.close("tied-grad", () -> tiedGradient(new double[][] {{2, 0}}, identity(2))[0][0], 24.0, 1e-12,
        "the weight matrix appears in the encoder and, transposed, in the decoder: add both contributions"),
    SelfCheck.close("tied-grad-cols", () -> tiedGradient(new double[][] {{1, 0, 0}}, identity(3))[0].length, 3, 0,
        "the gradient has the shape of the weight matrix"))
""", [
    probe("random W (2 x 3) and Sigma (finite differences)",
          "weigh(tiedGradient(%s, %s), %s)" % (jarr(WE), jarr(S3), jarr(M23)), points=2,
          expected=lit(weigh(gT, M23)), tol=1e-7, rtol=1e-6,
          hint="the tied weight matrix appears in the encoder and in the decoder: add both contributions; the course "
               "text's shortcut holds only in a special case (notebook 01, “Step 5 — tied weights, and the wrong "
               "gradient in the course text”)"),
    probe("W along an eigenvector of Sigma", "weigh(tiedGradient(new double[][] {{1, 1}}, %s), new double[][] {{1, 3}})"
          % jarr(S11), expected="48.0", tol=1e-9, hint="differentiate every occurrence of the weight matrix in the trace form, then compare with finite differences (notebook 01, “Step 5 — tied weights, and the wrong gradient in the course text”)"),
], forbidden=["aelab.linearae", "LinearAutoencoderAnalysis"])

# ---------------------------------------------------------------- Exercise 3: optimum's loss
Sex1 = np.array([[1.25, 1.25], [1.25, 1.25]])
ev3 = np.sort(np.linalg.eigvalsh(S3))
sh.md(r"""
## Exercise 3: the loss at the optimum (3 points)

Setting the gradients to zero and comparing the stationary points, the global minimum reconstructs along the $k$
eigenvectors of $\Sigma$ with the **largest** eigenvalues $\lambda_1 \ge \dots \ge \lambda_d$ (the first $k$
principal components). The minimum loss is the variance that is not kept:
$$\min L = \sum_{i=k+1}^{d} \lambda_i .$$
Implement `optimalLoss(sigma, k)` (use EJML's `DecompositionFactory_DDRM.eig(d, false, true)` for the eigenvalues).
For seed example 1 (points $(1,2), (2,3), (3,4), (4,5)$, $\Sigma = \begin{pmatrix}1.25 & 1.25\\ 1.25 & 1.25\end{pmatrix}$,
$k = 1$) the optimum reconstructs every point exactly.
""")
sh.solution("opt-loss-impl", r"""
double optimalLoss(double[][] sigma, int k) {
    // BEGIN SOLUTION
    int d = sigma.length;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
    if (!eig.decompose(new DMatrixRMaj(sigma))) {
        throw new IllegalStateException("eigendecomposition failed");
    }
    double[] lambda = new double[d];
    for (int i = 0; i < d; i++) {
        lambda[i] = eig.getEigenvalue(i).real;
    }
    java.util.Arrays.sort(lambda);                       // ascending
    double lost = 0;
    for (int i = 0; i < d - k; i++) {
        lost += lambda[i];                               // the d - k smallest eigenvalues are not kept
    }
    return lost;
    // END SOLUTION
}
""")
total += sh.grade("opt-loss-check", "Exercise 3: loss at the optimum", r"""
SelfCheck.report(
    SelfCheck.close("opt-diag", () -> optimalLoss(new double[][] {{5, 0, 0}, {0, 2, 0}, {0, 0, 1}}, 1), 3.0, 1e-9,
        "keep the k largest eigenvalues; the loss is the sum of the others"),
    SelfCheck.close("opt-full", () -> optimalLoss(new double[][] {{5, 0}, {0, 2}}, 2), 0.0, 1e-9,
        "keeping every direction loses nothing"))
""", [
    probe("Sigma = [[2, 1], [1, 2]], k = 1", "optimalLoss(new double[][] {{2, 1}, {1, 2}}, 1)", expected="1.0",
          tol=1e-9, hint="the minimum loss is the variance that the kept directions do not capture (notebook 01, “Step 3 — the stationary points, and why $W_dW_e\\neq I$”)"),
    probe("3 x 3 Sigma, k = 1", "optimalLoss(%s, 1)" % jarr(S3), expected=lit(ev3[0] + ev3[1]), tol=1e-9,
          hint="sort the eigenvalues and keep the largest ones"),
    probe("seed example 1, k = 1", "optimalLoss(%s, 1)" % jarr(Sex1), expected="0.0", tol=1e-9,
          hint="how much variance lies outside the first principal direction of this covariance?"),
], forbidden=["aelab.pca", "Pca.", "aelab.linearae", "LinearAutoencoderAnalysis"])

# ---------------------------------------------------------------- Exercise 4: PCA via SVD
rng = np.random.default_rng(20251121)
base = rng.normal(size=(6, 3)) @ np.array([[2.0, 0.5, 0.0], [0.0, 1.0, 0.3], [0.0, 0.0, 0.4]])
X6 = np.round(base + np.array([10.0, -5.0, 3.0]), 1)
Xc = X6 - X6.mean(axis=0)
_, sv, vt = np.linalg.svd(Xc)
assert sv[0] > 1.2 * sv[1] > 1.44 * sv[2]
W33 = np.array([[1, 2, 3], [5, 7, 11], [13, 17, 19]])
P1 = np.outer(vt[0], vt[0])
P2 = vt[:2].T @ vt[:2]
Xex1 = np.array([[1, 2], [2, 3], [3, 4], [4, 5]])


def pca_probe(name, x, k, w, value, hint):
    e = "principalComponents(%s, %d)" % (jarr(x), k)
    return probe(name, "weigh(mul(transpose(%s), %s), %s)" % (e, e, jarr(w)), expected=lit(value), tol=1e-8,
                 hint=hint)


sh.md(r"""
## Exercise 4: PCA via the SVD (4 points)

For a data matrix $X \in \mathbb{R}^{n\times d}$ with one sample per **row**: centre the columns,
$\tilde X = X - \mathbf{1}\bar x^\top$, take the SVD $\tilde X = U S V^\top$, and return the right singular vectors
of the $k$ **largest** singular values as the rows of a $k \times d$ matrix, largest first. (Their squared singular
values divided by $n$ are the eigenvalues of the covariance $\Sigma = \tilde X^\top \tilde X / n$.)

Implement `principalComponents(data, k)` with EJML: `DecompositionFactory_DDRM.svd(n, d, false, true, false)`,
`decompose`, `getSingularValues()`, `numberOfSingularValues()` and `getV(null, true)` (rows of $V^\top$). EJML does
**not** sort the singular values. The sign of each component is arbitrary (the checks accept either). Do not use
`aelab.pca`.
""")
sh.solution("pca-impl", r"""
double[][] principalComponents(double[][] data, int k) {
    // BEGIN SOLUTION
    int n = data.length, d = data[0].length;
    double[][] centred = new double[n][d];
    for (int j = 0; j < d; j++) {
        double mean = 0;
        for (int i = 0; i < n; i++) mean += data[i][j];
        mean /= n;
        for (int i = 0; i < n; i++) centred[i][j] = data[i][j] - mean;
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, d, false, true, false);
    if (!svd.decompose(new DMatrixRMaj(centred))) {
        throw new IllegalStateException("SVD failed");
    }
    double[] s = svd.getSingularValues();
    DMatrixRMaj vt = svd.getV(null, true);               // row r = right singular vector r
    int m = svd.numberOfSingularValues();
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));   // largest singular value first
    double[][] components = new double[k][d];
    for (int r = 0; r < k; r++)
        for (int j = 0; j < d; j++) components[r][j] = vt.get(order[r], j);
    return components;
    // END SOLUTION
}
""")
total += sh.grade("pca-check", "Exercise 4: PCA via SVD", r"""
double[][] pcaData = {{0, 0}, {2, 0}, {0, 1}, {2, 1}};
SelfCheck.report(
    SelfCheck.close("pca-first", () -> Math.abs(principalComponents(pcaData, 1)[0][0]), 1.0, 1e-9,
        "the first component is the direction of largest variance (here the x axis)"),
    SelfCheck.close("pca-shape", () -> principalComponents(pcaData, 2).length, 2, 0, "return k rows of length d"))
""", [
    pca_probe("seed example 1, k = 1 (projector)", Xex1, 1, np.array([[1, 2], [3, 4]]), 5.0,
              "the first component is the direction of largest variance: use the largest singular values (notebook 01, “Step 7 — PCA by SVD, and which singular vectors”)"),
    pca_probe("6 x 3 data with a large mean, k = 1", X6, 1, W33, weigh(P1, W33),
              "centre the columns before the SVD (notebook 01, “Step 7 — PCA by SVD, and which singular vectors”)"),
    pca_probe("6 x 3 data, k = 2", X6, 2, W33, weigh(P2, W33),
              "return the components as rows, largest singular value first"),
    pca_probe("6 x 3 data, k = d = 3", X6, 3, W33, 27.0, "the components are orthonormal rows"),
], forbidden=["aelab.pca", "Pca.", "aelab.linearae", "LinearAutoencoderAnalysis"])

# ---------------------------------------------------------------- Exercise 5: practice 2
w3 = np.array([0.2, -0.5, 1.0])
sh.md(r"""
## Exercise 5: the 1-D autoencoder and the eigenvector equation (2 points)

(Seed 22-01, practice problem 2.) With encoder $w \in \mathbb{R}^d$ and decoder $v \in \mathbb{R}^d$,
$$L(w, v) = \mathbb{E}\,\lVert x - v\, w^\top x\rVert^2 = \operatorname{tr}\Sigma - 2\, w^\top \Sigma v
  + (w^\top\Sigma w)\,\lVert v\rVert^2 .$$
Setting $\nabla_v L = 0$ gives the best decoder for a fixed encoder, $v^\star = \Sigma w / (w^\top \Sigma w)$;
substituting it back leaves $\operatorname{tr}\Sigma - (w^\top\Sigma^2 w)/(w^\top \Sigma w)$, which is smallest
when $\Sigma w = \lambda w$ for the largest eigenvalue $\lambda$. Implement `optimalDecoder(sigma, w)` $= v^\star$.
""")
sh.solution("decoder-impl", r"""
double[] optimalDecoder(double[][] sigma, double[] w) {
    // BEGIN SOLUTION
    int d = w.length;
    double[] sw = new double[d];
    for (int i = 0; i < d; i++)
        for (int j = 0; j < d; j++) sw[i] += sigma[i][j] * w[j];
    double q = 0;                                        // w^T Sigma w
    for (int i = 0; i < d; i++) q += w[i] * sw[i];
    for (int i = 0; i < d; i++) sw[i] /= q;
    return sw;
    // END SOLUTION
}
""")
vstar = S3 @ w3 / (w3 @ S3 @ w3)
total += sh.grade("decoder-check", "Exercise 5: optimal decoder for a fixed encoder", r"""
SelfCheck.report(
    SelfCheck.close("dec-v0", () -> optimalDecoder(new double[][] {{2, 0}, {0, 1}}, new double[] {1, 1})[0], 2.0 / 3,
        1e-12, "set the gradient in the decoder to zero with the encoder held fixed"))
""", [
    probe("Sigma 2 x 2, w = (1, 0): v[1]", "optimalDecoder(%s, new double[] {1, 0})[1]" % jarr(S2), expected="0.25",
          tol=1e-12, hint="set the gradient of the loss in the decoder to zero with the encoder held fixed; the normaliser is a variance along the encoder, not a squared length (notebook 01, “Step 3 — the stationary points, and why $W_dW_e\\neq I$”)"),
    probe("Sigma 3 x 3, w = (0.2, -0.5, 1): v[0]", "optimalDecoder(%s, %s)[0]" % (jarr(S3), jarr(w3)),
          expected=lit(vstar[0]), tol=1e-12, hint="set the gradient of the loss in the decoder to zero with the encoder held fixed (notebook 01, “Step 3 — the stationary points, and why $W_dW_e\\neq I$”)"),
], forbidden=["aelab.pca", "Pca.", "aelab.linearae", "LinearAutoencoderAnalysis"])

# ---------------------------------------------------------------- Exercise 6: sparsity
sh.md(r"""
## Exercise 6: the $L_1$ sparsity penalty (3 points)

(Seed exercise, part 3.) Adding $\lambda\sum_j |h_j|$ to the loss makes it non-differentiable at $h_j = 0$. For one
code coordinate with an orthonormal decoder the problem separates into
$$h^\star(u) = \arg\min_h\; (u - h)^2 + \lambda |h| ,$$
whose solution is the **soft-thresholding** operator $h^\star = \operatorname{sign}(u)\max(0, |u| - \lambda/2)$: small
codes become exactly zero (sparsity), large ones shrink by $\lambda/2$. This is the proximal step of proximal-gradient
methods for sparse coding. Implement `softThreshold(u, lambda)`.
""")
sh.solution("soft-impl", r"""
double softThreshold(double u, double lambda) {
    // BEGIN SOLUTION
    return Math.signum(u) * Math.max(0, Math.abs(u) - lambda / 2);
    // END SOLUTION
}
""")
total += sh.grade("soft-check", "Exercise 6: soft thresholding", r"""
SelfCheck.report(
    SelfCheck.close("soft-1", () -> softThreshold(1.0, 1.0), 0.5, 1e-12, "shrink the magnitude by the threshold that the derivative gives you"))
""", [
    probe("u = 3, lambda = 2", "softThreshold(3.0, 2.0)", expected="2.0", tol=1e-12,
          hint="set the derivative of the penalised square to zero on the positive side: where does the threshold lie? (notebook 04, “Soft thresholding: the proximal step of the L1 penalty”)"),
    probe("u = -3, lambda = 2", "softThreshold(-3.0, 2.0)", expected="-2.0", tol=1e-12,
          hint="the operator is odd: a negative input gives the mirrored output"),
    probe("u = 0.5, lambda = 2 (below the threshold)", "softThreshold(0.5, 2.0)", expected="0.0", tol=1e-12,
          hint="for a small input compare the penalised objective on both sides of the kink (notebook 04, “Soft thresholding: the proximal step of the L1 penalty”)"),
])

# ---------------------------------------------------------------- quizzes
sh.md(r"""
## Quiz

Each question is worth 1 point; return the letter of the answer. The check cells only confirm that your answer is a
valid letter; the autograder grades it.
""")
total += sh.quiz(1, "Quiz 1", r"""
(Seed 22-01, quiz 1 and practice problem 1.) What happens if the bottleneck dimension $h$ of a linear autoencoder
equals (or exceeds) the input dimension $d$?""", [
    ("A", "The autoencoder always learns PCA"),
    ("B", "The autoencoder can learn the identity function and reach zero loss"),
    ("C", "The autoencoder cannot be trained"),
    ("D", "The autoencoder becomes a VAE")], "B", "what can the product of the two weight matrices be when the code is as wide as the input? (notebook 01, “Step 3 — the stationary points, and why $W_dW_e\\neq I$”)")
total += sh.quiz(2, "Quiz 2", r"""
(Seed 22-01, quiz 2.) A linear autoencoder with MSE loss and bottleneck $h$ is equivalent to:""", [
    ("A", "$k$-means clustering with $k = h$"),
    ("B", "PCA retaining $h$ principal components (the same subspace)"),
    ("C", "Linear discriminant analysis"),
    ("D", "Independent component analysis")], "B", "which method minimises the same reconstruction error? (notebook 01, “Step 1 — the loss as a trace”)")
total += sh.quiz(3, "Quiz 3", r"""
(Seed 22-01, quiz 5, corrected: see the errata.) For mean-centred data with covariance $\Sigma$, which function of
$P = W_{dec}W_{enc}$ equals the reconstruction loss $\mathbb{E}\lVert x - Px\rVert^2$ for **every** $P$, including
the non-symmetric $P$ of untied weights?""", [
    ("A", r"$\operatorname{tr}\big((I - P)\, \Sigma\, (I - P)^\top\big)$"),
    ("B", r"$\lVert \Sigma - P\rVert_F^2$"),
    ("C", r"$\operatorname{tr}(\Sigma) - \operatorname{tr}(P\Sigma)$"),
    ("D", r"$\operatorname{tr}\big((I - P)^\top \Sigma\, (I - P)\big)$ (the course text's form)")], "A",
    "evaluate each candidate at a product of weights that is neither symmetric nor a projection; your loss from the first exercise helps (notebook 01, “Step 1 — the loss as a trace”)")
sh.explain(r"""
$\lVert x - Px\rVert^2 = \operatorname{tr}\big((I-P)xx^\top(I-P)^\top\big)$, so its mean is A. D is A with $P$
replaced by $P^\top$: equal only for symmetric $P$ (tied weights). C equals the loss only when $P$ is an orthogonal
projection. The check estimates the loss by Monte Carlo at the untied weights of Exercise 1 ($x \sim
\mathcal{N}(0, \Sigma)$, $n = 40\,000$) and compares it with A and D within four standard errors of the mean.""", r"""
double[][] sigmaQ3 = {{3, 1, 0.5}, {1, 2, 0.3}, {0.5, 0.3, 1}};
double[][] pQ3 = mul(new double[][] {{0.7, 0.1}, {-0.3, 0.9}, {0.2, 0.4}},
        new double[][] {{0.5, -0.2, 0.1}, {0.3, 0.8, -0.4}});   // W_d W_e, not symmetric
double[][] iMinusP = combine(1, identity(3), -1, pQ3);
double formA = trace(mul(mul(iMinusP, sigmaQ3), transpose(iMinusP)));
double formD = trace(mul(mul(transpose(iMinusP), sigmaQ3), iMinusP));
double[][] cholQ3 = new double[3][3];                // Sigma = L L^T
for (int i = 0; i < 3; i++)
    for (int j = 0; j <= i; j++) {
        double s = sigmaQ3[i][j];
        for (int m = 0; m < j; m++) s -= cholQ3[i][m] * cholQ3[j][m];
        cholQ3[i][j] = i == j ? Math.sqrt(s) : s / cholQ3[j][j];
    }
java.util.Random rngQ3 = new java.util.Random(3);
int nQ3 = 40_000;
double sumQ3 = 0, sumSqQ3 = 0;
for (int t = 0; t < nQ3; t++) {
    double[] eps = {rngQ3.nextGaussian(), rngQ3.nextGaussian(), rngQ3.nextGaussian()};
    double[] x = new double[3];
    for (int i = 0; i < 3; i++) for (int m = 0; m <= i; m++) x[i] += cholQ3[i][m] * eps[m];
    double e = 0;
    for (int i = 0; i < 3; i++) {
        double r = x[i];
        for (int j = 0; j < 3; j++) r -= pQ3[i][j] * x[j];
        e += r * r;
    }
    sumQ3 += e;
    sumSqQ3 += e * e;
}
double mcQ3 = sumQ3 / nQ3;
double seQ3 = Math.sqrt((sumSqQ3 / nQ3 - mcQ3 * mcQ3) / (nQ3 - 1));
SelfCheck.report(
    SelfCheck.close("quiz3-A-is-the-loss", () -> formA, mcQ3, 4 * seQ3,
        "A = Monte Carlo mean of |x - Px|^2 within 4 standard errors"),
    SelfCheck.equal("quiz3-D-is-not", () -> Math.abs(formD - mcQ3) > 4 * seQ3, true,
        "D differs from the loss by more than 4 standard errors at untied weights"))""")
total += sh.quiz(4, "Quiz 4", r"""
(Seed exercise, part 2.) With tied weights and $\Sigma = V\Lambda V^\top$, which encoders $W$ ($k\times d$) attain the
minimum loss? ($V_k$: the eigenvectors of the $k$ largest eigenvalues, distinct eigenvalues assumed.)""", [
    ("A", r"Only $W = V_k^\top$"),
    ("B", r"$W = T V_k^\top$ for any invertible $k\times k$ matrix $T$"),
    ("C", r"Any $W$ with orthonormal rows"),
    ("D", r"$W = Q V_k^\top$ for any orthogonal $k\times k$ matrix $Q$")], "D",
    "which changes of the encoder keep the reconstruction the same orthogonal projection? (notebook 01, “Step 6 — only the subspace is determined”)")
total += sh.quiz(5, "Quiz 5", r"""
(Seed exercise, part 1.) At a minimum of the untied loss with $k < d$, the $d\times d$ matrix $W_d W_e$ is:""", [
    ("A", r"$I_d$"),
    ("B", r"$I_k$"),
    ("C", r"the orthogonal projection onto the span of the top-$k$ eigenvectors of $\Sigma$"),
    ("D", r"$\Sigma^{-1}$")], "C", "what can the rank of the product of the two weight matrices be? (notebook 01, “Step 3 — the stationary points, and why $W_dW_e\\neq I$”)")
total += sh.quiz(6, "Quiz 6", r"""
(Seed exercise, part 3, corrected: see the errata.) Which statement about adding $\lambda\sum_j|h_j|$ to the loss of
an overcomplete ($k > d$) linear autoencoder, with nothing else constraining its weights, is correct?""", [
    ("A", "It does not rule out the copy-the-input solution: dividing the encoder by $c$ and multiplying the decoder "
          "by $c$ keeps every reconstruction and divides the penalty by $c$"),
    ("B", "It is differentiable everywhere, so plain gradient descent handles it without special care"),
    ("C", "It limits the number of latent dimensions $k$, exactly like a smaller bottleneck"),
    ("D", "It makes the optimal linear autoencoder equal to PCA for any $\\lambda$")], "A",
    "can the penalty be made small without changing any reconstruction? (notebook 04, “The overcomplete case”)")
sh.explain(r"""
The penalty needs a scale constraint (bounded decoder columns as in sparse coding, weight decay, tied weights) to
make codes sparse; without one the copy solution $W_d W_e = I$ survives with an arbitrarily small penalty (notebook
04 shows the same on a trained network). B is wrong: $|h|$ has one-sided derivatives $\pm 1$ at 0. The check takes
the copy solution with $k = d + 1$ at scales $c = 1$ and $c = 100$ on random data and compares the two losses.""", r"""
java.util.Random rngQ6 = new java.util.Random(6);
double[][] xQ6 = new double[50][3];
for (double[] row : xQ6) for (int j = 0; j < 3; j++) row[j] = rngQ6.nextGaussian();
// loss(c) = mean |x - W_d W_e x|^2 + lambda mean sum_j |h_j|, W_e = [I; 0] / c (4 x 3), W_d = c [I 0] (3 x 4)
double[] lossesQ6(double c, double lambda) {
    double[][] we = new double[4][3], wd = new double[3][4];
    for (int i = 0; i < 3; i++) { we[i][i] = 1 / c; wd[i][i] = c; }
    double rec = 0, pen = 0;
    for (double[] x : xQ6) {
        double[][] h = mul(we, transpose(new double[][] {x}));
        double[][] xHat = mul(wd, h);
        for (int j = 0; j < 3; j++) rec += (x[j] - xHat[j][0]) * (x[j] - xHat[j][0]);
        for (double[] hj : h) pen += lambda * Math.abs(hj[0]);
    }
    return new double[] {rec / xQ6.length, pen / xQ6.length};
}
double lambdaQ6 = 0.5;
double[] atOne = lossesQ6(1, lambdaQ6), atHundred = lossesQ6(100, lambdaQ6);
double hQ6 = 1e-8;
SelfCheck.report(
    SelfCheck.close("quiz6-copy-reconstructs", () -> atHundred[0], 0, 1e-20, "W_d W_e = I at every scale c"),
    SelfCheck.equal("quiz6-penalty-positive", () -> atOne[1] > 0.1, true, "at c = 1 the penalty is not small"),
    SelfCheck.close("quiz6-penalty-divided-by-c", () -> atHundred[1] * 100, atOne[1], 1e-9 * atOne[1],
        "at c = 100 the same reconstruction costs 1/100 of the penalty"),
    SelfCheck.close("quiz6-B-kink", () -> Math.abs(hQ6) / hQ6 - (-Math.abs(-hQ6) / hQ6), 2, 1e-12,
        "|h| at 0: right derivative +1, left derivative -1 (B is wrong)"))""")

sh.write("solutions/02-linear-autoencoders-and-pca.ipynb")
print("sheet 02:", total, "points")
