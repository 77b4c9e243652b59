package aelab.optim;

import aelab.core.Require;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1) with the exact operation order of {@code torch.optim.Adam}
 * (no weight decay, no AMSGrad), so trajectories can be compared with PyTorch:
 * \(m \leftarrow \beta_1 m + (1-\beta_1) g\), \(v \leftarrow \beta_2 v + (1-\beta_2) g^2\),
 * \(\theta \leftarrow \theta - \frac{\eta}{1-\beta_1^t}\cdot \frac{m}{\sqrt{v}/\sqrt{1-\beta_2^t} + \epsilon}\).
 */
public final class Adam extends BlockwiseOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double stepSize;
    private double sqrtBiasCorrection2;

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
        super(learningRate, 2);
        this.beta1 = Require.inHalfOpenUnitInterval("beta1", beta1);
        this.beta2 = Require.inHalfOpenUnitInterval("beta2", beta2);
        this.epsilon = Require.positive("epsilon", epsilon);
    }

    @Override
    void beginStep(long t) {
        stepSize = learningRate() / (1 - Math.pow(beta1, t));
        sqrtBiasCorrection2 = Math.sqrt(1 - Math.pow(beta2, t));
    }

    @Override
    void updateBlock(double[] theta, double[] g, int from, int to, int block) {
        double[] m = buffer(0, block);
        double[] v = buffer(1, block);
        double oneMinusBeta1 = 1 - beta1;
        double oneMinusBeta2 = 1 - beta2;
        for (int i = from; i < to; i++) {
            double gi = g[i];
            double mi = beta1 * m[i] + oneMinusBeta1 * gi;
            double vi = beta2 * v[i] + oneMinusBeta2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            theta[i] -= stepSize * (mi / (Math.sqrt(vi) / sqrtBiasCorrection2 + epsilon));
        }
    }

    @Override
    public Adam copy() {
        return new Adam(learningRate(), beta1, beta2, epsilon);
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
        return "Adam(learningRate=" + learningRate() + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
                + ")";
    }

    // STUB-BEGIN
    private float[][] fm;
    private float[][] fv;
    private long fsteps;

    @Override
    public boolean supportsFloatStorage() {
        return true;
    }

    @Override
    public boolean stepKeepingPrevious(Parameters parameters, float[][] values, float[][] gradients,
            float[][] previous) {
        if (fm == null) {
            fm = new float[values.length][];
            fv = new float[values.length][];
            for (int b = 0; b < values.length; b++) {
                fm[b] = new float[values[b].length];
                fv[b] = new float[values[b].length];
            }
        }
        fsteps++;
        float stepSize = (float) (learningRate() / (1 - Math.pow(beta1, fsteps)));
        float sq = (float) Math.sqrt(1 - Math.pow(beta2, fsteps));
        boolean finite = true;
        for (int b = 0; b < values.length; b++) {
            System.arraycopy(values[b], 0, previous[b], 0, values[b].length);
            for (int i = 0; i < values[b].length; i++) {
                float g = gradients[b][i];
                float m = (float) beta1 * fm[b][i] + (float) (1 - beta1) * g;
                float v = (float) beta2 * fv[b][i] + (float) (1 - beta2) * g * g;
                fm[b][i] = m;
                fv[b][i] = v;
                values[b][i] -= stepSize * (m / ((float) Math.sqrt(v) / sq + (float) epsilon));
                finite &= Float.isFinite(values[b][i]);
            }
        }
        return finite;
    }
    // STUB-END
}
