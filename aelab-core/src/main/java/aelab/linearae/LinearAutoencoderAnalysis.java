package aelab.linearae;

import aelab.check.FiniteDifferences;
import aelab.core.Require;
import aelab.pca.SymmetricEigen;
import java.util.Arrays;
import org.ejml.UtilEjml;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Analysis of the linear autoencoder \(\hat x = W_d W_e x\) on centred data with covariance (second-moment matrix)
 * \(\Sigma = \mathbb E[xx^\top]\) (d×d, symmetric); encoder \(W_e\) k×d, decoder \(W_d\) d×k, k ≥ 1.
 *
 * <p>Overcomplete codes (k &gt; d) are accepted wherever the algebra holds for every k: the loss, the gradients, the
 * finite-difference references, {@link #transform} and {@link #hessian}. With k ≥ d the identity \(W_dW_e = I\) is
 * reachable (e.g. \(W_e = [I_d; 0]\), \(W_d = [I_d\; 0]\)) and the loss is then 0 for every Σ: without a
 * regulariser an overcomplete linear autoencoder just copies its input. The eigenvector-subset stationary points
 * ({@link #stationaryPoint}: k distinct eigenvectors) and {@link #classify} (which counts the k² zero Hessian
 * eigenvalues of a rank-k product) need k ≤ d and reject k &gt; d.
 *
 * <p>Loss and gradients (derived here by matrix calculus, \(\Sigma = \Sigma^\top\)):
 * \[ L(W_e, W_d) = \mathbb E\lVert x - W_dW_ex\rVert^2 = \mathrm{tr}\,\Sigma - 2\,\mathrm{tr}(W_dW_e\Sigma)
 *    + \mathrm{tr}(W_e^\top W_d^\top W_d W_e \Sigma), \]
 * \[ \partial L/\partial W_d = -2\Sigma W_e^\top + 2W_dW_e\Sigma W_e^\top \;(d\times k),\qquad
 *    \partial L/\partial W_e = -2W_d^\top\Sigma + 2W_d^\top W_d W_e\Sigma \;(k\times d), \]
 * and with tied weights \(W_d = W^\top\), W k×d:
 * \(\partial L/\partial W = -4W\Sigma + 2W\Sigma W^\top W + 2WW^\top W\Sigma\).
 * (Two slips seen in course material: \(-2W_e\Sigma + \dots\) for \(\partial L/\partial W_d\) is k×d, not d×k; and
 * the tied gradient \(-4W\Sigma + 4WW^\top W\Sigma\) agrees with the true one only where \(W\Sigma W^\top W =
 * WW^\top W\Sigma\), e.g. at eigenvector solutions. {@link #numericalTiedGradient} exposes both.)
 *
 * <p>Stationary points (Baldi &amp; Hornik 1989, "Neural networks and principal component analysis: learning from
 * examples without local minima", Neural Networks 2(1)): with \(\Sigma = U\Lambda U^\top\) and distinct eigenvalues,
 * every critical point with \(W_e\) of full rank is \(W_e = TU_S^\top\), \(W_d = U_ST^{-1}\) for a set S of k
 * eigenvectors and \(T\in GL(k)\); the loss there is \(\mathrm{tr}\,\Sigma - \sum_{j\in S}\lambda_j\); the top-k set
 * is the global minimum (modulo GL(k)), every other set a saddle. The Hessian is computed analytically from the
 * directional derivative of the gradient (exact up to round-off), and classified by {@link #classify}.
 *
 * <p>Principal angles between column spaces (Björck &amp; Golub 1973, "Numerical methods for computing angles between
 * linear subspaces", Math. Comp. 27(123)): \(\cos\theta_i = \sigma_i(Q_A^\top Q_B)\) with \(Q_A, Q_B\) orthonormal
 * bases from QR.
 *
 * <p>Conventions: data matrices hold samples as rows (n×d, {@link #empiricalLoss}), and so do bases of subspaces
 * ({@link #principalAngles}: rows span). The weights follow the equations above (\(W_e\) k×d acting on a column x),
 * which is what {@code aelab.model.LinearAutoencoder#weights()} returns for a trained model, so
 * {@code loss(ae.weights(), sigma)} needs no conversion.
 *
 * <p>All matrices are Not modified; results are new matrices unless an output argument is given.
 */
public final class LinearAutoencoderAnalysis {
    /** Largest parameter count 2kd for which {@link #hessian} builds the dense (2kd)×(2kd) matrix. */
    public static final int MAX_HESSIAN_PARAMETERS = 2000;

    private LinearAutoencoderAnalysis() {
    }

    // ---------------------------------------------------------------- validation

    /**
     * Requires W_e k×d with k, d ≥ 1, W_d d×k, both finite.
     *
     * @return {k, d}
     */
    static int[] requireWeights(DMatrixRMaj we, DMatrixRMaj wd) {
        int[] kd = requireEncoder("We", we);
        Require.shape("Wd", wd, kd[1], kd[0]);
        Require.finite("Wd", wd);
        return kd;
    }

    /** Requires a finite k×d matrix with k, d ≥ 1 (k &gt; d allowed); returns {k, d}. */
    static int[] requireEncoder(String name, DMatrixRMaj we) {
        Require.notNull(name, we);
        if (we.numRows < 1 || we.numCols < 1) {
            throw new IllegalArgumentException(name + " must be k x d with k, d >= 1, got " + Require.shapeOf(we));
        }
        Require.finite(name, we);
        return new int[] {we.numRows, we.numCols};
    }

    /** Requires k ≤ d, for the results that hold only for undercomplete codes ({@code what} names the method). */
    private static void requireUndercomplete(String name, DMatrixRMaj we, String what) {
        if (we.numRows > we.numCols) {
            throw new IllegalArgumentException(name + " must be k x d with k <= d for " + what + ", got "
                    + Require.shapeOf(we));
        }
    }

    /** Requires Sigma d×d, finite and symmetric. */
    static DMatrixRMaj requireSigma(DMatrixRMaj sigma, int d) {
        Require.shape("Sigma", sigma, d, d);
        return SymmetricEigen.requireSymmetric("Sigma", sigma);
    }

    /** Requires T k×k, finite, with 2-norm condition number ≤ 1e12; returns T⁻¹. */
    static DMatrixRMaj requireInvertible(DMatrixRMaj t, int k) {
        Require.shape("T", t, k, k);
        Require.finite("T", t);
        double cond = NormOps_DDRM.conditionP2(t);
        DMatrixRMaj inverse = t.copy();
        if (!(cond <= 1e12) || !CommonOps_DDRM.invert(inverse)) {
            throw new IllegalArgumentException("T must be invertible (condition number <= 1e12), got condition number "
                    + cond);
        }
        return inverse;
    }

    // ---------------------------------------------------------------- loss

    /**
     * \(L = \mathrm{tr}\,\Sigma - 2\,\mathrm{tr}(W_dW_e\Sigma) + \mathrm{tr}(W_e^\top W_d^\top W_dW_e\Sigma)\).
     *
     * @param weights (W_e k×d, W_d d×k), e.g. {@code LinearAutoencoder.weights()} of a trained model. Not modified.
     * @param sigma Σ, d×d symmetric. Not modified.
     */
    public static double loss(LinearAutoencoderWeights weights, DMatrixRMaj sigma) {
        Require.notNull("weights", weights);
        return loss(weights.encoder(), weights.decoder(), sigma);
    }

    /**
     * The loss L(W_e, W_d) of the class comment.
     *
     * @param we W_e, k×d. Not modified.
     * @param wd W_d, d×k. Not modified.
     * @param sigma Σ, d×d symmetric. Not modified.
     */
    public static double loss(DMatrixRMaj we, DMatrixRMaj wd, DMatrixRMaj sigma) {
        int d = requireWeights(we, wd)[1];
        requireSigma(sigma, d);
        DMatrixRMaj a = CommonOps_DDRM.mult(wd, we, null); // W_d W_e
        DMatrixRMaj ata = CommonOps_DDRM.multTransA(a, a, null);
        return CommonOps_DDRM.trace(sigma) - 2 * traceOfProduct(a, sigma) + traceOfProduct(ata, sigma);
    }

    /** \(\mathrm{tr}(AB) = \sum_{ij} A_{ij}B_{ji}\) for square A, B. */
    private static double traceOfProduct(DMatrixRMaj a, DMatrixRMaj b) {
        int d = a.numRows;
        double s = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s += a.get(i, j) * b.get(j, i);
            }
        }
        return s;
    }

    /**
     * Tied-weight loss \(L(W, W^\top)\) = {@link #loss}(W, Wᵀ, Σ).
     *
     * @param w W, k×d. Not modified.
     * @param sigma Σ, d×d symmetric. Not modified.
     */
    public static double tiedLoss(DMatrixRMaj w, DMatrixRMaj sigma) {
        requireEncoder("W", w);
        return loss(w, CommonOps_DDRM.transpose(w, null), sigma);
    }

    /**
     * Brute-force loss on data: \(\frac1n\sum_i\lVert x_i - W_dW_ex_i\rVert^2\) (rows x_i; NOT centred here). Equals
     * {@link #loss} with \(\Sigma = \frac1n X^\top X\).
     *
     * @param data n×d, n ≥ 1, finite. Not modified.
     */
    public static double empiricalLoss(DMatrixRMaj we, DMatrixRMaj wd, DMatrixRMaj data) {
        int d = requireWeights(we, wd)[1];
        Require.cols("data", data, d);
        Require.atLeastRows("data", data, 1);
        Require.finite("data", data);
        DMatrixRMaj codes = CommonOps_DDRM.multTransB(data, we, null); // n×k
        DMatrixRMaj recon = CommonOps_DDRM.multTransB(codes, wd, null); // n×d
        double s = 0;
        for (int i = 0; i < recon.data.length; i++) {
            double e = data.data[i] - recon.data[i];
            s += e * e;
        }
        return s / data.numRows;
    }

    // ---------------------------------------------------------------- gradients

    /** R = (W_d W_e − I) Σ, d×d (inputs already validated). */
    private static DMatrixRMaj residualTimesSigma(DMatrixRMaj we, DMatrixRMaj wd, DMatrixRMaj sigma) {
        DMatrixRMaj a = CommonOps_DDRM.mult(wd, we, null);
        for (int i = 0; i < a.numRows; i++) {
            a.add(i, i, -1);
        }
        return CommonOps_DDRM.mult(a, sigma, null);
    }

    private static DMatrixRMaj output(DMatrixRMaj out, int rows, int cols) {
        return UtilEjml.reshapeOrDeclare(out, rows, cols);
    }

    /**
     * \(\partial L/\partial W_e = -2W_d^\top\Sigma + 2W_d^\top W_dW_e\Sigma = 2W_d^\top(W_dW_e - I)\Sigma\) (k×d).
     *
     * @param out Modified (reshaped to k×d); null ⇒ allocate. Must not alias an input.
     */
    public static DMatrixRMaj encoderGradient(DMatrixRMaj we, DMatrixRMaj wd, DMatrixRMaj sigma, DMatrixRMaj out) {
        Require.notAliased("out", out, "we", we);
        Require.notAliased("out", out, "wd", wd);
        Require.notAliased("out", out, "sigma", sigma);
        int[] kd = requireWeights(we, wd);
        requireSigma(sigma, kd[1]);
        out = output(out, kd[0], kd[1]);
        CommonOps_DDRM.multTransA(2, wd, residualTimesSigma(we, wd, sigma), out);
        return out;
    }

    /**
     * \(\partial L/\partial W_d = -2\Sigma W_e^\top + 2W_dW_e\Sigma W_e^\top = 2(W_dW_e - I)\Sigma W_e^\top\) (d×k).
     *
     * @param out Modified (reshaped to d×k); null ⇒ allocate. Must not alias an input.
     */
    public static DMatrixRMaj decoderGradient(DMatrixRMaj we, DMatrixRMaj wd, DMatrixRMaj sigma, DMatrixRMaj out) {
        Require.notAliased("out", out, "we", we);
        Require.notAliased("out", out, "wd", wd);
        Require.notAliased("out", out, "sigma", sigma);
        int[] kd = requireWeights(we, wd);
        requireSigma(sigma, kd[1]);
        out = output(out, kd[1], kd[0]);
        CommonOps_DDRM.multTransB(2, residualTimesSigma(we, wd, sigma), we, out);
        return out;
    }

    /**
     * Tied gradient \(\partial L(W, W^\top)/\partial W = -4W\Sigma + 2W\Sigma W^\top W + 2WW^\top W\Sigma\) (k×d).
     *
     * @param w W, k×d. Not modified.
     * @param out Modified (reshaped to k×d); null ⇒ allocate. Must not alias an input.
     */
    public static DMatrixRMaj tiedGradient(DMatrixRMaj w, DMatrixRMaj sigma, DMatrixRMaj out) {
        Require.notAliased("out", out, "W", w);
        Require.notAliased("out", out, "sigma", sigma);
        int[] kd = requireEncoder("W", w);
        requireSigma(sigma, kd[1]);
        out = output(out, kd[0], kd[1]);
        DMatrixRMaj ws = CommonOps_DDRM.mult(w, sigma, null); // WΣ, k×d
        DMatrixRMaj wwt = CommonOps_DDRM.multTransB(w, w, null); // WWᵀ, k×k
        DMatrixRMaj wswt = CommonOps_DDRM.multTransB(ws, w, null); // WΣWᵀ, k×k
        CommonOps_DDRM.scale(-4, ws, out);
        CommonOps_DDRM.multAdd(2, wswt, w, out);
        CommonOps_DDRM.multAdd(2, wwt, ws, out);
        return out;
    }

    /**
     * Central finite differences of {@link #loss} w.r.t. W_e: \((L(W_e + hE_{ij}) - L(W_e - hE_{ij}))/2h\) (k×d);
     * error O(h²). A formula-free reference for checking any claimed gradient.
     */
    public static DMatrixRMaj numericalEncoderGradient(DMatrixRMaj we, DMatrixRMaj wd, DMatrixRMaj sigma, double h) {
        requireSigma(sigma, requireWeights(we, wd)[1]);
        DMatrixRMaj p = we.copy();
        return FiniteDifferences.centralGradient(p, () -> loss(p, wd, sigma), h);
    }

    /** Central finite differences of {@link #loss} w.r.t. W_d (d×k); see {@link #numericalEncoderGradient}. */
    public static DMatrixRMaj numericalDecoderGradient(DMatrixRMaj we, DMatrixRMaj wd, DMatrixRMaj sigma, double h) {
        requireSigma(sigma, requireWeights(we, wd)[1]);
        DMatrixRMaj p = wd.copy();
        return FiniteDifferences.centralGradient(p, () -> loss(we, p, sigma), h);
    }

    /** Central finite differences of {@link #tiedLoss} w.r.t. W (k×d); see {@link #numericalEncoderGradient}. */
    public static DMatrixRMaj numericalTiedGradient(DMatrixRMaj w, DMatrixRMaj sigma, double h) {
        requireSigma(sigma, requireEncoder("W", w)[1]);
        DMatrixRMaj p = w.copy();
        return FiniteDifferences.centralGradient(p, () -> tiedLoss(p, sigma), h);
    }

    // ---------------------------------------------------------------- stationary points

    /** {@link #stationaryPoint(DMatrixRMaj, int[], DMatrixRMaj)} with T = I: W_e = U_Sᵀ, W_d = U_S. */
    public static LinearAutoencoderWeights stationaryPoint(DMatrixRMaj sigma, int[] eigenIndices) {
        Require.notNull("eigenIndices", eigenIndices);
        return stationaryPoint(sigma, eigenIndices, CommonOps_DDRM.identity(eigenIndices.length));
    }

    /**
     * The critical point \(W_e = TU_S^\top\), \(W_d = U_ST^{-1}\) built from the eigenvectors of Σ with the given
     * indices (0-based, in decreasing-eigenvalue order, see {@link SymmetricEigen}).
     *
     * @param sigma Σ, d×d symmetric positive semi-definite. Not modified.
     * @param eigenIndices k distinct indices in [0, d−1], 1 ≤ k ≤ d. Not modified.
     * @param t T, k×k invertible. Not modified.
     */
    public static LinearAutoencoderWeights stationaryPoint(DMatrixRMaj sigma, int[] eigenIndices, DMatrixRMaj t) {
        Require.notNull("Sigma", sigma);
        Require.notNull("eigenIndices", eigenIndices);
        Require.inRange("eigenIndices length k", eigenIndices.length, 1, sigma.numRows);
        SymmetricEigen eig = requirePsd(sigma);
        DMatrixRMaj tInverse = requireInvertible(t, eigenIndices.length);
        DMatrixRMaj us = eig.columns(eigenIndices); // d×k
        DMatrixRMaj we = CommonOps_DDRM.multTransB(t, us, null);
        DMatrixRMaj wd = CommonOps_DDRM.mult(us, tInverse, null);
        return new LinearAutoencoderWeights(we, wd);
    }

    /** Symmetric eigendecomposition of Σ, rejecting eigenvalues below −1e-10·max|λ|. */
    private static SymmetricEigen requirePsd(DMatrixRMaj sigma) {
        SymmetricEigen eig = SymmetricEigen.of("Sigma", Require.square("Sigma", sigma));
        double[] lambda = eig.values();
        double smallest = lambda[lambda.length - 1];
        if (smallest < -1e-10 * Math.max(Math.abs(lambda[0]), Math.abs(smallest))) {
            throw new IllegalArgumentException("Sigma must be positive semi-definite, got eigenvalue " + smallest);
        }
        return eig;
    }

    /**
     * The reparameterisation \((W_e, W_d)\mapsto(TW_e, W_dT^{-1})\), which leaves \(W_dW_e\) and the loss unchanged.
     *
     * @param t T, k×k invertible. Not modified.
     */
    public static LinearAutoencoderWeights transform(DMatrixRMaj we, DMatrixRMaj wd, DMatrixRMaj t) {
        int k = requireWeights(we, wd)[0];
        DMatrixRMaj tInverse = requireInvertible(t, k);
        return new LinearAutoencoderWeights(CommonOps_DDRM.mult(t, we, null), CommonOps_DDRM.mult(wd, tInverse, null));
    }

    // ---------------------------------------------------------------- Hessian

    /**
     * Analytic Hessian of L w.r.t. \(\theta = (\mathrm{vec}(W_e), \mathrm{vec}(W_d))\), both row-major (first the kd
     * entries \(W_e[a][b]\) at index \(a d + b\), then \(W_d[i][j]\) at \(kd + i k + j\)). Column c is the directional
     * derivative of the gradient along the unit vector \(e_c\): with \(dA = dW_dW_e + W_d\,dW_e\) and
     * \(R = (W_dW_e - I)\Sigma\),
     * \(d(\partial L/\partial W_e) = 2\,dW_d^\top R + 2W_d^\top dA\,\Sigma\),
     * \(d(\partial L/\partial W_d) = 2\,dA\,\Sigma W_e^\top + 2R\,dW_e^\top\). Symmetrised, (2kd)×(2kd).
     *
     * @throws IllegalArgumentException if 2kd &gt; {@link #MAX_HESSIAN_PARAMETERS}
     */
    public static DMatrixRMaj hessian(DMatrixRMaj we, DMatrixRMaj wd, DMatrixRMaj sigma) {
        int[] kd = requireWeights(we, wd);
        int k = kd[0];
        int d = kd[1];
        requireSigma(sigma, d);
        int p = 2 * k * d;
        if (p > MAX_HESSIAN_PARAMETERS) {
            throw new IllegalArgumentException("parameter count 2kd must be <= " + MAX_HESSIAN_PARAMETERS
                    + " for a dense Hessian, got " + p + " (k=" + k + ", d=" + d + ")");
        }
        DMatrixRMaj r = residualTimesSigma(we, wd, sigma);
        DMatrixRMaj h = new DMatrixRMaj(p, p);
        DMatrixRMaj dWe = new DMatrixRMaj(k, d);
        DMatrixRMaj dWd = new DMatrixRMaj(d, k);
        DMatrixRMaj dA = new DMatrixRMaj(d, d);
        DMatrixRMaj dASigma = new DMatrixRMaj(d, d);
        DMatrixRMaj gE = new DMatrixRMaj(k, d);
        DMatrixRMaj gD = new DMatrixRMaj(d, k);
        for (int c = 0; c < p; c++) {
            dWe.zero();
            dWd.zero();
            if (c < k * d) {
                dWe.data[c] = 1;
            } else {
                dWd.data[c - k * d] = 1;
            }
            CommonOps_DDRM.mult(dWd, we, dA);
            CommonOps_DDRM.multAdd(wd, dWe, dA);
            CommonOps_DDRM.mult(dA, sigma, dASigma);
            CommonOps_DDRM.multTransA(2, dWd, r, gE);
            CommonOps_DDRM.multAddTransA(2, wd, dASigma, gE);
            CommonOps_DDRM.multTransB(2, dASigma, we, gD);
            CommonOps_DDRM.multAddTransB(2, r, dWe, gD);
            for (int i = 0; i < k * d; i++) {
                h.set(i, c, gE.data[i]);
                h.set(k * d + i, c, gD.data[i]);
            }
        }
        DMatrixRMaj ht = CommonOps_DDRM.transpose(h, null);
        CommonOps_DDRM.add(0.5, h, 0.5, ht, h);
        return h;
    }

    /** Eigenvalues of {@link #hessian}, ascending. */
    public static double[] hessianEigenvalues(DMatrixRMaj we, DMatrixRMaj wd, DMatrixRMaj sigma) {
        double[] values = SymmetricEigen.of("Hessian", hessian(we, wd, sigma)).values();
        Arrays.sort(values);
        return values;
    }

    /**
     * The balanced representative of the GL(k) orbit of (W_e, W_d): with the SVD \(W_dW_e = U S V^\top\) and
     * \(S_k\) its top k singular values, \((S_k^{1/2}V_k^\top,\ U_kS_k^{1/2})\), which has the same product and
     * \(W_eW_e^\top = W_d^\top W_d\). Null when \(W_dW_e\) has rank &lt; k (then the orbit is not that of a rank-k
     * point).
     */
    static LinearAutoencoderWeights balanced(DMatrixRMaj we, DMatrixRMaj wd) {
        int k = we.numRows;
        int d = we.numCols;
        DMatrixRMaj a = CommonOps_DDRM.mult(wd, we, null);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d, d, true, true, false);
        if (!svd.decompose(a)) {
            return null;
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        if (!(w.get(k - 1, k - 1) > 1e-10 * w.get(0, 0))) {
            return null;
        }
        DMatrixRMaj balancedEncoder = new DMatrixRMaj(k, d);
        DMatrixRMaj balancedDecoder = new DMatrixRMaj(d, k);
        for (int j = 0; j < k; j++) {
            double root = Math.sqrt(w.get(j, j));
            for (int i = 0; i < d; i++) {
                balancedEncoder.set(j, i, root * v.get(i, j));
                balancedDecoder.set(i, j, root * u.get(i, j));
            }
        }
        return new LinearAutoencoderWeights(balancedEncoder, balancedDecoder);
    }

    /**
     * Classifies (W_e, W_d) from the gradient and the Hessian spectrum. With \(s = \max_i|\mu_i|\) over the Hessian
     * eigenvalues \(\mu_i\): the point is stationary when \(\max|\nabla L| \le tol\cdot\max(1, s\cdot\max|\theta|)\);
     * an eigenvalue counts as zero when \(|\mu_i| \le tol\cdot s\). At a stationary point with W_e of rank k, the
     * GL(k) invariance gives exactly k² zero eigenvalues; then: both signs ⇒ SADDLE; otherwise more than k² zeros ⇒
     * DEGENERATE; no negative ⇒ MINIMUM; no positive ⇒ MAXIMUM. The test runs at the balanced representative of the
     * GL(k) orbit ({@code W_eW_e^T = W_d^TW_d}, same product W_dW_e) whenever W_dW_e has rank k: the Hessian's inertia
     * is the same along the orbit (Sylvester), but its conditioning is not, so a badly scaled T does not fool the
     * tolerance. Requires k ≤ d (the zero-eigenvalue count k² assumes a rank-k product).
     *
     * @param tol relative tolerance in (0, 1), e.g. 1e-8
     */
    public static StationaryPointType classify(DMatrixRMaj we, DMatrixRMaj wd, DMatrixRMaj sigma, double tol) {
        Require.inOpenRange("tol", tol, 0, 1);
        int k = requireWeights(we, wd)[0];
        requireUndercomplete("We", we, "classify (a rank-k product needs k <= d)");
        requireSigma(sigma, we.numCols);
        LinearAutoencoderWeights balanced = balanced(we, wd);
        if (balanced != null) {
            we = balanced.encoder();
            wd = balanced.decoder();
        }
        double[] mu = hessianEigenvalues(we, wd, sigma);
        double scale = Math.max(Math.abs(mu[0]), Math.abs(mu[mu.length - 1]));
        double gradient = Math.max(CommonOps_DDRM.elementMaxAbs(encoderGradient(we, wd, sigma, null)),
                CommonOps_DDRM.elementMaxAbs(decoderGradient(we, wd, sigma, null)));
        double theta = Math.max(CommonOps_DDRM.elementMaxAbs(we), CommonOps_DDRM.elementMaxAbs(wd));
        if (!(gradient <= tol * Math.max(1, scale * theta))) {
            return StationaryPointType.NOT_STATIONARY;
        }
        int negative = 0;
        int positive = 0;
        for (double v : mu) {
            if (v < -tol * scale) {
                negative++;
            } else if (v > tol * scale) {
                positive++;
            }
        }
        int zero = mu.length - negative - positive;
        if (negative > 0 && positive > 0) {
            return StationaryPointType.SADDLE;
        }
        if (zero > k * k) {
            return StationaryPointType.DEGENERATE;
        }
        return negative == 0 ? StationaryPointType.MINIMUM : StationaryPointType.MAXIMUM;
    }

    // ---------------------------------------------------------------- principal angles

    /**
     * Rows are vectors, as samples are: {@code principalAngles(pca.components(), ae.decoderWeight())} compares the
     * spans of the rows. Computation (on the transposes, whose columns span the subspaces):
     * Principal angles \(0\le\theta_1\le\dots\le\theta_m\le\pi/2\), m = min(p, q), between the column spaces of A
     * (d×p) and B (d×q) (Björck &amp; Golub 1973). Both are orthonormalised with QR; with q ≤ p (swap otherwise),
     * \(\cos\theta_i = \sigma_i(Q_A^\top Q_B)\) (descending) and \(\sin\theta_i = \sigma_i((I - Q_AQ_A^\top)Q_B)\)
     * (ascending), both clamped to [0, 1]. Angles with \(\cos^2\theta \ge 1/2\) are taken as \(\arcsin\) of the sine,
     * the others as \(\arccos\) of the cosine, which keeps small angles accurate (arccos alone loses about half the
     * digits near 0; Knyazev &amp; Argentati 2002, SIAM J. Sci. Comput. 23(6), §2).
     *
     * @param a p×d, 1 ≤ p ≤ d, its rows a basis of the first subspace (full row rank), finite. Not modified.
     * @param b q×d, 1 ≤ q ≤ d, its rows a basis of the second subspace (full row rank), finite. Not modified.
     * @return m angles in radians, ascending
     */
    public static double[] principalAngles(DMatrixRMaj a, DMatrixRMaj b) {
        Require.notNull("A", a);
        Require.notNull("B", b);
        if (a.numRows < 1 || a.numRows > a.numCols) {
            throw new IllegalArgumentException("A must be p x d with 1 <= p <= d, got " + Require.shapeOf(a));
        }
        Require.cols("B", b, a.numCols);
        if (b.numRows < 1 || b.numRows > b.numCols) {
            throw new IllegalArgumentException("B must be q x d with 1 <= q <= d, got " + Require.shapeOf(b));
        }
        return principalAnglesOfColumns(CommonOps_DDRM.transpose(a, null), CommonOps_DDRM.transpose(b, null));
    }

    private static double[] principalAnglesOfColumns(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj qa = orthonormalBasis("A", a);
        Require.rows("B", b, a.numRows);
        DMatrixRMaj qb = orthonormalBasis("B", b);
        if (qb.numCols > qa.numCols) {
            DMatrixRMaj swap = qa;
            qa = qb;
            qb = swap;
        }
        double[] cosines = singularValuesDescending(CommonOps_DDRM.multTransA(qa, qb, null));
        DMatrixRMaj residual = qb.copy(); // (I − Q_A Q_Aᵀ) Q_B
        CommonOps_DDRM.multAdd(-1, qa, CommonOps_DDRM.multTransA(qa, qb, null), residual);
        double[] sines = singularValuesDescending(residual);
        int m = qb.numCols;
        double[] angles = new double[m];
        for (int i = 0; i < m; i++) {
            double c = Math.min(1, Math.max(0, cosines[i]));
            double s = Math.min(1, Math.max(0, sines[m - 1 - i]));
            angles[i] = c * c >= 0.5 ? Math.asin(s) : Math.acos(c);
        }
        Arrays.sort(angles);
        return angles;
    }

    private static double[] singularValuesDescending(DMatrixRMaj m) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, false, true);
        if (!svd.decompose(m.copy())) {
            throw new IllegalStateException("SVD did not converge");
        }
        double[] s = Arrays.copyOf(svd.getSingularValues(), svd.numberOfSingularValues());
        Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return s;
    }

    /** Q of a thin QR, after checking full column rank (|R_ii| &gt; 1e-12·max|R_jj|). */
    private static DMatrixRMaj orthonormalBasis(String name, DMatrixRMaj a) {
        Require.notNull(name, a);
        if (a.numCols < 1 || a.numCols > a.numRows) {
            throw new IllegalArgumentException(name + " must be d x p with 1 <= p <= d, got " + Require.shapeOf(a));
        }
        Require.finite(name, a);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(a.numRows, a.numCols);
        boolean decomposed = qr.decompose(a.copy()); // EJML reports an exactly dependent column as failure
        double max = 0;
        double min = 0;
        if (decomposed) {
            DMatrixRMaj r = qr.getR(null, true);
            min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < r.numRows; i++) {
                max = Math.max(max, Math.abs(r.get(i, i)));
                min = Math.min(min, Math.abs(r.get(i, i)));
            }
        }
        if (!decomposed || !(min > 1e-12 * max)) {
            throw new IllegalArgumentException(name + " must have full row rank " + a.numCols
                    + ", got |R_ii| ratio min/max = " + (max > 0 ? min / max : 0.0));
        }
        return qr.getQ(null, true);
    }
}
