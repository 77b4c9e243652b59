package aelab.nn;

import aelab.core.Require;
import aelab.linalg.Gemm;
import aelab.linalg.ProductPrecision;
import aelab.optim.ParameterBlock;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Affine layer \(Y = XW + \mathbf{1}b\) with X n×in (one sample per row), W in×out, b 1×out (optional), and its
 * backward pass for an upstream gradient \(G = \partial L/\partial Y\):
 * \(\partial L/\partial W = X^\top G\), \(\partial L/\partial b = \mathbf{1}^\top G\) (column sums),
 * \(\partial L/\partial X = G W^\top\). Goodfellow et al., <i>Deep Learning</i> (2016), §6.5.
 *
 * <p>Initialisation is PyTorch's {@code nn.Linear} default: every weight and bias entry
 * ~ U(−1/√in, 1/√in), drawn from the injected generator (weights row-major, then bias).
 *
 * <p>The three products run in the layer's {@link ProductPrecision} (default {@code FLOAT64}; {@code FLOAT32} is
 * PyTorch's default training arithmetic); parameters, gradients and activations are double either way.
 */
public final class DenseLayer {
    private final int inputDim;
    private final int outputDim;
    private final ParameterBlock weight;
    private final ParameterBlock bias;
    private final ProductPrecision precision;

    private DenseLayer(int inputDim, int outputDim, ParameterBlock weight, ParameterBlock bias,
            ProductPrecision precision) {
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.weight = weight;
        this.bias = bias;
        this.precision = precision;
    }

    /**
     * A layer with PyTorch's default initialisation. Parameter names are {@code name + ".weight"} and
     * {@code name + ".bias"}.
     *
     * @param rng Modified (draws in·out (+ out) uniforms)
     */
    public static DenseLayer create(String name, int inputDim, int outputDim, boolean withBias, RandomGenerator rng) {
        return create(name, inputDim, outputDim, withBias, ProductPrecision.FLOAT64, rng);
    }

    /**
     * A layer with PyTorch's default initialisation whose products XW, XᵀG and GWᵀ run in the given precision (the
     * same draws from rng as {@link #create(String, int, int, boolean, RandomGenerator)}).
     *
     * @param rng Modified (draws in·out (+ out) uniforms)
     */
    public static DenseLayer create(String name, int inputDim, int outputDim, boolean withBias,
            ProductPrecision precision, RandomGenerator rng) {
        Require.notNull("name", name);
        Require.notNull("precision", precision);
        Require.positive("inputDim", inputDim);
        Require.positive("outputDim", outputDim);
        Require.notNull("rng", rng);
        double bound = 1.0 / Math.sqrt(inputDim);
        DMatrixRMaj w = new DMatrixRMaj(inputDim, outputDim);
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = rng.nextDouble(-bound, bound);
        }
        DMatrixRMaj b = null;
        if (withBias) {
            b = new DMatrixRMaj(1, outputDim);
            for (int i = 0; i < outputDim; i++) {
                b.data[i] = rng.nextDouble(-bound, bound);
            }
        }
        return of(name, w, b, precision);
    }

    /**
     * A layer with the given values (copied). weight in×out; bias 1×out or null for no bias.
     */
    public static DenseLayer of(String name, DMatrixRMaj weight, DMatrixRMaj bias) {
        return of(name, weight, bias, ProductPrecision.FLOAT64);
    }

    /**
     * A layer with the given values (copied) whose products run in the given precision. weight in×out; bias 1×out
     * or null for no bias.
     */
    public static DenseLayer of(String name, DMatrixRMaj weight, DMatrixRMaj bias, ProductPrecision precision) {
        Require.notNull("name", name);
        Require.notNull("precision", precision);
        Require.notNull(name + ".weight", weight);
        if (weight.numRows < 1 || weight.numCols < 1) {
            throw new IllegalArgumentException(name + ".weight must be at least 1x1, got " + Require.shapeOf(weight));
        }
        ParameterBlock w = new ParameterBlock(name + ".weight", weight.copy());
        ParameterBlock b = null;
        if (bias != null) {
            Require.shape(name + ".bias", bias, 1, weight.numCols);
            b = new ParameterBlock(name + ".bias", bias.copy());
        }
        return new DenseLayer(weight.numRows, weight.numCols, w, b, precision);
    }

    /** in. */
    public int inputDim() {
        return inputDim;
    }

    /** out. */
    public int outputDim() {
        return outputDim;
    }

    /** W (in×out). */
    public ParameterBlock weight() {
        return weight;
    }

    /** b (1×out), or null when the layer has no bias. */
    public ParameterBlock bias() {
        return bias;
    }

    /** The precision of the layer's products. */
    public ProductPrecision productPrecision() {
        return precision;
    }

    /** True when the layer has a bias. */
    public boolean hasBias() {
        return bias != null;
    }

    /** [W] or [W, b]. */
    public List<ParameterBlock> parameterBlocks() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    /**
     * y = f(x·W + b), the bias add and activation fused into one pass. x: Not modified (n×in). y: Modified
     * (reshaped to n×out; null ⇒ allocated; must not be x).
     *
     * @return y
     */
    public DMatrixRMaj forward(DMatrixRMaj x, Activation activation, DMatrixRMaj y) {
        Require.cols("layer input", x, inputDim);
        Require.notNull("activation", activation);
        Require.notAliased("y", y, "x", x);
        if (bias == null) {
            y = Gemm.mult(x, weight.value(), y, precision);
        } else {
            // y starts as the bias rows and the product is accumulated onto them: no zeroing pass, no bias pass.
            if (y == null) {
                y = new DMatrixRMaj(x.numRows, outputDim);
            } else {
                y.reshape(x.numRows, outputDim);
            }
            RowOps.fillRows(y, bias.value());
            Gemm.multAdd(x, weight.value(), y, precision);
        }
        activation.apply(y.data, y.data, 0, y.getNumElements());
        return y;
    }

    /** y = x·W + b (no activation). */
    public DMatrixRMaj forward(DMatrixRMaj x, DMatrixRMaj y) {
        return forward(x, Activation.IDENTITY, y);
    }

    /**
     * Backward pass for the pre-activation gradient G = ∂L/∂Y (n×out): gradWeight = xᵀG, gradBias = column sums of
     * G, gradInput = G·Wᵀ. Gradients are overwritten, not accumulated.
     *
     * @param x          the input of the forward pass. Not modified.
     * @param gradOutput G. Not modified.
     * @param gradWeight Modified (reshaped to in×out); must not be null.
     * @param gradBias   Modified (reshaped to 1×out); must not be null when the layer has a bias, ignored otherwise.
     * @param gradInput  Modified (reshaped to n×in); null ⇒ not computed (saves a product for a first layer).
     */
    public void backward(DMatrixRMaj x, DMatrixRMaj gradOutput, DMatrixRMaj gradWeight, DMatrixRMaj gradBias,
            DMatrixRMaj gradInput) {
        Require.cols("layer input", x, inputDim);
        Require.shape("gradOutput", gradOutput, x.numRows, outputDim);
        Require.notNull("gradWeight", gradWeight);
        if (bias != null) {
            Require.notNull("gradBias", gradBias);
        }
        Gemm.multTransA(x, gradOutput, gradWeight, precision);
        if (bias != null) {
            RowOps.columnSums(gradOutput, gradBias);
        }
        if (gradInput != null) {
            Gemm.multTransB(gradOutput, weight.value(), gradInput, precision);
        }
    }
}
