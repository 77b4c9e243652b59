package aelab.model;

import aelab.core.Require;
import aelab.optim.Gradients;
import aelab.optim.Optimizer;
import aelab.optim.ParameterBlock;
import aelab.optim.Parameters;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * The default {@link TrainingStep}: the batch's rows gathered into one matrix, {@link Autoencoder#lossAndGradients}
 * into one {@link Gradients} buffer, then
 * {@link Optimizer#stepKeepingPrevious(Parameters, Gradients, double[][])} on the parameter blocks themselves.
 */
final class DoubleStorageStep implements TrainingStep {
    private final Autoencoder model;
    private final Optimizer optimizer;
    private final Parameters parameters;
    private final Gradients gradients;
    /** The parameter values before the running step (restored when the step makes one non-finite). */
    private final double[][] beforeStep;
    private final DMatrixRMaj batch;

    DoubleStorageStep(Autoencoder model, Optimizer optimizer, int maxBatch) {
        this.model = model;
        this.optimizer = optimizer;
        this.parameters = model.parameters();
        this.gradients = Gradients.zerosLike(parameters);
        this.batch = new DMatrixRMaj(Require.positive("maxBatch", maxBatch), model.inputDim());
        this.beforeStep = new double[parameters.size()][];
        for (int i = 0; i < beforeStep.length; i++) {
            beforeStep[i] = new double[parameters.get(i).size()];
        }
    }

    @Override
    public void load() {
    }

    @Override
    public void store() {
    }

    @Override
    public double lossAndGradients(DMatrixRMaj data, int[] order, int from, int to, RandomGenerator rng) {
        int d = data.numCols;
        batch.reshape(to - from, d);
        for (int r = from; r < to; r++) {
            System.arraycopy(data.data, order[r] * d, batch.data, (r - from) * d, d);
        }
        return model.lossAndGradients(batch, rng, gradients);
    }

    @Override
    public String firstNonFiniteGradient() {
        return gradients.firstNonFinite();
    }

    @Override
    public boolean step() {
        return optimizer.stepKeepingPrevious(parameters, gradients, beforeStep);
    }

    @Override
    public String firstNonFiniteParameter() {
        for (ParameterBlock block : parameters) {
            DMatrixRMaj v = block.value();
            double[] a = v.data;
            int size = v.getNumElements();
            for (int i = 0; i < size; i++) {
                if (!Double.isFinite(a[i])) {
                    return block.name() + " (" + (i / v.numCols) + "," + (i % v.numCols) + ") = " + a[i];
                }
            }
        }
        return null;
    }

    @Override
    public void restorePrevious() {
        for (int i = 0; i < beforeStep.length; i++) {
            System.arraycopy(beforeStep[i], 0, parameters.get(i).value().data, 0, parameters.get(i).size());
        }
    }
}
