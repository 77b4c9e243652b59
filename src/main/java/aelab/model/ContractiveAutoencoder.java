package aelab.model;

import aelab.core.Require;
import aelab.nn.Activation;
import aelab.nn.Mlp;
import aelab.optim.Gradients;
import org.ejml.data.DMatrixRMaj;

/**
 * Contractive autoencoder (Rifai et al. 2011) with a one-layer sigmoid encoder \(h = \sigma(xW + b)\) and the exact
 * Jacobian penalty \(P = \frac{\lambda}{n}\sum_i \|\partial h/\partial x\|_F^2(x_i) =
 * \frac{\lambda}{n}\sum_i\sum_j (h_{ij}(1-h_{ij}))^2\,\|W_{:,j}\|^2\).
 * Gradient: through h, \(\partial P/\partial h_{ij} = \frac{\lambda}{n}\,2 s_{ij}(1-2h_{ij})\,\|W_{:,j}\|^2\) with
 * \(s = h(1-h)\); directly, \(\partial P/\partial W_{:,j} \mathrel{+}= \frac{2\lambda}{n}\big(\sum_i s_{ij}^2\big)
 * W_{:,j}\).
 */
public final class ContractiveAutoencoder extends MlpAutoencoder {
    private final double weight;
    private final double[] columnNormSquared;
    private final double[] sumSquaredSlopes;

    private ContractiveAutoencoder(Mlp encoder, Mlp decoder, double weight) {
        super(encoder, decoder);
        this.weight = weight;
        this.columnNormSquared = new double[encoder.outputDim()];
        this.sumSquaredSlopes = new double[encoder.outputDim()];
    }

    /** The encoder must be one SIGMOID layer; λ ≥ 0. */
    public static ContractiveAutoencoder of(Mlp encoder, Mlp decoder, double lambda) {
        Require.notNull("encoder", encoder);
        if (encoder.depth() != 1 || encoder.activation(0) != Activation.SIGMOID) {
            throw new IllegalArgumentException("encoder must be a single SIGMOID layer, got " + encoder);
        }
        return new ContractiveAutoencoder(encoder, decoder, Require.nonNegative("lambda", lambda));
    }

    /** λ. */
    public double weight() {
        return weight;
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
