package aelab.nn;

import aelab.core.Require;
import aelab.linalg.ProductPrecision;
import aelab.optim.Gradients;
import aelab.optim.ParameterBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * A multi-layer perceptron \(h_0 = X\), \(h_l = f_l(h_{l-1} W_l + b_l)\), l = 1..L, with backpropagation
 * \(\delta_L = \partial L/\partial h_L \odot f_L'\), \(\partial L/\partial W_l = h_{l-1}^\top \delta_l\),
 * \(\delta_{l-1} = (\delta_l W_l^\top) \odot f_{l-1}'\) (Rumelhart, Hinton &amp; Williams 1986; Goodfellow et al.
 * 2016, §6.5).
 *
 * <p>{@link #forward(DMatrixRMaj)} keeps a reference to its input and writes every layer's output into buffers owned
 * by the MLP; {@link #backward(DMatrixRMaj, Gradients, DMatrixRMaj)} uses them, so the input must not be modified
 * in between. Buffers are reshaped, never reallocated for a batch no larger than the largest seen. Not thread-safe.
 */
public final class Mlp {
    private final String name;
    private final String inputLabel;
    private final String outputLabel;
    private final DenseLayer[] layers;
    private final Activation[] activations;
    private final DMatrixRMaj[] outputs;
    private final DMatrixRMaj[] deltas;
    private DMatrixRMaj lastInput;

    private Mlp(String name, List<DenseLayer> layers, List<Activation> activations) {
        this.name = name;
        this.inputLabel = name + " input";
        this.outputLabel = name + " output";
        this.layers = layers.toArray(new DenseLayer[0]);
        this.activations = activations.toArray(new Activation[0]);
        this.outputs = new DMatrixRMaj[this.layers.length];
        this.deltas = new DMatrixRMaj[this.layers.length];
        for (int l = 0; l < this.layers.length; l++) {
            outputs[l] = new DMatrixRMaj(1, this.layers[l].outputDim());
            deltas[l] = new DMatrixRMaj(1, this.layers[l].outputDim());
        }
    }

    /**
     * A builder for an MLP from {@code inputDim} to {@code outputDim}; layers are named {@code name.0},
     * {@code name.1}, … (the prefix of the parameter names).
     */
    public static Builder builder(String name, int inputDim, int outputDim) {
        return new Builder(name, inputDim, outputDim);
    }

    /**
     * Configuration of an {@link Mlp}: sizes {@code inputDim → hiddenSizes… → outputDim}, {@code hiddenActivation}
     * after every layer but the last, {@code outputActivation} after the last. Defaults: no hidden layer, ReLU hidden
     * activation, identity output, every layer with a bias.
     */
    public static final class Builder {
        private final String name;
        private final int inputDim;
        private final int outputDim;
        private int[] hiddenSizes = {};
        private Activation hiddenActivation = Activation.RELU;
        private Activation outputActivation = Activation.IDENTITY;
        private boolean bias = true;
        private ProductPrecision precision = ProductPrecision.FLOAT64;

        private Builder(String name, int inputDim, int outputDim) {
            this.name = Require.notNull("name", name);
            this.inputDim = Require.positive("inputDim", inputDim);
            this.outputDim = Require.positive("outputDim", outputDim);
        }

        /** Widths of the hidden layers, input side first; may be empty (one affine layer). Not modified. */
        public Builder hiddenSizes(int... sizes) {
            this.hiddenSizes = Require.positive("hiddenSizes", sizes).clone();
            return this;
        }

        /** Activation after every layer but the last. */
        public Builder hiddenActivation(Activation activation) {
            this.hiddenActivation = Require.notNull("activation", activation);
            return this;
        }

        /** Activation after the last layer. */
        public Builder outputActivation(Activation activation) {
            this.outputActivation = Require.notNull("activation", activation);
            return this;
        }

        /** No bias in any layer (\(h_l = f_l(h_{l-1}W_l)\)). */
        public Builder withoutBias() {
            this.bias = false;
            return this;
        }

        /** Precision of every layer's products (default {@link ProductPrecision#FLOAT64}). */
        public Builder productPrecision(ProductPrecision precision) {
            this.precision = Require.notNull("precision", precision);
            return this;
        }

        /**
         * Builds the MLP, initialising the layers in order, input side first, with {@link DenseLayer#create}.
         * rng: Modified.
         */
        public Mlp build(RandomGenerator rng) {
            Require.notNull("rng", rng);
            int[] sizes = new int[hiddenSizes.length + 2];
            sizes[0] = inputDim;
            System.arraycopy(hiddenSizes, 0, sizes, 1, hiddenSizes.length);
            sizes[sizes.length - 1] = outputDim;
            List<DenseLayer> layers = new ArrayList<>();
            List<Activation> acts = new ArrayList<>();
            for (int l = 0; l + 1 < sizes.length; l++) {
                layers.add(DenseLayer.create(name + "." + l, sizes[l], sizes[l + 1], bias, precision, rng));
                acts.add(l + 2 == sizes.length ? outputActivation : hiddenActivation);
            }
            return new Mlp(name, layers, acts);
        }
    }

    /** An MLP from given layers and one activation per layer; consecutive sizes must match. */
    public static Mlp of(String name, List<DenseLayer> layers, List<Activation> activations) {
        Require.notNull("name", name);
        Require.notNull("layers", layers);
        Require.notNull("activations", activations);
        if (layers.isEmpty() || layers.size() != activations.size()) {
            throw new IllegalArgumentException("layers and activations must be non-empty and of equal length, got "
                    + layers.size() + " and " + activations.size());
        }
        for (int l = 0; l < layers.size(); l++) {
            Require.notNull("layers[" + l + "]", layers.get(l));
            Require.notNull("activations[" + l + "]", activations.get(l));
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputDim() != layers.get(l - 1).outputDim()) {
                throw new IllegalArgumentException("layer " + l + " input dimension must be "
                        + layers.get(l - 1).outputDim() + ", got " + layers.get(l).inputDim());
            }
        }
        return new Mlp(name, layers, activations);
    }

    /** The MLP's name (prefix of its parameter names). */
    public String name() {
        return name;
    }

    /** Number of layers L. */
    public int depth() {
        return layers.length;
    }

    /** Layer {@code l} (0-based). */
    public DenseLayer layer(int l) {
        return layers[Require.inRange("layer index", l, 0, layers.length - 1)];
    }

    /** Activation after layer {@code l}. */
    public Activation activation(int l) {
        return activations[Require.inRange("layer index", l, 0, layers.length - 1)];
    }

    /** Input width. */
    public int inputDim() {
        return layers[0].inputDim();
    }

    /** Output width. */
    public int outputDim() {
        return layers[layers.length - 1].outputDim();
    }

    /** All parameter blocks, layer by layer (weight then bias). */
    public List<ParameterBlock> parameterBlocks() {
        List<ParameterBlock> blocks = new ArrayList<>();
        for (DenseLayer layer : layers) {
            blocks.addAll(layer.parameterBlocks());
        }
        return blocks;
    }

    /**
     * Forward pass. x: Not modified (must stay unmodified until {@link #backward}).
     *
     * @return the output h_L, a buffer owned by this MLP (valid until the next forward; copy to keep)
     */
    public DMatrixRMaj forward(DMatrixRMaj x) {
        Require.cols(inputLabel, x, inputDim());
        lastInput = x;
        DMatrixRMaj in = x;
        for (int l = 0; l < layers.length; l++) {
            layers[l].forward(in, activations[l], outputs[l]);
            in = outputs[l];
        }
        return in;
    }

    /** Output of layer {@code l} from the last forward pass (a buffer owned by this MLP). */
    public DMatrixRMaj layerOutput(int l) {
        return outputs[Require.inRange("layer index", l, 0, layers.length - 1)];
    }

    /**
     * Backward pass for the gradient of the loss w.r.t. the MLP's output from the last forward.
     *
     * @param gradOutput ∂L/∂h_L (n×out). Not modified.
     * @param out        Modified: the gradients of this MLP's blocks are overwritten.
     * @param gradInput  Modified: ∂L/∂X (reshaped to n×in); null ⇒ not computed.
     */
    public void backward(DMatrixRMaj gradOutput, Gradients out, DMatrixRMaj gradInput) {
        if (lastInput == null) {
            throw new IllegalStateException(name + ": backward called before forward");
        }
        Require.notNull("out", out);
        int last = layers.length - 1;
        Require.sameShape("gradOutput", gradOutput, outputLabel, outputs[last]);
        DMatrixRMaj delta = activations[last] == Activation.IDENTITY ? gradOutput
                : activations[last].backward(outputs[last], gradOutput, deltas[last]);
        for (int l = last; l >= 0; l--) {
            DenseLayer layer = layers[l];
            DMatrixRMaj in = l == 0 ? lastInput : outputs[l - 1];
            DMatrixRMaj gradIn = l == 0 ? gradInput : deltas[l - 1];
            layer.backward(in, delta, out.get(layer.weight()), layer.hasBias() ? out.get(layer.bias()) : null, gradIn);
            if (l > 0) {
                activations[l - 1].backwardEquals(outputs[l - 1], deltas[l - 1]);
                delta = deltas[l - 1];
            }
        }
    }

    /**
     * The output h_L for x in new matrices, for evaluation: unlike {@link #forward}, it leaves the buffers and the
     * input reference that {@link #backward} uses untouched and keeps no reference to x (so evaluating a test set
     * between a training forward and its backward changes nothing, and the test set is not kept alive).
     * x: Not modified.
     *
     * @return a new n×out matrix
     */
    public DMatrixRMaj predict(DMatrixRMaj x) {
        Require.cols(inputLabel, x, inputDim());
        DMatrixRMaj in = x;
        for (int l = 0; l < layers.length; l++) {
            in = layers[l].forward(in, activations[l], null);
        }
        return in;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(" ").append(inputDim());
        for (int l = 0; l < layers.length; l++) {
            sb.append(" -> ").append(layers[l].outputDim()).append(' ').append(activations[l]);
        }
        return sb.toString();
    }
}
