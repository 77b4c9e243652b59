package aelab.optim;

import aelab.core.Require;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1) with the exact operation order of {@code torch.optim.Adam}
 * (no weight decay, no AMSGrad), so trajectories can be compared with PyTorch:
 * \(m \leftarrow \beta_1 m + (1-\beta_1) g\), \(v \leftarrow \beta_2 v + (1-\beta_2) g^2\),
 * \(\theta \leftarrow \theta - \frac{\eta}{1-\beta_1^t}\cdot \frac{m}{\sqrt{v}/\sqrt{1-\beta_2^t} + \epsilon}\).
 */
public final class Adam implements Optimizer {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final OptimizerState state = new OptimizerState();

    /** Adam with PyTorch's defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * @param learningRate η &gt; 0
     * @param beta1        β₁ in [0, 1)
     * @param beta2        β₂ in [0, 1)
     * @param epsilon      ε &gt; 0
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = Require.positive("learningRate", learningRate);
        this.beta1 = requireBeta("beta1", beta1);
        this.beta2 = requireBeta("beta2", beta2);
        this.epsilon = Require.positive("epsilon", epsilon);
    }

    static double requireBeta(String name, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + beta);
        }
        return beta;
    }

    @Override
    public void step(Parameters parameters, Gradients gradients) {
        state.bind(parameters, gradients, 2);
        long t = state.steps();
        double biasCorrection1 = 1 - Math.pow(beta1, t);
        double biasCorrection2 = 1 - Math.pow(beta2, t);
        double stepSize = learningRate / biasCorrection1;
        double sqrtBiasCorrection2 = Math.sqrt(biasCorrection2);
        double oneMinusBeta1 = 1 - beta1;
        double oneMinusBeta2 = 1 - beta2;
        for (int b = 0; b < parameters.size(); b++) {
            double[] theta = parameters.get(b).value().data;
            double[] g = gradients.get(b).data;
            double[] m = state.buffer(0, b);
            double[] v = state.buffer(1, b);
            int n = parameters.get(b).size();
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                double mi = beta1 * m[i] + oneMinusBeta1 * gi;
                double vi = beta2 * v[i] + oneMinusBeta2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                theta[i] -= stepSize * (mi / (Math.sqrt(vi) / sqrtBiasCorrection2 + epsilon));
            }
        }
    }

    @Override
    public Adam copy() {
        return new Adam(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public long steps() {
        return state.steps();
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    /** β₁. */
    public double beta1() {
        return beta1;
    }

    /** β₂. */
    public double beta2() {
        return beta2;
    }

    /** ε. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String toString() {
        return "Adam(learningRate=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
                + ")";
    }
}
