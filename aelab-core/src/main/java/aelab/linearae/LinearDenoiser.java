package aelab.linearae;

import aelab.core.Require;
import aelab.pca.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Optimal linear denoisers \(\hat x = W\tilde x\) minimising \(\mathbb E\lVert x - W\tilde x\rVert^2\), whose solution
 * is the normal equation \(W^* = \mathbb E[x\tilde x^\top]\,\mathbb E[\tilde x\tilde x^\top]^{-1}\) (linear least
 * squares / Wiener filter; Vincent et al. 2008, "Extracting and composing robust features with denoising
 * autoencoders"; Bishop PRML §3.1.4 for the least-squares algebra). S = E[xxᵀ] is the second-moment matrix (the
 * covariance Σ for centred data).
 * <ul>
 *   <li>Additive Gaussian noise \(\tilde x = x + \varepsilon\), \(\varepsilon\sim\mathcal N(0,\sigma^2 I)\) independent of
 *       x: \(\mathbb E[x\tilde x^\top] = S\), \(\mathbb E[\tilde x\tilde x^\top] = S + \sigma^2 I\), so
 *       \(W^* = S(S+\sigma^2 I)^{-1}\), and in one dimension the gain \(w^* = \mathbb E[x^2]/(\mathbb E[x^2]+\sigma^2)\).
 *       Expected loss \(\mathrm{tr}((I-W)S(I-W)^\top) + \sigma^2\,\mathrm{tr}(WW^\top)\).</li>
 *   <li>Masking noise \(\tilde x_i = m_ix_i\), \(m_i\sim\mathrm{Bernoulli}(1-p)\) independent, NO 1/(1−p) rescaling:
 *       \(\mathbb E[x\tilde x^\top] = (1-p)S\), \(\mathbb E[\tilde x\tilde x^\top] = (1-p)^2S + p(1-p)\,\mathrm{diag}(S)\).
 *       Expected loss \(\mathrm{tr}\,S - 2(1-p)\,\mathrm{tr}(WS) + \mathrm{tr}(W\,\mathbb E[\tilde x\tilde x^\top]W^\top)\).
 *       A diagonal W = wI is optimal at w = 1, not 1/(1−p): per coordinate
 *       \(\mathbb E(x_i - wm_ix_i)^2 = S_{ii}(1 - 2w(1-p) + w^2(1-p))\).</li>
 * </ul>
 */
public final class LinearDenoiser {
    private LinearDenoiser() {
    }

    /**
     * Scalar Wiener gain \(w^* = \mathbb E[x^2]/(\mathbb E[x^2] + \sigma^2)\).
     *
     * @param secondMoment E[x²] ≥ 0
     * @param noiseVariance σ² ≥ 0; secondMoment + noiseVariance must be &gt; 0
     */
    public static double optimalGain(double secondMoment, double noiseVariance) {
        Require.nonNegative("secondMoment", secondMoment);
        Require.nonNegative("noiseVariance", noiseVariance);
        Require.positive("secondMoment + noiseVariance", secondMoment + noiseVariance);
        return secondMoment / (secondMoment + noiseVariance);
    }

    /** Scalar expected loss \(\mathbb E(x - w(x+\varepsilon))^2 = \mathbb E[x^2](1-w)^2 + w^2\sigma^2\). */
    public static double gaussianNoiseLoss(double w, double secondMoment, double noiseVariance) {
        Require.finite("w", w);
        Require.nonNegative("secondMoment", secondMoment);
        Require.nonNegative("noiseVariance", noiseVariance);
        return secondMoment * (1 - w) * (1 - w) + w * w * noiseVariance;
    }

    /**
     * \(W^* = S(S + \sigma^2 I)^{-1}\) (d×d; symmetric, since S and S + σ²I commute).
     *
     * @param secondMoment S, d×d symmetric. Not modified.
     * @param noiseVariance σ² ≥ 0 with S + σ²I positive definite
     * @param out Modified (reshaped to d×d); null ⇒ allocate. Must not alias secondMoment.
     */
    public static DMatrixRMaj gaussianNoiseOptimum(DMatrixRMaj secondMoment, double noiseVariance, DMatrixRMaj out) {
        SymmetricEigen.requireSymmetric("secondMoment", secondMoment);
        Require.nonNegative("noiseVariance", noiseVariance);
        Require.notAliased("out", out, "secondMoment", secondMoment);
        DMatrixRMaj noisy = secondMoment.copy();
        for (int i = 0; i < noisy.numRows; i++) {
            noisy.add(i, i, noiseVariance);
        }
        return rightDivideBySpd(secondMoment, noisy, "secondMoment + noiseVariance*I", out);
    }

    /**
     * Expected loss of W under additive Gaussian noise: \(\mathrm{tr}((I-W)S(I-W)^\top) + \sigma^2\mathrm{tr}(WW^\top)\).
     *
     * @param w W, d×d. Not modified.
     * @param secondMoment S, d×d symmetric. Not modified.
     */
    public static double gaussianNoiseLoss(DMatrixRMaj w, DMatrixRMaj secondMoment, double noiseVariance) {
        SymmetricEigen.requireSymmetric("secondMoment", secondMoment);
        int d = secondMoment.numRows;
        Require.shape("W", w, d, d);
        Require.finite("W", w);
        Require.nonNegative("noiseVariance", noiseVariance);
        DMatrixRMaj noisy = secondMoment.copy();
        for (int i = 0; i < d; i++) {
            noisy.add(i, i, noiseVariance);
        }
        return quadraticLoss(w, secondMoment, secondMoment, noisy);
    }

    /** \(\mathrm{tr}\,S - 2\,\mathrm{tr}(W C^\top) + \mathrm{tr}(W B W^\top)\) with C = E[x x̃ᵀ], B = E[x̃ x̃ᵀ]. */
    private static double quadraticLoss(DMatrixRMaj w, DMatrixRMaj s, DMatrixRMaj cross, DMatrixRMaj noisy) {
        DMatrixRMaj wb = CommonOps_DDRM.mult(w, noisy, null);
        double loss = CommonOps_DDRM.trace(s);
        for (int i = 0; i < w.data.length; i++) {
            loss += -2 * w.data[i] * cross.data[i] + wb.data[i] * w.data[i];
        }
        return loss;
    }

    /** a·b⁻¹ for SPD b, via Cholesky: (b⁻¹aᵀ)ᵀ. */
    private static DMatrixRMaj rightDivideBySpd(DMatrixRMaj a, DMatrixRMaj b, String bName, DMatrixRMaj out) {
        int d = b.numRows;
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(d);
        if (!chol.setA(b.copy())) {
            throw new IllegalArgumentException(bName + " must be symmetric positive definite, Cholesky failed for " + d
                    + "x" + d + " matrix");
        }
        DMatrixRMaj solution = new DMatrixRMaj(d, a.numRows);
        chol.solve(CommonOps_DDRM.transpose(a, null), solution);
        if (out == null) {
            out = new DMatrixRMaj(a.numRows, d);
        }
        CommonOps_DDRM.transpose(solution, out);
        return out;
    }

    /**
     * \(\mathbb E[\tilde x\tilde x^\top] = (1-p)^2S + p(1-p)\,\mathrm{diag}(S)\) for masking noise with drop
     * probability p.
     *
     * @param secondMoment S, d×d symmetric. Not modified.
     */
    public static DMatrixRMaj maskedSecondMoment(DMatrixRMaj secondMoment, double dropProbability) {
        SymmetricEigen.requireSymmetric("secondMoment", secondMoment);
        Require.inHalfOpenUnitInterval("dropProbability", dropProbability);
        double keep = 1 - dropProbability;
        DMatrixRMaj b = secondMoment.copy();
        CommonOps_DDRM.scale(keep * keep, b);
        for (int i = 0; i < b.numRows; i++) {
            b.add(i, i, dropProbability * keep * secondMoment.get(i, i));
        }
        return b;
    }

    /**
     * Masking-noise optimum \(W^* = (1-p)S\,[(1-p)^2S + p(1-p)\,\mathrm{diag}(S)]^{-1}\).
     *
     * @param secondMoment S = E[xxᵀ], d×d symmetric; the masked second moment must be positive definite. Not
     *     modified.
     * @param dropProbability p in [0, 1)
     * @param out Modified (reshaped to d×d); null ⇒ allocate. Must not alias secondMoment.
     */
    public static DMatrixRMaj maskingNoiseOptimum(DMatrixRMaj secondMoment, double dropProbability, DMatrixRMaj out) {
        Require.notAliased("out", out, "secondMoment", secondMoment);
        DMatrixRMaj noisy = maskedSecondMoment(secondMoment, dropProbability);
        DMatrixRMaj cross = secondMoment.copy();
        CommonOps_DDRM.scale(1 - dropProbability, cross);
        return rightDivideBySpd(cross, noisy, "masked second moment (1-p)^2 S + p(1-p) diag(S)", out);
    }

    /**
     * Expected loss of W under masking noise: \(\mathrm{tr}\,S - 2(1-p)\,\mathrm{tr}(WS) + \mathrm{tr}(W\,
     * \mathbb E[\tilde x\tilde x^\top]\,W^\top)\).
     *
     * @param w W, d×d. Not modified.
     * @param secondMoment S, d×d symmetric. Not modified.
     */
    public static double maskingNoiseLoss(DMatrixRMaj w, DMatrixRMaj secondMoment, double dropProbability) {
        DMatrixRMaj noisy = maskedSecondMoment(secondMoment, dropProbability);
        Require.shape("W", w, secondMoment.numRows, secondMoment.numRows);
        Require.finite("W", w);
        DMatrixRMaj cross = secondMoment.copy();
        CommonOps_DDRM.scale(1 - dropProbability, cross);
        return quadraticLoss(w, secondMoment, cross, noisy);
    }
}
