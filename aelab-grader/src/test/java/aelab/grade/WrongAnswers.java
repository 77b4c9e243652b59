package aelab.grade;

/**
 * Typical wrong answers to the exercise sheets, written as a student would write them, each put into the
 * instructor's notebook in place of one solution region. Answers in different parts of one sheet are combined in
 * one submission (see {@link SheetSubmissions}).
 */
final class WrongAnswers {
    private WrongAnswers() {
    }

    /** Statements that copy the DMatrixRMaj variable {@code m} into a double[][] and return it. */
    private static String returnAsArray(String m) {
        return ("double[][] out = new double[M.numRows][M.numCols];\n"
                + "for (int i = 0; i < M.numRows; i++) for (int j = 0; j < M.numCols; j++) out[i][j] = M.get(i, j);\n"
                + "return out;").replace("M", m);
    }

    /** The course text's decoder gradient -2 W_e Sigma + 2 W_d W_e Sigma W_e^T (first term k x d, not d x k). */
    static final String SEED_DECODER_GRADIENT =
            "return combine(-2, mul(we, sigma), 2, mul(mul(mul(wd, we), sigma), transpose(we)));";
    /** The course text's tied gradient -4 W Sigma + 4 W W^T W Sigma. */
    static final String SEED_TIED_GRADIENT =
            "return combine(-4, mul(w, sigma), 4, mul(mul(mul(w, transpose(w)), w), sigma));";
    /** PCA keeping the right singular vectors of the SMALLEST singular values. */
    static final String PCA_SMALLEST = "int n = data.length, d = data[0].length;\n"
            + "double[][] c = new double[n][d];\n"
            + "for (int j = 0; j < d; j++) {\n"
            + "    double mean = 0;\n"
            + "    for (int i = 0; i < n; i++) mean += data[i][j] / n;\n"
            + "    for (int i = 0; i < n; i++) c[i][j] = data[i][j] - mean;\n"
            + "}\n"
            + "SingularValueDecomposition_F64<DMatrixRMaj> svd =\n"
            + "        DecompositionFactory_DDRM.svd(n, d, false, true, false);\n"
            + "svd.decompose(new DMatrixRMaj(c));\n"
            + "double[] s = svd.getSingularValues();\n"
            + "DMatrixRMaj vt = svd.getV(null, true);\n"
            + "Integer[] order = new Integer[svd.numberOfSingularValues()];\n"
            + "for (int i = 0; i < order.length; i++) order[i] = i;\n"
            + "java.util.Arrays.sort(order, (a, b) -> Double.compare(s[a], s[b]));\n"
            + "double[][] out = new double[k][d];\n"
            + "for (int r = 0; r < k; r++) for (int j = 0; j < d; j++) out[r][j] = vt.get(order[r], j);\n"
            + "return out;";
    /** A correct encoder gradient that calls the library (forbidden). */
    static final String ENCODER_GRADIENT_VIA_LIBRARY =
            "DMatrixRMaj g = aelab.linearae.LinearAutoencoderAnalysis.encoderGradient(\n"
            + "        new DMatrixRMaj(we), new DMatrixRMaj(wd), new DMatrixRMaj(sigma), null);\n"
            + returnAsArray("g");

    static Notebook linear(Notebook solution) {
        return SheetSubmissions.withRegions(solution,
                "dec-grad-impl", SEED_DECODER_GRADIENT,
                "tied-grad-impl", SEED_TIED_GRADIENT,
                "pca-impl", PCA_SMALLEST,
                "enc-grad-impl", ENCODER_GRADIENT_VIA_LIBRARY,
                "quiz3-answer", "return 'D';   // the course text's answer to its quiz 5");
    }

    /** Every reduction returns the sum. */
    static final String MSE_SUM_EVERYWHERE = "double sum = 0;\n"
            + "for (int i = 0; i < x.length; i++)\n"
            + "    for (int j = 0; j < x[i].length; j++) sum += (x[i][j] - xHat[i][j]) * (x[i][j] - xHat[i][j]);\n"
            + "switch (reduction) {\n"
            + "    case \"sum\": case \"mean-per-sample\": case \"mean-per-element\": return sum;\n"
            + "    default: throw new IllegalArgumentException(reduction);\n"
            + "}";
    /** BCE summed over the elements instead of averaged. */
    static final String BCE_SUM = "double sum = 0;\n"
            + "for (int i = 0; i < x.length; i++)\n"
            + "    for (int j = 0; j < x[i].length; j++) {\n"
            + "        if (x[i][j] != 0) sum += x[i][j] * Math.log(xHat[i][j]);\n"
            + "        if (x[i][j] != 1) sum += (1 - x[i][j]) * Math.log(1 - xHat[i][j]);\n"
            + "    }\n"
            + "return -sum;";
    /** The course text's answer to practice problem 3. */
    static final String INVERSE_DROPOUT_GAIN = "return 1 / (1 - 0.3);";
    /** A correct denoiser that calls the library (forbidden). */
    static final String DENOISER_VIA_LIBRARY = "DMatrixRMaj w = aelab.linearae.LinearDenoiser.gaussianNoiseOptimum(\n"
            + "        new DMatrixRMaj(secondMoment), noiseStd * noiseStd, null);\n"
            + returnAsArray("w");

    static Notebook losses(Notebook solution) {
        return SheetSubmissions.withRegions(solution,
                "mse-impl", MSE_SUM_EVERYWHERE,
                "bce-impl", BCE_SUM,
                "practice3-impl", INVERSE_DROPOUT_GAIN,
                "denoiser-impl", DENOISER_VIA_LIBRARY);
    }

    static final String KL_SUM = "double sum = 0;\n"
            + "for (int m = 0; m < mu.length; m++) sum += mu[m] * mu[m] + Math.exp(logVar[m]) - 1 - logVar[m];\n";
    static final String KL_WRONG_SIGN = KL_SUM + "return -0.5 * sum;";
    static final String KL_WITHOUT_HALF = KL_SUM + "return sum;";
    /** The variance exp(logVar) where the standard deviation exp(logVar / 2) belongs. */
    static final String SAMPLER_VARIANCE = "double[] z = new double[mu.length];\n"
            + "for (int m = 0; m < mu.length; m++) z[m] = mu[m] + Math.exp(logVar[m]) * eps[m];\n"
            + "return z;";
    private static final String ELBO_HEAD = "double rec = 0;\n"
            + "for (double[] e : eps) {\n"
            + "    double[] z = new double[mu.length];\n"
            + "    for (int m = 0; m < mu.length; m++) z[m] = mu[m] + Math.exp(0.5 * logVar[m]) * e[m];\n"
            + "    rec += logLikelihood.applyAsDouble(z);\n"
            + "}\n";
    static final String ELBO_KL_ADDED = ELBO_HEAD
            + "double kl = 0;\n"
            + "for (int m = 0; m < mu.length; m++) kl += 0.5 * (mu[m] * mu[m] + Math.exp(logVar[m]) - 1 - logVar[m]);\n"
            + "return rec / eps.length + kl;";
    /** A correct ELBO whose KL comes from the library (forbidden). */
    static final String ELBO_VIA_LIBRARY = ELBO_HEAD
            + "return rec / eps.length - aelab.gaussian.GaussianKl.diagonalToStandard(mu, logVar);";
    static final String IWAE_NAIVE = "double s = 0;\n"
            + "for (double w : logWeights) s += Math.exp(w);\n"
            + "return Math.log(s / logWeights.length);";
    static final String IWAE_MEAN_OF_LOGS = "double s = 0;\n"
            + "for (double w : logWeights) s += w;\n"
            + "return s / logWeights.length;";
    /** E_q[(x - z)^2] taken as (x - m)^2, forgetting the variance v of q. */
    static final String GAUSSIAN_ELBO_WITHOUT_V =
            "return -0.5 * Math.log(2 * Math.PI * noiseVar) - (x - m) * (x - m) / (2 * noiseVar)\n"
            + "        - 0.5 * (m * m + v - 1 - Math.log(v));";

    /** dz/dlogVar taken as eps * sigma (the 1/2 of the chain rule through exp(logVar / 2) forgotten). */
    static final String PATHWISE_WITHOUT_HALF = "double sigma = Math.exp(0.5 * logVar), gm = 0, gl = 0;\n"
            + "for (double e : eps) {\n"
            + "    double d = fPrime.applyAsDouble(mu + sigma * e);\n"
            + "    gm += d;\n"
            + "    gl += d * e * sigma;\n"
            + "}\n"
            + "return new double[] {gm / eps.length, gl / eps.length};";

    static Notebook vaeA(Notebook solution) {
        return SheetSubmissions.withRegions(solution,
                "kl-impl", KL_WRONG_SIGN,
                "reparam-impl", SAMPLER_VARIANCE,
                "elbo-impl", ELBO_KL_ADDED,
                "iwae-impl", IWAE_NAIVE,
                "quiz4-answer", "return 'A';   // the course text: posterior collapse");
    }

    static Notebook vaeB(Notebook solution) {
        return SheetSubmissions.withRegions(solution,
                "kl-impl", KL_WITHOUT_HALF,
                "elbo-impl", ELBO_VIA_LIBRARY,
                "iwae-impl", IWAE_MEAN_OF_LOGS,
                "gelbo-impl", GAUSSIAN_ELBO_WITHOUT_V,
                "pathwise-impl", PATHWISE_WITHOUT_HALF);
    }

    /** Sheet 05: the variance exp(logVar) where the standard deviation exp(logVar / 2) belongs, for a batch. */
    static final String BATCH_SAMPLER_VARIANCE = "double[][] z = new double[mu.length][mu[0].length];\n"
            + "for (int i = 0; i < mu.length; i++)\n"
            + "    for (int m = 0; m < mu[i].length; m++) z[i][m] = mu[i][m] + Math.exp(logVar[i][m]) * eps[i][m];\n"
            + "return z;";
    /** Sheet 05: logVar used as if it were the standard deviation sigma. */
    static final String BATCH_SAMPLER_LOGVAR_AS_SIGMA = "double[][] z = new double[mu.length][mu[0].length];\n"
            + "for (int i = 0; i < mu.length; i++)\n"
            + "    for (int m = 0; m < mu[i].length; m++) z[i][m] = mu[i][m] + logVar[i][m] * eps[i][m];\n"
            + "return z;";
    /** Sheet 05: the KL written with sigma where log sigma^2 belongs (logVar taken as sigma). */
    static final String KL_LOGVAR_AS_SIGMA = "double sum = 0;\n"
            + "for (int m = 0; m < mu.length; m++) {\n"
            + "    double s2 = logVar[m] * logVar[m];\n"
            + "    sum += mu[m] * mu[m] + s2 - 1 - Math.log(s2);\n"
            + "}\n"
            + "return 0.5 * sum;";
    /** Sheet 05: a correct KL taken from the library (forbidden). */
    static final String KL_VIA_LIBRARY = "return aelab.gaussian.GaussianKl.diagonalToStandard(mu, logVar);";
    /** Sheet 05: the gradient of -KL (both signs flipped). */
    static final String KL_GRADIENT_WRONG_SIGN = "double[] a = new double[mu.length], b = new double[mu.length];\n"
            + "for (int m = 0; m < mu.length; m++) {\n"
            + "    a[m] = -mu[m];\n"
            + "    b[m] = -0.5 * (Math.exp(logVar[m]) - 1);\n"
            + "}\n"
            + "return new double[][] {a, b};";
    /** Sheet 05: the second component differentiated with respect to sigma, not log sigma^2. */
    static final String KL_GRADIENT_WRT_SIGMA = "double[] a = new double[mu.length], b = new double[mu.length];\n"
            + "for (int m = 0; m < mu.length; m++) {\n"
            + "    double sigma = Math.exp(0.5 * logVar[m]);\n"
            + "    a[m] = mu[m];\n"
            + "    b[m] = sigma - 1 / sigma;   // d/dsigma of (sigma^2 - 1 - 2 log sigma) / 2\n"
            + "}\n"
            + "return new double[][] {a, b};";
    private static final String IWAE_LOG_WEIGHTS = "int k = eps.length;\n"
            + "double[] w = new double[k];\n"
            + "for (int i = 0; i < k; i++) {\n"
            + "    double[] z = new double[mu.length];\n"
            + "    double lp = 0, lq = 0;\n"
            + "    for (int m = 0; m < mu.length; m++) {\n"
            + "        z[m] = mu[m] + Math.exp(0.5 * logVar[m]) * eps[i][m];\n"
            + "        lp -= 0.5 * (z[m] * z[m] + Math.log(2 * Math.PI));\n"
            + "        lq -= 0.5 * (eps[i][m] * eps[i][m] + logVar[m] + Math.log(2 * Math.PI));\n"
            + "    }\n"
            + "    w[i] = logLikelihood.applyAsDouble(z) + lp - lq;\n"
            + "}\n";
    /** Sheet 05: the average of the weights e^w summed directly (overflow / underflow). */
    static final String IWAE_NAIVE_EXP = IWAE_LOG_WEIGHTS
            + "double s = 0;\n"
            + "for (double wi : w) s += Math.exp(wi);\n"
            + "return Math.log(s / k);";
    /** Sheet 05: log-sum-exp without the -log K (the sum, not the average, of the weights). */
    static final String IWAE_WITHOUT_LOG_K = IWAE_LOG_WEIGHTS
            + "double max = Double.NEGATIVE_INFINITY;\n"
            + "for (double wi : w) max = Math.max(max, wi);\n"
            + "double s = 0;\n"
            + "for (double wi : w) s += Math.exp(wi - max);\n"
            + "return max + Math.log(s);";

    static Notebook mnistA(Notebook solution) {
        return SheetSubmissions.withRegions(solution,
                "sampler-impl", BATCH_SAMPLER_VARIANCE,
                "kl-impl", KL_LOGVAR_AS_SIGMA,
                "klgrad-impl", KL_GRADIENT_WRONG_SIGN,
                "iwae-impl", IWAE_NAIVE_EXP,
                "quiz1-answer", "return 'A';   // both estimate the ELBO");
    }

    static Notebook mnistB(Notebook solution) {
        return SheetSubmissions.withRegions(solution,
                "sampler-impl", BATCH_SAMPLER_LOGVAR_AS_SIGMA,
                "kl-impl", KL_VIA_LIBRARY,
                "klgrad-impl", KL_GRADIENT_WRT_SIGMA,
                "iwae-impl", IWAE_WITHOUT_LOG_K);
    }

    /**
     * The solution, except that the ELBO takes its KL from the library spelled with unicode escapes (issue 9: the
     * textual check does not see {@code aelab.gaussian}; the run-time check does).
     */
    static Notebook vaeDisguisedLibrary(Notebook solution) {
        return SheetSubmissions.withRegions(solution, "elbo-impl", ELBO_HEAD
                + "return rec / eps.length - aelab.\\u0067aussian.\\u0047aussianKl.diagonalToStandard(mu, logVar);");
    }

    /**
     * The solution, except that (1) the scalar denoising gain takes the second moment from aelab.loss, which the MSE,
     * BCE and sparsity parts forbid but the gain part (it forbids aelab.linearae) allows: no point may be lost there;
     * (2) the denoiser calls the library's aelab.linearae spelled with a unicode escape, which its part forbids.
     * Both fail the first re-run (without aelab.loss and aelab.linearae); run again without aelab.linearae only, the
     * gain passes and the denoiser does not.
     */
    static Notebook lossesLibraryAllowedAndDisguised(Notebook solution) {
        return SheetSubmissions.withRegions(solution, "gain-impl",
                "double m = aelab.loss.ReconstructionLoss.mse(xs, new double[xs.length], "
                        + "aelab.loss.Reduction.MEAN_PER_ELEMENT);\n"
                        + "return m / (m + noiseStd * noiseStd);",
                "denoiser-impl", DENOISER_VIA_LIBRARY.replace("aelab.linearae.LinearDenoiser",
                        "aelab.linear\\u0061e.LinearDenoi\\u0073er"));
    }
}
