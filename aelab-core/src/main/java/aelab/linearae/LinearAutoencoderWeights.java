package aelab.linearae;

import aelab.core.Require;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The weights of a linear autoencoder \(\hat x = W_d W_e x\): encoder \(W_e\) (k×d) and decoder \(W_d\) (d×k),
 * k, d ≥ 1 (k &gt; d is the overcomplete case), as analysed by Baldi &amp; Hornik (1989), "Neural networks and
 * principal component analysis: learning from examples without local minima", Neural Networks 2(1) (see
 * {@link LinearAutoencoderAnalysis}). Immutable: the constructor and the accessors copy. Equality is by identity
 * (like {@link DMatrixRMaj}).
 *
 * @param encoder W_e, k×d, finite
 * @param decoder W_d, d×k, finite
 */
public record LinearAutoencoderWeights(DMatrixRMaj encoder, DMatrixRMaj decoder) {
    /** Validates shapes and finiteness, and copies both matrices. */
    public LinearAutoencoderWeights {
        LinearAutoencoderAnalysis.requireWeights(encoder, decoder);
        encoder = encoder.copy();
        decoder = decoder.copy();
    }

    /** W_e, k×d (a copy). */
    @Override
    public DMatrixRMaj encoder() {
        return encoder.copy();
    }

    /** W_d, d×k (a copy). */
    @Override
    public DMatrixRMaj decoder() {
        return decoder.copy();
    }

    /** Latent dimension k. */
    public int latentDimension() {
        return encoder.numRows;
    }

    /** Data dimension d. */
    public int dimension() {
        return encoder.numCols;
    }

    /** The end-to-end map \(W_d W_e\) (d×d). */
    public DMatrixRMaj product() {
        return CommonOps_DDRM.mult(decoder, encoder, null);
    }

    @Override
    public String toString() {
        return "LinearAutoencoderWeights[encoder " + Require.shapeOf(encoder) + ", decoder " + Require.shapeOf(decoder)
                + "]";
    }
}
