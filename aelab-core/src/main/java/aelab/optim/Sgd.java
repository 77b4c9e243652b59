package aelab.optim;

import aelab.core.Require;

/**
 * Stochastic gradient descent with heavy-ball momentum, the formulas of {@code torch.optim.SGD} (dampening 0, no
 * Nesterov): \(v \leftarrow \mu v + g\), \(\theta \leftarrow \theta - \eta v\) (with \(v_1 = g_1\)). With
 * μ = 0 this is plain gradient descent \(\theta \leftarrow \theta - \eta g\). Polyak (1964); Sutskever et al. (2013).
 *
 * <p>On float storage ({@link #stepKeepingPrevious(Parameters, float[][], float[][], float[][])}) the same formulas
 * run in float arithmetic with a float momentum buffer: η and μ are rounded to float once, then v = μ·v + g
 * (v = g on the first step), θ = θ − η·v, every operation rounded to float (θ = θ − η·g without momentum).
 */
public final class Sgd extends BlockwiseOptimizer {
    private final double momentum;
    private final float learningRateF;
    private final float momentumF;
    private boolean firstStep;

    /**
     * @param learningRate η &gt; 0
     * @param momentum     μ in [0, 1)
     */
    public Sgd(double learningRate, double momentum) {
        super(Require.positive("learningRate", learningRate),
                Require.inHalfOpenUnitInterval("momentum", momentum) > 0 ? 1 : 0);
        this.momentum = momentum;
        this.learningRateF = (float) learningRate;
        this.momentumF = (float) momentum;
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

    // Float twin of the loops above (class Javadoc): float momentum buffer, every operation rounded to float.
    @Override
    void updateBlock(float[] theta, float[] g, int from, int to, int block) {
        if (momentum > 0) {
            float[] v = floatBuffer(0, block);
            for (int i = from; i < to; i++) {
                float vi = firstStep ? g[i] : momentumF * v[i] + g[i];
                v[i] = vi;
                theta[i] -= learningRateF * vi;
            }
        } else {
            for (int i = from; i < to; i++) {
                theta[i] -= learningRateF * g[i];
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
}
