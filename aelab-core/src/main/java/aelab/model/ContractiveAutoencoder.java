package aelab.model;

import aelab.core.Require;
import aelab.nn.Activation;
import aelab.nn.Mlp;
import aelab.optim.Gradients;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Contractive autoencoder (Rifai et al. 2011) with a one-layer sigmoid encoder \(h = \sigma(xW + b)\) and the exact
 * Jacobian penalty \(P = \frac{\lambda}{n}\sum_i \|\partial h/\partial x\|_F^2(x_i) =
 * \frac{\lambda}{n}\sum_i\sum_j (h_{ij}(1-h_{ij}))^2\,\|W_{:,j}\|^2\).
 * Gradient: through h, \(\partial P/\partial h_{ij} = \frac{\lambda}{n}\,2 s_{ij}(1-2h_{ij})\,\|W_{:,j}\|^2\) with
 * \(s = h(1-h)\); directly, \(\partial P/\partial W_{:,j} \mathrel{+}= \frac{2\lambda}{n}\big(\sum_i s_{ij}^2\big)
 * W_{:,j}\).
 *
 * <p>W is the encoder layer's weight, d×k (inputs times codes, {@code h = x W + b} for a row x), so the encoder
 * Jacobian at x is the k×d matrix \(J(x) = \partial h/\partial x = \mathrm{diag}(h(1-h))\,W^\top\),
 * \(J_{ji} = h_j(1-h_j)W_{ij}\) ({@link #encoderJacobian}); {@link #penalty} is P on a batch, the same number the
 * training loss adds to the reconstruction error.
 */
public final class ContractiveAutoencoder extends MlpAutoencoder implements Regularized {
    private final double weight;
    private final double[] columnNormSquared;
    private final double[] sumSquaredSlopes;

    private ContractiveAutoencoder(Mlp encoder, Mlp decoder, double weight) {
        super(encoder, decoder);
        this.weight = weight;
        this.columnNormSquared = new double[encoder.outputDim()];
        this.sumSquaredSlopes = new double[encoder.outputDim()];
    }

    /**
     * A builder for a contractive autoencoder with input width d and code width k: the encoder is one sigmoid layer
     * \(h = \sigma(xW + b)\) (the penalty above is exact for it), the decoder one affine layer k → d with
     * {@link Builder#outputActivation} (default identity); every layer has a bias unless {@link Builder#withoutBias}.
     * Choose the penalty weight with {@link Builder#penaltyWeight}.
     */
    public static Builder builder(int inputDim, int latentDim) {
        return new Builder(inputDim, latentDim);
    }

    /** Configuration of a {@link ContractiveAutoencoder}. */
    public static final class Builder {
        private final int inputDim;
        private final int latentDim;
        private Activation outputActivation = Activation.IDENTITY;
        private boolean bias = true;
        private double weight = Double.NaN;

        private Builder(int inputDim, int latentDim) {
            this.inputDim = Require.positive("inputDim", inputDim);
            this.latentDim = Require.positive("latentDim", latentDim);
        }

        /** Activation of the reconstruction x̂ (the decoder's output). */
        public Builder outputActivation(Activation activation) {
            this.outputActivation = Require.notNull("activation", activation);
            return this;
        }

        /** No bias in either layer. */
        public Builder withoutBias() {
            this.bias = false;
            return this;
        }

        /** The weight λ ≥ 0 of the Jacobian penalty (0: a plain sigmoid autoencoder, for comparisons). */
        public Builder penaltyWeight(double lambda) {
            this.weight = Require.nonNegative("lambda", lambda);
            return this;
        }

        /**
         * Builds the autoencoder, initialising the encoder layer, then the decoder layer, with PyTorch's
         * {@code nn.Linear} default. rng: Modified.
         *
         * @throws IllegalStateException if no penalty weight was chosen
         */
        public ContractiveAutoencoder build(RandomGenerator rng) {
            Require.notNull("rng", rng);
            if (Double.isNaN(weight)) {
                throw new IllegalStateException("choose the penalty weight first: penaltyWeight(lambda)");
            }
            Mlp.Builder e = Mlp.builder("encoder", inputDim, latentDim).outputActivation(Activation.SIGMOID);
            Mlp encoder = (bias ? e : e.withoutBias()).build(rng);
            Mlp.Builder d = Mlp.builder("decoder", latentDim, inputDim).outputActivation(outputActivation);
            return new ContractiveAutoencoder(encoder, (bias ? d : d.withoutBias()).build(rng), weight);
        }
    }

    /** λ. */
    public double weight() {
        return weight;
    }

    /**
     * The contractive penalty of a batch, \(P = \frac{\lambda}{n}\sum_i \|J(x_i)\|_F^2\): the mean per sample, the
     * term {@link #lossAndGradients} adds to the mean squared reconstruction error (and reports as metric
     * {@code "penalty"}). 0 when λ = 0.
     *
     * @param x n×d batch, n ≥ 1, finite. Not modified.
     */
    public double penalty(DMatrixRMaj x) {
        DMatrixRMaj code = encode(x);
        return codePenalty(code, new DMatrixRMaj(code.numRows, code.numCols));
    }

    /**
     * The mean squared Frobenius norm of the encoder Jacobian over a batch, \(\frac1n\sum_i \|J(x_i)\|_F^2\)
     * (the penalty without λ, defined also when λ = 0: a measure of how contractive any encoder is).
     *
     * @param x n×d batch, n ≥ 1, finite. Not modified.
     */
    public double meanJacobianNormSquared(DMatrixRMaj x) {
        DMatrixRMaj h = encode(x);
        double[] norms = columnNormsSquared();
        int k = h.numCols;
        double total = 0;
        for (int i = 0; i < h.data.length; i++) {
            double s = h.data[i] * (1 - h.data[i]);
            total += s * s * norms[i % k];
        }
        return total / h.numRows;
    }

    /**
     * The exact encoder Jacobian at one input, \(J(x) = \partial h/\partial x = \mathrm{diag}(h(1-h))\,W^\top\),
     * with \(h = \sigma(xW + b)\): entry (j, i) is \(\partial h_j/\partial x_i = h_j(1-h_j)W_{ij}\).
     *
     * @param x length d, finite. Not modified.
     * @return a new k×d matrix
     */
    public DMatrixRMaj encoderJacobian(double[] x) {
        Require.finite("x", Require.length("x", x, inputDim()));
        DMatrixRMaj h = encode(new DMatrixRMaj(1, x.length, true, x));
        DMatrixRMaj w = encoder().layer(0).weight().value();
        int d = w.numRows;
        int k = w.numCols;
        DMatrixRMaj jacobian = new DMatrixRMaj(k, d);
        for (int j = 0; j < k; j++) {
            double s = h.data[j] * (1 - h.data[j]);
            for (int i = 0; i < d; i++) {
                jacobian.data[j * d + i] = s * w.data[i * k + j];
            }
        }
        return jacobian;
    }

    private double[] columnNormsSquared() {
        DMatrixRMaj w = encoder().layer(0).weight().value();
        int k = w.numCols;
        double[] norms = new double[k];
        for (int i = 0; i < w.data.length; i++) {
            norms[i % k] += w.data[i] * w.data[i];
        }
        return norms;
    }

    @Override
    protected boolean hasPenalty() {
        return true;
    }

    @Override
    protected double codePenalty(DMatrixRMaj code, DMatrixRMaj gradCode) {
        DMatrixRMaj w = encoder().layer(0).weight().value();
        int d = w.numRows;
        int k = w.numCols;
        java.util.Arrays.fill(columnNormSquared, 0.0);
        java.util.Arrays.fill(sumSquaredSlopes, 0.0);
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < k; c++) {
                double v = w.data[r * k + c];
                columnNormSquared[c] += v * v;
            }
        }
        int n = code.numRows;
        double scale = weight / n;
        double[] h = code.data;
        double[] g = gradCode.data;
        double total = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                int i = r * k + c;
                double hi = h[i];
                double s = hi * (1 - hi);
                sumSquaredSlopes[c] += s * s;
                total += s * s * columnNormSquared[c];
                g[i] += scale * 2 * s * (1 - 2 * hi) * columnNormSquared[c];
            }
        }
        return scale * total;
    }

    @Override
    protected void addDirectPenaltyGradients(DMatrixRMaj code, Gradients out) {
        DMatrixRMaj w = encoder().layer(0).weight().value();
        DMatrixRMaj gw = out.get(encoder().layer(0).weight());
        int k = w.numCols;
        double scale = 2 * weight / code.numRows;
        for (int r = 0; r < w.numRows; r++) {
            for (int c = 0; c < k; c++) {
                gw.data[r * k + c] += scale * sumSquaredSlopes[c] * w.data[r * k + c];
            }
        }
    }
}
