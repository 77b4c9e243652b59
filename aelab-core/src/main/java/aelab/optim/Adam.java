package aelab.optim;

import aelab.core.Require;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1) with the exact operation order of {@code torch.optim.Adam}
 * (no weight decay, no AMSGrad), so trajectories can be compared with PyTorch:
 * \(m \leftarrow \beta_1 m + (1-\beta_1) g\), \(v \leftarrow \beta_2 v + (1-\beta_2) g^2\),
 * \(\theta \leftarrow \theta - \frac{\eta}{1-\beta_1^t}\cdot \frac{m}{\sqrt{v}/\sqrt{1-\beta_2^t} + \epsilon}\).
 *
 * <p>On float storage ({@link #stepKeepingPrevious(Parameters, float[][], float[][], float[][])}) the same formulas
 * run in float arithmetic, in the same order, with float moments: the constants are rounded to float once, β₁, β₂,
 * ε, and 1−β₁, 1−β₂ (computed in double), at construction; the step-t constants stepSize = η/(1−β₁ᵗ) and
 * sqrtBiasCorrection2 = √(1−β₂ᵗ) are computed in double as for the double step and rounded to float once per step.
 * Then, every operation rounded to float: m = β₁·m + (1−β₁)·g, v = β₂·v + ((1−β₂)·g)·g, θ = θ − stepSize·(m /
 * (√v / sqrtBiasCorrection2 + ε)), with √ the correctly rounded float square root ({@code (float) Math.sqrt(v)}).
 */
public final class Adam extends BlockwiseOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double stepSize;
    private double sqrtBiasCorrection2;
    // The float step's constants (class Javadoc).
    private final float beta1F;
    private final float beta2F;
    private final float oneMinusBeta1F;
    private final float oneMinusBeta2F;
    private final float epsilonF;
    private float stepSizeF;
    private float sqrtBiasCorrection2F;

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
        this.beta1F = (float) beta1;
        this.beta2F = (float) beta2;
        this.oneMinusBeta1F = (float) (1 - beta1);
        this.oneMinusBeta2F = (float) (1 - beta2);
        this.epsilonF = (float) epsilon;
    }

    @Override
    void beginStep(long t) {
        stepSize = learningRate() / (1 - Math.pow(beta1, t));
        sqrtBiasCorrection2 = Math.sqrt(1 - Math.pow(beta2, t));
        stepSizeF = (float) stepSize;
        sqrtBiasCorrection2F = (float) sqrtBiasCorrection2;
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

    // Float twin of the loop above (class Javadoc): float moments, every operation rounded to float.
    @Override
    void updateBlock(float[] theta, float[] g, int from, int to, int block) {
        float[] m = floatBuffer(0, block);
        float[] v = floatBuffer(1, block);
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = beta1F * m[i] + oneMinusBeta1F * gi;
            float vi = beta2F * v[i] + oneMinusBeta2F * gi * gi;
            m[i] = mi;
            v[i] = vi;
            theta[i] -= stepSizeF * (mi / ((float) Math.sqrt(vi) / sqrtBiasCorrection2F + epsilonF));
        }
    }

    @Override
    String floatHyperParametersProblem() {
        String problem = super.floatHyperParametersProblem();
        return problem != null ? problem : positiveFloatProblem("epsilon", epsilon);
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
}
