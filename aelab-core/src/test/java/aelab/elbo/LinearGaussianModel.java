package aelab.elbo;

import aelab.gaussian.DiagonalGaussian;
import aelab.gaussian.FullGaussian;
import aelab.loss.Likelihoods;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * z ~ N(0, I_k), x | z ~ N(Wz + b, s² I_D). Exact: p(x) = N(x; b, WWᵀ + s²I);
 * posterior N(M⁻¹Wᵀ(x − b), s²M⁻¹) with M = WᵀW + s²I (Bishop PRML §12.2.1). Test-side matrices use EJML's explicit
 * inverse on purpose — an independent path from the library's Cholesky-based code.
 */
final class LinearGaussianModel {
    final DMatrixRMaj w;
    final double[] b;
    final double s2;
    final double[] x;

    LinearGaussianModel(DMatrixRMaj w, double[] b, double s2, double[] x) {
        this.w = w;
        this.b = b;
        this.s2 = s2;
        this.x = x;
    }

    int latentDimension() {
        return w.numCols;
    }

    double[] decode(double[] z) {
        DMatrixRMaj out = new DMatrixRMaj(w.numRows, 1);
        CommonOps_DDRM.mult(w, new DMatrixRMaj(z), out);
        double[] mean = out.data.clone();
        for (int i = 0; i < mean.length; i++) {
            mean[i] += b[i];
        }
        return mean;
    }

    DecoderLogLikelihood decoder() {
        return z -> Likelihoods.gaussianLogLikelihood(x, decode(z), s2);
    }

    /** log N(x; b, C), C = WWᵀ + s²I, with an explicit inverse and determinant. */
    double exactLogEvidence() {
        int d = w.numRows;
        DMatrixRMaj c = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(w, w, c);
        for (int i = 0; i < d; i++) {
            c.add(i, i, s2);
        }
        DMatrixRMaj inv = c.copy();
        CommonOps_DDRM.invert(inv);
        double quad = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                quad += (x[i] - b[i]) * inv.get(i, j) * (x[j] - b[j]);
            }
        }
        return -0.5 * (d * Math.log(2 * Math.PI) + Math.log(CommonOps_DDRM.det(c)) + quad);
    }

    private DMatrixRMaj mInverse() {
        int k = w.numCols;
        DMatrixRMaj m = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransA(w, w, m);
        for (int i = 0; i < k; i++) {
            m.add(i, i, s2);
        }
        CommonOps_DDRM.invert(m);
        return m;
    }

    double[] posteriorMean() {
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[i] - b[i];
        }
        DMatrixRMaj wtr = new DMatrixRMaj(w.numCols, 1);
        CommonOps_DDRM.multTransA(w, new DMatrixRMaj(r), wtr);
        DMatrixRMaj mean = new DMatrixRMaj(w.numCols, 1);
        CommonOps_DDRM.mult(mInverse(), wtr, mean);
        return mean.data;
    }

    DMatrixRMaj posteriorCovariance() {
        DMatrixRMaj c = mInverse();
        CommonOps_DDRM.scale(s2, c);
        return c;
    }

    FullGaussian exactPosterior() {
        return FullGaussian.of(posteriorMean(), posteriorCovariance());
    }

    /**
     * Exact ELBO for a diagonal q = N(m, diag v): E_q log p(x|z) − KL, with
     * E_q log p(x|z) = −(D/2) log(2πs²) − (‖x − Wm − b‖² + Σ_ij W_ij² v_j) / (2s²) and
     * KL = ½ Σ (m² + v − 1 − log v) written out here.
     */
    double exactElbo(DiagonalGaussian q) {
        double[] m = q.mean();
        double[] v = q.variance();
        double[] mean = decode(m);
        double sq = 0;
        for (int i = 0; i < x.length; i++) {
            sq += (x[i] - mean[i]) * (x[i] - mean[i]);
            for (int j = 0; j < m.length; j++) {
                sq += w.get(i, j) * w.get(i, j) * v[j];
            }
        }
        double expectedLogLik = -0.5 * x.length * Math.log(2 * Math.PI * s2) - sq / (2 * s2);
        double kl = 0;
        for (int j = 0; j < m.length; j++) {
            kl += 0.5 * (m[j] * m[j] + v[j] - 1 - Math.log(v[j]));
        }
        return expectedLogLik - kl;
    }
}
