package aelab.model;

import aelab.core.Require;
import java.util.random.RandomGenerator;
import org.ejml.UtilEjml;
import org.ejml.data.DMatrixRMaj;

/**
 * Masking noise as explicit masks, for evaluating what a masked (denoising) autoencoder does on the entries it
 * could not see. Vincent et al. (2008, "Extracting and composing robust features with denoising autoencoders",
 * ICML; 2010, "Stacked denoising autoencoders", JMLR 11) zero a random fraction of the entries ("masking noise");
 * here, as in {@link DenoisingAutoencoder}, each entry is dropped independently with probability p. He et al. (2022,
 * "Masked autoencoders are scalable vision learners", CVPR) compute the loss on the masked patches only, as
 * {@link #maskedSquaredError} scores only the dropped entries.
 *
 * <p>A mask M has entries \(m_{ij}\in\{0,1\}\), 1 meaning "dropped"; the masked input is
 * \(\tilde x_{ij}=(1-m_{ij})\,x_{ij}\). {@link #draw} makes \(m_{ij}=1\) exactly when {@code rng.nextDouble() < p},
 * one draw per entry in row-major order, which is the convention of {@link DenoisingAutoencoder#corrupt} with
 * masking noise: for the same generator state, {@code apply(x, draw(n, d, p, rng), null)} equals
 * {@code dae.corrupt(x, rng)}. The error on the masked entries of row i is
 * \[ e_i=\frac{\sum_j m_{ij}\,(x_{ij}-\hat x_{ij})^2}{\sum_j m_{ij}}, \]
 * the mean squared error per dropped entry; the entries the model could see do not count.
 */
public final class MaskingNoise {
    private MaskingNoise() {
    }

    /**
     * A rows×cols mask with \(m_{ij}=1\) when {@code rng.nextDouble() < p} (row-major, one draw per entry), else 0.
     *
     * @param p   the masking ratio, in [0, 1]
     * @param rng Modified.
     */
    public static DMatrixRMaj draw(int rows, int cols, double p, RandomGenerator rng) {
        Require.positive("rows", rows);
        Require.positive("cols", cols);
        Require.inRange("p", p, 0, 1);
        Require.notNull("rng", rng);
        Require.matrixSize("rows x cols (the mask)", rows, cols);
        DMatrixRMaj mask = new DMatrixRMaj(rows, cols);
        double[] m = mask.data;
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextDouble() < p ? 1.0 : 0.0;
        }
        return mask;
    }

    /**
     * out = (1 − M) ⊙ x, the masked input: dropped entries set to 0, the others kept unscaled.
     *
     * @param x    n×d. Not modified.
     * @param mask n×d of zeros and ones. Not modified.
     * @param out  Modified (reshaped to n×d; null ⇒ allocated; may be x itself).
     * @return out
     */
    public static DMatrixRMaj apply(DMatrixRMaj x, DMatrixRMaj mask, DMatrixRMaj out) {
        Require.notNull("x", x);
        requireMask(mask, x);
        Require.notAliased("out", out, "mask", mask);
        out = UtilEjml.reshapeOrDeclare(out, x.numRows, x.numCols);
        double[] a = x.data;
        double[] m = mask.data;
        double[] o = out.data;
        int size = x.getNumElements();
        for (int i = 0; i < size; i++) {
            o[i] = m[i] == 1.0 ? 0.0 : a[i];
        }
        return out;
    }

    /**
     * out[i, j] = fill[j] where M[i, j] = 1, else x[i, j]: every dropped entry replaced by a per-column value, e.g.
     * the training mean of that pixel (mean imputation).
     *
     * @param x    n×d. Not modified.
     * @param mask n×d of zeros and ones. Not modified.
     * @param fill 1×d. Not modified.
     * @param out  Modified (reshaped to n×d; null ⇒ allocated; may be x itself).
     * @return out
     */
    public static DMatrixRMaj fill(DMatrixRMaj x, DMatrixRMaj mask, DMatrixRMaj fill, DMatrixRMaj out) {
        Require.notNull("x", x);
        requireMask(mask, x);
        Require.shape("fill", fill, 1, x.numCols);
        Require.notAliased("out", out, "mask", mask);
        Require.notAliased("out", out, "fill", fill);
        out = UtilEjml.reshapeOrDeclare(out, x.numRows, x.numCols);
        int cols = x.numCols;
        for (int r = 0; r < x.numRows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = r * cols + c;
                out.data[k] = mask.data[k] == 1.0 ? fill.data[c] : x.data[k];
            }
        }
        return out;
    }

    /**
     * The error on the masked entries of each row, \(e_i=\sum_j m_{ij}(x_{ij}-\hat x_{ij})^2/\sum_j m_{ij}\).
     *
     * @param x    the clean rows, n×d. Not modified.
     * @param xHat the reconstructions, n×d. Not modified.
     * @param mask n×d of zeros and ones, at least one 1 in every row. Not modified.
     * @return the n values e_i
     */
    public static double[] maskedSquaredError(DMatrixRMaj x, DMatrixRMaj xHat, DMatrixRMaj mask) {
        Require.notNull("x", x);
        Require.sameShape("x", x, "xHat", xHat);
        requireMask(mask, x);
        int cols = x.numCols;
        double[] e = new double[x.numRows];
        for (int r = 0; r < x.numRows; r++) {
            double sum = 0;
            int count = 0;
            for (int c = 0; c < cols; c++) {
                int k = r * cols + c;
                if (mask.data[k] == 1.0) {
                    double diff = x.data[k] - xHat.data[k];
                    sum += diff * diff;
                    count++;
                }
            }
            if (count == 0) {
                throw new IllegalArgumentException("mask must drop at least one entry in every row, got none in row "
                        + r);
            }
            e[r] = sum / count;
        }
        return e;
    }

    private static void requireMask(DMatrixRMaj mask, DMatrixRMaj x) {
        Require.sameShape("x", x, "mask", mask);
        double[] m = mask.data;
        int size = mask.getNumElements();
        for (int i = 0; i < size; i++) {
            if (m[i] != 0.0 && m[i] != 1.0) {
                throw new IllegalArgumentException("mask must hold only 0 (kept) and 1 (dropped), got " + m[i]
                        + " at row " + i / mask.numCols + ", column " + i % mask.numCols);
            }
        }
    }
}
