package aelab.optim;

import aelab.core.Require;

/**
 * Stochastic gradient descent with heavy-ball momentum, the formulas of {@code torch.optim.SGD} (dampening 0, no
 * Nesterov): \(v \leftarrow \mu v + g\), \(\theta \leftarrow \theta - \eta v\) (with \(v_1 = g_1\)). With
 * μ = 0 this is plain gradient descent \(\theta \leftarrow \theta - \eta g\). Polyak (1964); Sutskever et al. (2013).
 */
public final class Sgd implements Optimizer {
    private final double learningRate;
    private final double momentum;
    private final OptimizerState state = new OptimizerState();

    /**
     * @param learningRate η &gt; 0
     * @param momentum     μ in [0, 1)
     */
    public Sgd(double learningRate, double momentum) {
        this.learningRate = Require.positive("learningRate", learningRate);
        this.momentum = momentum;
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
    }

    @Override
    public void step(Parameters parameters, Gradients gradients) {
        state.bind(parameters, gradients, momentum > 0 ? 1 : 0);
        boolean first = state.steps() == 1;
        for (int b = 0; b < parameters.size(); b++) {
            double[] theta = parameters.get(b).value().data;
            double[] g = gradients.get(b).data;
            int n = parameters.get(b).size();
            if (momentum > 0) {
                double[] v = state.buffer(0, b);
                for (int i = 0; i < n; i++) {
                    double vi = first ? g[i] : momentum * v[i] + g[i];
                    v[i] = vi;
                    theta[i] -= learningRate * vi;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    theta[i] -= learningRate * g[i];
                }
            }
        }
    }

    @Override
    public Sgd copy() {
        return new Sgd(learningRate, momentum);
    }

    @Override
    public long steps() {
        return state.steps();
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    /** μ. */
    public double momentum() {
        return momentum;
    }

    @Override
    public String toString() {
        return "Sgd(learningRate=" + learningRate + ", momentum=" + momentum + ")";
    }
}
