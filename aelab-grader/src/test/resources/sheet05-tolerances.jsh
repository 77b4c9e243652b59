// ---- Instructor-side: the tolerance of every data-dependent probe of sheet 05, derived from floating-point error
// bounds on the probe's own inputs, and the solution compared with the course library on the same inputs.
// u = 2^-53 (unit roundoff). Run by MnistSheetGradingIT after the solution's cells; the last expression is the report,
// one line per probe "NAME BOUND DIFF" (DIFF = |solution - library| on the probe's inputs) and "step WORST" (the
// largest |solution's step - library's step| / bound over all parameters).
StringBuilder REPORT = new StringBuilder();
double U = Math.ulp(1.0) / 2;
/** Checksum weights (as in the setup cell's checksum). */
double cws(int i, int j) { return 1 + (7 * i + 3 * j) % 5; }
/** Bound on |checksum(a) - checksum(b)| when |a_ij - b_ij| <= delta_ij, both near values v. */
double checksumBound(double[][] v, double[][] delta) {
    int n = 0;
    double s = 0, abs = 0;
    for (int i = 0; i < v.length; i++) for (int j = 0; j < v[i].length; j++) {
        s += cws(i, j) * delta[i][j];
        abs += cws(i, j) * (Math.abs(v[i][j]) + delta[i][j]);
        n++;
    }
    return s + 2 * (n + 1) * U * abs;   // the two recursive sums each err by at most (n + 1) u sum |terms|
}
// Sampler: z = mu + sigma eps with sigma = exp(l/2), sqrt(exp(l)), ...: |dz| <= 8u (|mu| + |sigma eps|).
double[][] E11 = noise(16, 8, 11);
double[][] Z11 = sampleLatents(testMu, testLogVar, E11);
double[][] dZ11 = new double[16][8];
for (int i = 0; i < 16; i++) for (int m = 0; m < 8; m++)
    dZ11[i][m] = 8 * U * (Math.abs(testMu[i][m]) + Math.abs(Math.exp(0.5 * testLogVar[i][m]) * E11[i][m]));
double samplerBound = checksumBound(Z11, dZ11);
var rngS = Rng.seeded(11);
double[][] libZ = new double[16][];
for (int i = 0; i < 16; i++) libZ[i] = aelab.gaussian.DiagonalGaussian.of(testMu[i], testLogVar[i]).sample(rngS);
REPORT.append("sampler " + samplerBound + " " + Math.abs(checksum(Z11) - checksum(libZ)) + "\n");
// KL of digit 5: per dimension |error| <= 4u (mu^2 + e^l + 1 + |l|) for any arrangement of mu^2 + e^l - 1 - l,
// plus (M + 1) u sum |terms| for the sum, for each of two implementations.
double klBound = 0, klAbs = 0;
for (int m = 0; m < 8; m++) {
    double mu = testMu[5][m], l = testLogVar[5][m];
    klBound += 4 * U * (mu * mu + Math.exp(l) + 1 + Math.abs(l));
    klAbs += Math.abs(mu * mu + Math.exp(l) - 1 - l);
}
klBound = 2 * (klBound + 9 * U * klAbs);
REPORT.append("kl " + klBound + " "
        + Math.abs(klDivergence(testMu[5], testLogVar[5]) - aelab.gaussian.GaussianKl.diagonalToStandard(testMu[5], testLogVar[5])) + "\n");
// Training step on digit 3 with lr 0.5: b' = b - lr (g0 + k) where k = dKL; implementations differ in k by
// u |mu| (d/dmu) and 3u (e^l + 1) (d/dlogVar: exp(l) - 1, expm1(l), ...); each new entry is rounded twice.
double[] E21 = noise(1, 8, 21)[0];
double LR = 0.5;
double[][][] mine = stepWithYourKlGradient(3, E21, LR);
Vae libCopy = newVae(1.0);
libCopy.parameters().restore(vae.parameters().snapshot());
var libGrad = aelab.optim.Gradients.zerosLike(libCopy.parameters());
DMatrixRMaj x3 = new DMatrixRMaj(new double[][] {testPixels[3]});
libCopy.lossAndGradients(x3, new DMatrixRMaj(new double[][] {E21}), libGrad);
new aelab.optim.Sgd(LR, 0).step(libCopy.parameters(), libGrad);
double[] mu3 = rowsOf(vae.encode(x3))[0], l3 = rowsOf(vae.encodeLogVariance(x3))[0];
double[][] before1 = rowsOf(vae.parameters().get(1).value()), before3 = rowsOf(vae.parameters().get(3).value());
double[][] dMuStep = new double[1][8], dLvStep = new double[1][8];
for (int m = 0; m < 8; m++) {
    double gMu = (before1[0][m] - mine[1][0][m]) / LR, gLv = (before3[0][m] - mine[3][0][m]) / LR;   // the gradients used
    dMuStep[0][m] = LR * (U * Math.abs(mu3[m]) + 2 * U * Math.abs(gMu)) + 2 * U * Math.abs(mine[1][0][m]);
    dLvStep[0][m] = LR * (3 * U * (Math.exp(l3[m]) + 1) + 2 * U * Math.abs(gLv)) + 2 * U * Math.abs(mine[3][0][m]);
}
REPORT.append("step_mu " + checksumBound(mine[1], dMuStep) + " "
        + Math.abs(checksum(mine[1]) - checksum(rowsOf(libCopy.parameters().get(1).value()))) + "\n");
REPORT.append("step_logvar " + checksumBound(mine[3], dLvStep) + " "
        + Math.abs(checksum(mine[3]) - checksum(rowsOf(libCopy.parameters().get(3).value()))) + "\n");
// every parameter of the step against the library's own SGD step, entry by entry (weights: x_r times the bias terms)
double worst = 0;
for (int b = 0; b < 6; b++) {
    double[][] lib = rowsOf(libCopy.parameters().get(b).value());
    for (int r = 0; r < lib.length; r++) for (int c = 0; c < lib[r].length; c++) {
        double scale = b >= 4 ? 0 : (b % 2 == 0 ? testPixels[3][r] : 1.0);
        double d = b >= 4 ? 2 * U * Math.abs(lib[r][c]) : (b < 2 ? dMuStep[0][c] : dLvStep[0][c]) * Math.max(scale, 1e-300)
                + 4 * U * Math.abs(lib[r][c]);
        worst = Math.max(worst, Math.abs(mine[b][r][c] - lib[r][c]) / Math.max(d, Double.MIN_NORMAL));
    }
}
REPORT.append("step " + worst + "\n");
// IWAE on digit 2: |w_k - w'_k| <= |grad log p(x|z)|_1 |dz| + rounding of log p(x|z) (784 logits of 9 terms, a sum
// of 784 terms) + rounding of log p(z), log q(z|x) (log q through eps or through (z - mu) / sigma); log-mean-exp
// errs by 2 (K + 2) u + u |log(S/K)| + u |L| (sum of K exp's each within 1 ulp, a log, an add), twice.
double iwaeBound(double[] mu, double[] lv, double[][] eps, int image) {
    int k = eps.length;
    double maxDw = 0;
    double[] w = new double[k];
    for (int i = 0; i < k; i++) {
        double[] z = new double[8];
        double lp = 0, lq = 0, lpAbs = 0, lqAbs = 0, gradTerm = 0;
        double[] dz = new double[8];
        for (int m = 0; m < 8; m++) {
            double s = Math.exp(0.5 * lv[m]);
            z[m] = mu[m] + s * eps[i][m];
            dz[m] = 8 * U * (Math.abs(mu[m]) + Math.abs(s * eps[i][m]));
            lp += -0.5 * (z[m] * z[m] + Math.log(2 * Math.PI));
            lq += -0.5 * (eps[i][m] * eps[i][m] + lv[m] + Math.log(2 * Math.PI));
            lpAbs += 4 * U * (z[m] * z[m] + 2) + Math.abs(z[m]) * dz[m];
            // (z - mu) / sigma instead of eps: error (|dz| + u|z| + u|mu|) / sigma + 2u|eps|, times |eps|
            double de = (dz[m] + U * Math.abs(z[m]) + U * Math.abs(mu[m])) / s + 2 * U * Math.abs(eps[i][m]);
            lqAbs += 4 * U * (eps[i][m] * eps[i][m] + Math.abs(lv[m]) + 2) + Math.abs(eps[i][m]) * de;
        }
        double llAbs = 0, ll = 0;
        double[] grad = new double[8];
        for (int j = 0; j < 784; j++) {
            double a = decoderBias[j], aAbs = Math.abs(decoderBias[j]);
            for (int m = 0; m < 8; m++) { a += z[m] * decoderWeight[m][j]; aAbs += Math.abs(z[m] * decoderWeight[m][j]); }
            double p = 1 / (1 + Math.exp(-a));
            for (int m = 0; m < 8; m++) grad[m] += (testPixels[image][j] - p) * decoderWeight[m][j];
            double sp = Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
            ll += testPixels[image][j] * a - sp;
            llAbs += 10 * U * aAbs + 4 * U * (Math.abs(testPixels[image][j] * a) + sp);   // the logit, then the terms
        }
        for (int m = 0; m < 8; m++) gradTerm += Math.abs(grad[m]) * dz[m];
        llAbs += 785 * U * Math.abs(ll);
        w[i] = ll + lp - lq;
        double dw = gradTerm + 2 * (llAbs + lpAbs + 9 * U * Math.abs(lp) + lqAbs + 9 * U * Math.abs(lq))
                + 2 * U * (Math.abs(ll) + Math.abs(lp) + Math.abs(lq));
        maxDw = Math.max(maxDw, dw);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double wi : w) max = Math.max(max, wi);
    double s = 0;
    for (double wi : w) s += Math.exp(wi - max);
    double l = max + Math.log(s / k);
    return maxDw + 2 * (2 * (k + 2) * U + U * Math.abs(Math.log(s / k)) + U * Math.abs(l));
}
aelab.elbo.DecoderLogLikelihood dec2 = z -> logLikelihood(2, z);
var q2 = aelab.gaussian.DiagonalGaussian.of(testMu[2], testLogVar[2]);
REPORT.append("iwae1 " + iwaeBound(testMu[2], testLogVar[2], noise(1, 8, 31), 2) + " "
        + Math.abs(iwaeEstimate(testMu[2], testLogVar[2], noise(1, 8, 31), z -> logLikelihood(2, z))
        - aelab.elbo.Elbo.monteCarlo(q2, dec2, 1, Rng.seeded(31)).value()) + "\n");
REPORT.append("iwae64 " + iwaeBound(testMu[2], testLogVar[2], noise(64, 8, 32), 2) + " "
        + Math.abs(iwaeEstimate(testMu[2], testLogVar[2], noise(64, 8, 32), z -> logLikelihood(2, z))
        - aelab.elbo.Elbo.iwae(q2, dec2, 64, Rng.seeded(32)).value()) + "\n");
REPORT.toString()
