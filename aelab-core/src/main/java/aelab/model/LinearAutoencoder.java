package aelab.model;

import aelab.core.Require;
import aelab.linalg.Gemm;
import aelab.nn.DenseLayer;
import aelab.nn.RowOps;
import aelab.optim.Gradients;
import aelab.optim.ParameterBlock;
import aelab.optim.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Linear autoencoder \(h = xW + b_e\), \(\hat x = hV + b_d\) with W d×k, V k×d (untied) or \(V = W^\top\) (tied),
 * biases optional, trained on \(L = \frac1n\sum_i\|\hat x_i - x_i\|^2\). With R = X̂ − X and G = 2R/n:
 * \(\partial L/\partial V = H^\top G\), \(\partial L/\partial H = G V^\top\), \(\partial L/\partial W = X^\top
 * \partial L/\partial H\); tied: \(\partial L/\partial W = X^\top(GW) + G^\top H\). Every minimum spans the top-k
 * principal subspace of the (uncentred without bias) data (Baldi &amp; Hornik 1989; Bourlard &amp; Kamp 1988).
 *
 * <p>Any k ≥ 1 is accepted. Overcomplete codes (k ≥ d) are allowed on purpose, to show what goes wrong without a
 * regulariser: then \(WV = I_d\) is reachable (untied: e.g. \(W = [I_d\; 0]\), \(V = [I_d\; 0]^\top\); tied: any W
 * with orthonormal rows, \(WW^\top = I_d\)), the autoencoder can learn the identity map and the loss can reach 0
 * on any data — it copies its input instead of learning a representation (Goodfellow, Bengio &amp; Courville,
 * <i>Deep Learning</i>, §14.1). For k &lt; d the rank of WV is at most k &lt; d and the minimum is the PCA
 * reconstruction error.
 */
public final class LinearAutoencoder implements Autoencoder {
    private final boolean tied;
    private final DenseLayer encoder;
    private final ParameterBlock decoderWeight;
    private final ParameterBlock decoderBias;
    private final Parameters parameters;
    private final int d;
    private final int k;
    private final DMatrixRMaj code = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj reconstruction = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradReconstruction = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gradCode = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj tiedDecoderPart;

    private LinearAutoencoder(int d, int k, boolean tied, boolean bias, RandomGenerator rng) {
        Require.positive("inputDim", d);
        Require.positive("latentDim", k);
        Require.notNull("rng", rng);
        this.d = d;
        this.k = k;
        this.tied = tied;
        this.encoder = DenseLayer.create("encoder", d, k, bias, rng);
        List<ParameterBlock> blocks = new ArrayList<>(encoder.parameterBlocks());
        if (tied) {
            decoderWeight = null;
            tiedDecoderPart = new DMatrixRMaj(d, k);
        } else {
            DenseLayer dec = DenseLayer.create("decoder", k, d, false, rng);
            decoderWeight = dec.weight();
            blocks.add(decoderWeight);
            tiedDecoderPart = null;
        }
        if (bias) {
            double bound = 1.0 / Math.sqrt(k);
            DMatrixRMaj b = new DMatrixRMaj(1, d);
            for (int i = 0; i < d; i++) {
                b.data[i] = rng.nextDouble(-bound, bound);
            }
            decoderBias = new ParameterBlock("decoder.bias", b);
            blocks.add(decoderBias);
        } else {
            decoderBias = null;
        }
        this.parameters = Parameters.of(blocks);
    }

    /**
     * A builder for a linear autoencoder with input width d ≥ 1 and code width k ≥ 1 (k ≥ d, overcomplete, makes the
     * identity reachable: see the class comment). Defaults: untied weights, encoder and decoder biases.
     */
    public static Builder builder(int inputDim, int latentDim) {
        return new Builder(inputDim, latentDim);
    }

    /** Configuration of a {@link LinearAutoencoder}. */
    public static final class Builder {
        private final int inputDim;
        private final int latentDim;
        private boolean tied;
        private boolean bias = true;

        private Builder(int inputDim, int latentDim) {
            this.inputDim = Require.positive("inputDim", inputDim);
            this.latentDim = Require.positive("latentDim", latentDim);
        }

        /** Tied weights: the decoder matrix is V = Wᵀ (one parameter block fewer). */
        public Builder tiedWeights() {
            this.tied = true;
            return this;
        }

        /** No biases: \(h = xW\), \(\hat x = hV\). */
        public Builder withoutBias() {
            this.bias = false;
            return this;
        }

        /**
         * Builds the autoencoder with PyTorch's {@code nn.Linear} default initialisation, drawn in order: W and
         * b<sub>e</sub>, then V (untied), then b<sub>d</sub>. rng: Modified.
         */
        public LinearAutoencoder build(RandomGenerator rng) {
            return new LinearAutoencoder(inputDim, latentDim, tied, bias, rng);
        }
    }

    /** True when V = Wᵀ. */
    public boolean isTied() {
        return tied;
    }

    /** A copy of W (d×k). */
    public DMatrixRMaj encoderWeight() {
        return encoder.weight().value().copy();
    }

    /** A copy of the decoder matrix V (k×d; Wᵀ when tied). Its rows span the decoder's column space. */
    public DMatrixRMaj decoderWeight() {
        if (tied) {
            return org.ejml.dense.row.CommonOps_DDRM.transpose(encoder.weight().value(), null);
        }
        return decoderWeight.value().copy();
    }

    /**
     * The weights in the convention of {@link aelab.linearae.LinearAutoencoderAnalysis} (\(\hat x = W_dW_ex\) on a
     * column x): {@code encoder} \(W_e = W^\top\) (k×d), {@code decoder} \(W_d = V^\top\) (d×k). New matrices.
     */
    public aelab.linearae.LinearAutoencoderWeights weights() {
        return new aelab.linearae.LinearAutoencoderWeights(
                org.ejml.dense.row.CommonOps_DDRM.transpose(encoder.weight().value(), null),
                org.ejml.dense.row.CommonOps_DDRM.transpose(decoderWeight(), null));
    }

    @Override
    public int inputDim() {
        return d;
    }

    @Override
    public int latentDim() {
        return k;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public DMatrixRMaj encode(DMatrixRMaj x) {
        ModelChecks.batch("x", x, d);
        return encoder.forward(x, null);
    }

    @Override
    public DMatrixRMaj decode(DMatrixRMaj z) {
        ModelChecks.batch("z", z, k);
        return decodeInto(z, null);
    }

    private DMatrixRMaj decodeInto(DMatrixRMaj z, DMatrixRMaj out) {
        out = tied ? Gemm.multTransB(z, encoder.weight().value(), out) : Gemm.mult(z, decoderWeight.value(), out);
        if (decoderBias != null) {
            RowOps.addRowEquals(out, decoderBias.value());
        }
        return out;
    }

    @Override
    public double lossAndGradients(DMatrixRMaj batch, RandomGenerator rng, Gradients out) {
        ModelChecks.training(batch, d, rng, out, parameters);
        encoder.forward(batch, code);
        decodeInto(code, reconstruction);
        double loss = ModelChecks.squaredErrorMean(reconstruction, batch, gradReconstruction);
        DMatrixRMaj gradW = out.get(encoder.weight());
        DMatrixRMaj gradBe = encoder.hasBias() ? out.get(encoder.bias()) : null;
        if (decoderBias != null) {
            RowOps.columnSums(gradReconstruction, out.get(decoderBias));
        }
        if (tied) {
            // decoder use of W: x̂ = H Wᵀ ⇒ ∂L/∂W += Gᵀ H, ∂L/∂H = G W
            Gemm.multTransA(gradReconstruction, code, tiedDecoderPart);
            Gemm.mult(gradReconstruction, encoder.weight().value(), gradCode);
            encoder.backward(batch, gradCode, gradW, gradBe, null);
            double[] gw = gradW.data;
            double[] extra = tiedDecoderPart.data;
            for (int i = 0; i < d * k; i++) {
                gw[i] += extra[i];
            }
        } else {
            Gemm.multTransA(code, gradReconstruction, out.get(decoderWeight));
            Gemm.multTransB(gradReconstruction, decoderWeight.value(), gradCode);
            encoder.backward(batch, gradCode, gradW, gradBe, null);
        }
        return loss;
    }

    @Override
    public String toString() {
        return "LinearAutoencoder(" + d + " -> " + k + (tied ? ", tied" : ", untied")
                + (encoder.hasBias() ? ", bias" : ", no bias") + ")";
    }
}
