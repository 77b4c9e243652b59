package aelab.optim;

import aelab.core.Require;

/**
 * Stochastic gradient descent with heavy-ball momentum, the formulas of {@code torch.optim.SGD} (dampening 0, no
 * Nesterov): \(v \leftarrow \mu v + g\), \(\theta \leftarrow \theta - \eta v\) (with \(v_1 = g_1\)). With
 * μ = 0 this is plain gradient descent \(\theta \leftarrow \theta - \eta g\). Polyak (1964); Sutskever et al. (2013).
 */
public final class Sgd extends BlockwiseOptimizer {
    private final double momentum;
    private boolean firstStep;

    /**
     * @param learningRate η &gt; 0
     * @param momentum     μ in [0, 1)
     */
    public Sgd(double learningRate, double momentum) {
        super(Require.positive("learningRate", learningRate),
                Require.inHalfOpenUnitInterval("momentum", momentum) > 0 ? 1 : 0);
        this.momentum = momentum;
    }

    @Override
    void beginStep(long t) {
        firstStep = t == 1;
    }

    @Override
    void updateBlock(double[] theta, double[] g, int from, int to, int block) {
        double learningRate = learningRate();
        if (momentum > 0) {
            double[] v = buffer(0, block);
            for (int i = from; i < to; i++) {
                double vi = firstStep ? g[i] : momentum * v[i] + g[i];
                v[i] = vi;
                theta[i] -= learningRate * vi;
            }
        } else {
            for (int i = from; i < to; i++) {
                theta[i] -= learningRate * g[i];
            }
        }
    }

    @Override
    public Sgd copy() {
        return new Sgd(learningRate(), momentum);
    }

    /** μ. */
    public double momentum() {
        return momentum;
    }

    @Override
    public String toString() {
        return "Sgd(learningRate=" + learningRate() + ", momentum=" + momentum + ")";
    }

    // STUB-BEGIN
    @Override
    public boolean supportsFloatStorage() {
        return true;
    }

    @Override
    public boolean stepKeepingPrevious(Parameters parameters, float[][] values, float[][] gradients,
            float[][] previous) {
        boolean finite = true;
        float lr = (float) learningRate();
        for (int b = 0; b < values.length; b++) {
            System.arraycopy(values[b], 0, previous[b], 0, values[b].length);
            for (int i = 0; i < values[b].length; i++) {
                values[b][i] -= lr * gradients[b][i];
                finite &= Float.isFinite(values[b][i]);
            }
        }
        return finite;
    }
    // STUB-END
}
