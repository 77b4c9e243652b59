package aelab.model;

import aelab.core.Require;
import aelab.nn.Activation;
import aelab.nn.Mlp;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Sparse autoencoder: squared-error reconstruction plus a sparsity penalty on the code h (encoder output).
 * <ul>
 *   <li>L1: \(P = \frac{\lambda}{n}\sum_{i,j}|h_{ij}|\), subgradient \(\frac{\lambda}{n}\,\mathrm{sign}(h_{ij})\)
 *       (Goodfellow et al., <i>Deep Learning</i>, §14.2.1);</li>
 *   <li>KL: \(P = \lambda\sum_j \mathrm{KL}(\rho\|\hat\rho_j)\) with \(\hat\rho_j = \frac1n\sum_i h_{ij}\) the
 *       batch-mean activation of sigmoid code units, \(\mathrm{KL}(\rho\|\hat\rho) = \rho\log\frac{\rho}{\hat\rho}
 *       + (1-\rho)\log\frac{1-\rho}{1-\hat\rho}\), \(\partial P/\partial h_{ij} = \frac{\lambda}{n}
 *       \left(-\frac{\rho}{\hat\rho_j} + \frac{1-\rho}{1-\hat\rho_j}\right)\) (Ng, CS294A lecture notes, 2011).
 *       This term is a function of the whole batch and is added once per batch.</li>
 * </ul>
 */
public final class SparseAutoencoder extends MlpAutoencoder implements Regularized {
    /** The kind of sparsity penalty. */
    public enum Penalty {
        /** λ Σ|h| / n. */
        L1,
        /** λ Σ_j KL(ρ ‖ ρ̂_j). */
        KL
    }

    private final Penalty penalty;
    private final double weight;
    private final double targetActivation;
    private final double[] meanActivation;

    private SparseAutoencoder(Mlp encoder, Mlp decoder, Penalty penalty, double weight, double targetActivation) {
        super(encoder, decoder);
        this.penalty = penalty;
        this.weight = weight;
        this.targetActivation = targetActivation;
        this.meanActivation = new double[encoder.outputDim()];
    }

    /**
     * A builder for a sparse autoencoder with input width d and code width k; choose the penalty with
     * {@link Builder#l1Penalty} or {@link Builder#klPenalty} (the KL penalty needs
     * {@code codeActivation(Activation.SIGMOID)}). Sizes, activations and defaults: see {@link MlpAutoencoder.Builder}.
     */
    public static Builder builder(int inputDim, int latentDim) {
        return new Builder(inputDim, latentDim);
    }

    /** Configuration of a {@link SparseAutoencoder}. */
    public static final class Builder extends MlpAutoencoder.Builder<Builder> {
        private Penalty penalty;
        private double weight;
        private double targetActivation = Double.NaN;

        private Builder(int inputDim, int latentDim) {
            super(inputDim, latentDim);
        }

        @Override
        Builder self() {
            return this;
        }

        /** L1 penalty \(\frac{\lambda}{n}\sum_{i,j}|h_{ij}|\) with λ ≥ 0. */
        public Builder l1Penalty(double lambda) {
            this.weight = Require.nonNegative("lambda", lambda);
            this.targetActivation = Double.NaN;
            this.penalty = Penalty.L1;
            return this;
        }

        /** KL penalty \(\lambda\sum_j \mathrm{KL}(\rho\|\hat\rho_j)\), target activation ρ in (0, 1), λ ≥ 0. */
        public Builder klPenalty(double rho, double lambda) {
            this.targetActivation = Require.inOpenRange("rho", rho, 0, 1);
            this.weight = Require.nonNegative("lambda", lambda);
            this.penalty = Penalty.KL;
            return this;
        }

        /**
         * Builds the autoencoder, initialising the encoder, then the decoder. rng: Modified.
         *
         * @throws IllegalArgumentException if the KL penalty is chosen with a code activation other than SIGMOID
         * @throws IllegalStateException    if no penalty was chosen
         */
        public SparseAutoencoder build(RandomGenerator rng) {
            Require.notNull("rng", rng);
            if (penalty == null) {
                throw new IllegalStateException("choose the penalty first: l1Penalty(lambda) or klPenalty(rho, lambda)");
            }
            if (penalty == Penalty.KL && codeActivation() != Activation.SIGMOID) {
                throw new IllegalArgumentException("codeActivation must be SIGMOID for the KL penalty (the code is a"
                        + " mean activation in (0, 1)), got " + codeActivation());
            }
            Mlp encoder = encoder(rng);
            return new SparseAutoencoder(encoder, decoder(rng), penalty, weight, targetActivation);
        }
    }

    /** The kind of penalty. */
    public Penalty penalty() {
        return penalty;
    }

    /** λ. */
    public double weight() {
        return weight;
    }

    /** ρ (KL only; NaN for L1). */
    public double targetActivation() {
        return targetActivation;
    }

    /**
     * The sparsity penalty of a batch: \(\frac{\lambda}{n}\sum_{i,j}|h_{ij}|\) (L1, the mean per sample) or
     * \(\lambda\sum_j \mathrm{KL}(\rho\|\hat\rho_j)\) with the batch-mean activations \(\hat\rho_j\) (KL, one term
     * per batch) — exactly the term {@link #lossAndGradients} adds to the mean squared reconstruction error (and
     * reports as metric {@code "penalty"}). 0 when λ = 0.
     *
     * @param x n×d batch, n ≥ 1, finite. Not modified.
     */
    public double penalty(DMatrixRMaj x) {
        DMatrixRMaj code = encode(x);
        return codePenalty(code, new DMatrixRMaj(code.numRows, code.numCols));
    }

    @Override
    protected boolean hasPenalty() {
        return true;
    }

    @Override
    protected double codePenalty(DMatrixRMaj code, DMatrixRMaj gradCode) {
        int n = code.numRows;
        int k = code.numCols;
        double[] h = code.data;
        double[] g = gradCode.data;
        if (penalty == Penalty.L1) {
            double scale = weight / n;
            double sum = 0;
            for (int i = 0; i < n * k; i++) {
                double v = h[i];
                sum += Math.abs(v);
                g[i] += v > 0 ? scale : (v < 0 ? -scale : 0.0);
            }
            return scale * sum;
        }
        java.util.Arrays.fill(meanActivation, 0.0);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                meanActivation[c] += h[r * k + c];
            }
        }
        double rho = targetActivation;
        double total = 0;
        for (int c = 0; c < k; c++) {
            double q = meanActivation[c] / n;
            total += rho * Math.log(rho / q) + (1 - rho) * Math.log((1 - rho) / (1 - q));
            meanActivation[c] = weight / n * (-rho / q + (1 - rho) / (1 - q));
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                g[r * k + c] += meanActivation[c];
            }
        }
        return weight * total;
    }
}
