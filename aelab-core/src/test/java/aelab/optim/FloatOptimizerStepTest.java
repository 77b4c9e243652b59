package aelab.optim;

import static aelab.testing.Rejects.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.linalg.Threads;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link Optimizer#stepKeepingPrevious(Parameters, float[][], float[][], float[][])}, the step on float storage:
 * against scalar float references written here from the formulas (the same bits), against the double step (within a
 * bound derived from the number of float roundings), on 1 and 2 threads (the same bits), the kept values and the
 * finiteness answer, the float finiteness scan, and bad arguments.
 */
class FloatOptimizerStepTest {
    /** Block sizes around the chunk size, so chunk boundaries fall inside blocks and at their ends. */
    private static final int[][] SHAPES = {{1, 1}, {1, BlockwiseOptimizer.CHUNK - 1}, {2, BlockwiseOptimizer.CHUNK / 2},
        {1, BlockwiseOptimizer.CHUNK + 1}, {7, 300}};
    /** A block the float step cuts into two ranges on two threads. */
    private static final int[][] LARGE = {{2, BlockwiseOptimizer.MIN_ENTRIES_PER_THREAD + 7}, {1, 5}};
    /** Unit roundoff of float (round to nearest): every float operation has relative error at most U. */
    private static final double U = 0x1p-24;

    // ---------------------------------------------------------------- data

    private static Parameters parameters(int[][] shapes) {
        ParameterBlock[] blocks = new ParameterBlock[shapes.length];
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = new ParameterBlock("b" + b, new DMatrixRMaj(shapes[b][0], shapes[b][1]));
        }
        return Parameters.of(blocks);
    }

    private static float[][] arrays(int[][] shapes) {
        float[][] a = new float[shapes.length][];
        for (int b = 0; b < a.length; b++) {
            a[b] = new float[shapes[b][0] * shapes[b][1]];
        }
        return a;
    }

    private static float[][] gaussian(int[][] shapes, SplittableRandom rng) {
        float[][] a = arrays(shapes);
        for (float[] block : a) {
            for (int i = 0; i < block.length; i++) {
                block[i] = (float) rng.nextGaussian();
            }
        }
        return a;
    }

    /** Gradients over four decades, |g| from about 1e-2 to 1e2 (no float underflow in g·g). */
    private static void fillGradients(float[][] g, SplittableRandom rng) {
        for (float[] block : g) {
            for (int i = 0; i < block.length; i++) {
                block[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextDouble(-2, 2)));
            }
        }
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int b = 0; b < a.length; b++) {
            c[b] = a[b].clone();
        }
        return c;
    }

    // ---------------------------------------------------------------- (a) scalar references

    /** A scalar float update of one entry; state is the entry's m, v (Adam) or momentum buffer (SGD). */
    private interface Reference {
        /** Begins step t. */
        void begin(long t);

        /** Returns the new value of theta, updating state[0..] in place. */
        float update(float theta, float g, float[] state);
    }

    /** Adam on floats from the formulas of its Javadoc (Kingma &amp; Ba 2015), in float, in the same order. */
    private static Reference adamReference(double lr, double beta1, double beta2, double eps) {
        return new Reference() {
            final float b1 = (float) beta1;
            final float b2 = (float) beta2;
            final float c1 = (float) (1 - beta1);
            final float c2 = (float) (1 - beta2);
            final float e = (float) eps;
            float stepSize;
            float sqrtBc2;

            @Override
            public void begin(long t) {
                stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
                sqrtBc2 = (float) Math.sqrt(1 - Math.pow(beta2, t));
            }

            @Override
            public float update(float theta, float g, float[] s) {
                s[0] = b1 * s[0] + c1 * g;
                s[1] = b2 * s[1] + c2 * g * g;
                float denominator = (float) Math.sqrt(s[1]) / sqrtBc2 + e;
                return theta - stepSize * (s[0] / denominator);
            }
        };
    }

    /** torch.optim.SGD on floats (dampening 0, no Nesterov): v = μv + g (v = g first), θ = θ − ηv. */
    private static Reference sgdReference(double lr, double momentum) {
        return new Reference() {
            final float eta = (float) lr;
            final float mu = (float) momentum;
            boolean first;

            @Override
            public void begin(long t) {
                first = t == 1;
            }

            @Override
            public float update(float theta, float g, float[] s) {
                if (momentum == 0) {
                    return theta - eta * g;
                }
                s[0] = first ? g : mu * s[0] + g;
                return theta - eta * s[0];
            }
        };
    }

    private static void assertMatchesReference(String label, Optimizer opt, Reference ref, int[][] shapes) {
        SplittableRandom rng = new SplittableRandom(11);
        Parameters p = parameters(shapes);
        float[][] values = gaussian(shapes, rng);
        float[][] expected = copy(values);
        float[][] state = arrays(shapes);
        float[][] state2 = arrays(shapes);
        float[][] g = arrays(shapes);
        float[][] previous = arrays(shapes);
        float[] s = new float[2];
        for (int t = 1; t <= 7; t++) {
            fillGradients(g, rng);
            assertTrue(opt.stepKeepingPrevious(p, values, g, previous), label + " step " + t + " finite");
            ref.begin(t);
            for (int b = 0; b < shapes.length; b++) {
                for (int i = 0; i < expected[b].length; i++) {
                    s[0] = state[b][i];
                    s[1] = state2[b][i];
                    expected[b][i] = ref.update(expected[b][i], g[b][i], s);
                    state[b][i] = s[0];
                    state2[b][i] = s[1];
                }
                assertArrayEquals(expected[b], values[b], label + " step " + t + " block " + b);
            }
        }
        assertEquals(7, opt.steps(), label + ": one step counted per call");
    }

    @Test
    void everyOptimizerGivesTheBitsOfItsScalarFloatReference() {
        assertMatchesReference("adam", new Adam(1e-2), adamReference(1e-2, 0.9, 0.999, 1e-8), SHAPES);
        assertMatchesReference("adam(3e-3, 0.8, 0.95, 1e-5)", new Adam(3e-3, 0.8, 0.95, 1e-5),
                adamReference(3e-3, 0.8, 0.95, 1e-5), SHAPES);
        assertMatchesReference("sgd", new Sgd(0.05, 0), sgdReference(0.05, 0), SHAPES);
        assertMatchesReference("momentum", new Sgd(0.05, 0.9), sgdReference(0.05, 0.9), SHAPES);
        assertMatchesReference("adam, large block", new Adam(1e-3), adamReference(1e-3, 0.9, 0.999, 1e-8), LARGE);
    }

    // ---------------------------------------------------------------- (b) against the double step

    /**
     * A first-order bound on |float step − double step| for one entry, run beside the steps from the exact (double)
     * quantities. Counting roundings: every float operation and every hyper-parameter rounded to float adds a relative
     * error of at most u = 2⁻²⁴ of its result (no underflow: the gradients here are far above 1e-19, so g² and v are
     * normal floats).
     *
     * <ul>
     *   <li>Adam, m (sums of either sign, so absolute): e_m ← β₁e_m + 2u·β₁|m_{t−1}| + 2u·(1−β₁)|g| + u|m_t|
     *       (constant and product per term, then the sum);</li>
     *   <li>v (both terms ≥ 0, so relative): r_v ← max(r_v + 2u, 3u) + u (β₂v: constant, product; (1−β₂)g·g:
     *       constant, two products; then the sum); r_v = 4u after step 1 (v₀ = 0);</li>
     *   <li>d = √v/s₂ + ε, all terms ≥ 0: r_d = r_v/2 + 4u (square root, s₂ rounded, division, then ε rounded and the
     *       sum, the max of the two terms' errors);</li>
     *   <li>q = m/d: e_q = e_m/d + (|m|/d)(r_d + u); the update η̂q with η̂ = η/(1−β₁ᵗ) rounded and the product:
     *       e_Δ = η̂e_q + 2u·η̂|q|;</li>
     *   <li>SGD: e_v ← μe_v + 2u·μ|v_{t−1}| + u|v_t| (0 on the first step, v = g; always 0 without momentum);
     *       e_Δ = ηe_v + 2u·η|v|;</li>
     *   <li>θ: e_θ ← e_θ + e_Δ + u|θ_t| (the subtraction).</li>
     * </ul>
     * The double step's own roundings are 2⁻²⁹ of these (u of double is 2⁻⁵³) and the terms of second order in u are
     * smaller still (t·u &lt; 1e-5 here), so the test allows e_θ·(1 + 1e-3).
     */
    private static final class Bound {
        final boolean adam;
        final double lr;
        final double beta1;
        final double beta2;
        final double eps;
        double m;
        double v;
        double em;
        double rv;
        double e;

        Bound(boolean adam, double lr, double beta1, double beta2, double eps) {
            this.adam = adam;
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
        }

        /** Step t of the exact state (in double) and of the bound; theta is the double step's new value. */
        void step(long t, double g, double theta) {
            double delta;
            if (adam) {
                double m1 = beta1 * m + (1 - beta1) * g;
                em = beta1 * em + 2 * U * beta1 * Math.abs(m) + 2 * U * (1 - beta1) * Math.abs(g) + U * Math.abs(m1);
                m = m1;
                rv = t == 1 ? 4 * U : Math.max(rv + 2 * U, 3 * U) + U;
                v = beta2 * v + (1 - beta2) * g * g;
                double stepSize = lr / (1 - Math.pow(beta1, t));
                double d = Math.sqrt(v) / Math.sqrt(1 - Math.pow(beta2, t)) + eps;
                double rd = rv / 2 + 4 * U;
                double q = Math.abs(m) / d;
                double eq = em / d + q * (rd + U);
                delta = stepSize * eq + 2 * U * stepSize * q;
            } else {
                double v1 = beta1 == 0 ? g : t == 1 ? g : beta1 * v + g;
                em = beta1 == 0 || t == 1 ? 0 : beta1 * em + 2 * U * beta1 * Math.abs(v) + U * Math.abs(v1);
                v = v1;
                delta = lr * em + 2 * U * lr * Math.abs(v);
            }
            e += delta + U * Math.abs(theta);
        }
    }

    private static void assertCloseToDoubleStep(String label, Supplier<Optimizer> make, boolean adam, double lr,
            double beta1, double beta2, double eps) {
        int[][] shapes = {{3, 700}};
        SplittableRandom rng = new SplittableRandom(5);
        Parameters pf = parameters(shapes);
        Parameters pd = parameters(shapes);
        float[][] values = gaussian(shapes, rng);
        double[] theta = pd.get(0).value().data;
        for (int i = 0; i < theta.length; i++) {
            theta[i] = values[0][i];
        }
        Gradients gd = Gradients.zerosLike(pd);
        float[][] g = arrays(shapes);
        float[][] previous = arrays(shapes);
        Bound[] bounds = new Bound[theta.length];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = new Bound(adam, lr, beta1, beta2, eps);
        }
        Optimizer f = make.get();
        Optimizer d = make.get();
        double[] relative = new double[theta.length];
        for (int t = 1; t <= 10; t++) {
            fillGradients(g, rng);
            for (int i = 0; i < theta.length; i++) {
                gd.get(0).data[i] = g[0][i];
            }
            assertTrue(f.stepKeepingPrevious(pf, values, g, previous));
            d.step(pd, gd);
            for (int i = 0; i < theta.length; i++) {
                bounds[i].step(t, g[0][i], theta[i]);
                double err = Math.abs(values[0][i] - theta[i]);
                double allowed = bounds[i].e * (1 + 1e-3);
                assertTrue(err <= allowed, label + " step " + t + " entry " + i + ": float " + values[0][i]
                        + ", double " + theta[i] + ", |difference| " + err + " > bound " + allowed);
                relative[i] = bounds[i].e / Math.abs(theta[i]);
            }
        }
        // The bound is informative, not a blanket tolerance: its median relative to |θ| after 10 steps is 10–17 u
        // here (near a zero crossing of θ any absolute bound is large relative to θ, hence the median).
        java.util.Arrays.sort(relative);
        double median = relative[relative.length / 2];
        assertTrue(median < 50 * U, label + ": median bound relative to |θ| " + median / U + " u");
    }

    @Test
    void theFloatStepStaysWithinTheDerivedBoundOfTheDoubleStep() {
        assertCloseToDoubleStep("adam", () -> new Adam(1e-2), true, 1e-2, 0.9, 0.999, 1e-8);
        assertCloseToDoubleStep("adam(3e-3, 0.8, 0.95, 1e-5)", () -> new Adam(3e-3, 0.8, 0.95, 1e-5), true, 3e-3, 0.8,
                0.95, 1e-5);
        assertCloseToDoubleStep("sgd", () -> new Sgd(0.01, 0), false, 0.01, 0, 0, 0);
        assertCloseToDoubleStep("momentum", () -> new Sgd(0.01, 0.9), false, 0.01, 0.9, 0, 0);
    }

    // ---------------------------------------------------------------- (c) threads

    private static float[][] runOn(int threads, Supplier<Optimizer> make) {
        Threads.setCount(threads);
        SplittableRandom rng = new SplittableRandom(3);
        Parameters p = parameters(LARGE);
        float[][] values = gaussian(LARGE, rng);
        float[][] g = arrays(LARGE);
        float[][] previous = arrays(LARGE);
        Optimizer opt = make.get();
        for (int t = 1; t <= 3; t++) {
            fillGradients(g, rng);
            assertTrue(opt.stepKeepingPrevious(p, values, g, previous));
        }
        return values;
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        try {
            for (Supplier<Optimizer> make : java.util.List.<Supplier<Optimizer>>of(() -> new Adam(1e-2),
                    () -> new Sgd(1e-2, 0.9))) {
                float[][] one = runOn(1, make);
                float[][] two = runOn(2, make);
                for (int b = 0; b < one.length; b++) {
                    assertArrayEquals(one[b], two[b], make.get() + " block " + b + ": same bits on 1 and 2 threads");
                }
            }
        } finally {
            Threads.setCount(Runtime.getRuntime().availableProcessors());
        }
    }

    // ---------------------------------------------------------------- (d) previous values, finiteness

    @Test
    void keepsThePreviousValuesAndReportsAValueMadeNonFinite() {
        try {
            Threads.setCount(2);
            int[][] shapes = {SHAPES[3], LARGE[0]};
            Parameters p = parameters(shapes);
            int inOtherRange = shapes[1][0] * shapes[1][1] - 1; // in the range the second thread updates
            for (int which = 0; which < 2; which++) {
                float[][] values = gaussian(shapes, new SplittableRandom(4));
                float[][] before = copy(values);
                float[][] g = arrays(shapes);
                float[][] previous = arrays(shapes);
                Optimizer opt = new Sgd(1e30, 0);
                assertTrue(opt.stepKeepingPrevious(p, values, g, previous), "a zero gradient keeps everything finite");
                for (int b = 0; b < shapes.length; b++) {
                    assertArrayEquals(before[b], previous[b], "block " + b + " kept");
                    assertArrayEquals(before[b], values[b], "block " + b + " unchanged by a zero gradient");
                }
                int block = which == 0 ? 0 : 1;
                int entry = which == 0 ? BlockwiseOptimizer.CHUNK : inOtherRange; // alone in its chunk / other thread
                g[block][entry] = -1e30f;
                float[][] before2 = copy(values);
                assertFalse(opt.stepKeepingPrevious(p, values, g, previous), "1e30 * -1e30 overflows float");
                assertEquals(Float.POSITIVE_INFINITY, values[block][entry]);
                for (int b = 0; b < shapes.length; b++) {
                    assertArrayEquals(before2[b], previous[b], "block " + b + " kept before the overflow");
                }
            }
            float[][] g = arrays(shapes);
            g[0][3] = Float.NaN;
            assertFalse(new Adam(1e-3).stepKeepingPrevious(p, gaussian(shapes, new SplittableRandom(1)), g,
                    arrays(shapes)), "a NaN gradient makes a NaN value");
        } finally {
            Threads.setCount(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void theStepCountAndTheBindingAreSharedWithTheDoubleStep() {
        Parameters p = parameters(SHAPES);
        Optimizer opt = new Adam(1e-3);
        opt.step(p, Gradients.zerosLike(p));
        assertTrue(opt.stepKeepingPrevious(p, arrays(SHAPES), arrays(SHAPES), arrays(SHAPES)));
        assertEquals(2, opt.steps());
        Parameters other = parameters(SHAPES);
        assertThrows(IllegalArgumentException.class,
                () -> opt.stepKeepingPrevious(other, arrays(SHAPES), arrays(SHAPES), arrays(SHAPES)));
        assertEquals(2, opt.steps(), "a rejected step is not counted");
    }

    // ---------------------------------------------------------------- (e) the float finiteness scan

    @Test
    void allFiniteFloatFindsNanAndInfinityAnywhereAndAcceptsEveryFiniteFloat() {
        float[] finite = {0f, -0f, 1f, -1f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE,
            Float.MIN_NORMAL, Math.nextDown(Float.MIN_NORMAL), -Math.nextDown(Float.MIN_NORMAL), 3.5e-42f,
            Math.nextDown(Float.POSITIVE_INFINITY)};
        assertTrue(Parameters.allFinite(finite, 0, finite.length));
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0xffc00001),
            Float.intBitsToFloat(0x7f800001)};
        for (float x : bad) {
            for (int at = 0; at < finite.length; at++) {
                float[] a = finite.clone();
                a[at] = x;
                assertFalse(Parameters.allFinite(a, 0, a.length), x + " at " + at);
                assertFalse(Parameters.allFinite(a, at, at + 1), x + " alone");
                assertTrue(Parameters.allFinite(a, at + 1, a.length), x + " outside the range " + (at + 1) + "..");
            }
        }
        assertTrue(Parameters.allFinite(new float[] {Float.NaN}, 0, 0), "an empty range");
        assertTrue(Parameters.allFinite(new float[] {Float.NaN, 1f}, 1, 1), "an empty range");
    }

    // ---------------------------------------------------------------- (f) bad arguments

    @Test
    void rejectsBadArgumentsNamingThem() {
        Parameters p = parameters(SHAPES);
        Optimizer adam = new Adam(1e-3);
        float[][] ok = arrays(SHAPES);
        float[][] shortOne = arrays(SHAPES);
        shortOne[4] = new float[3];
        float[][] nullOne = arrays(SHAPES);
        nullOne[1] = null;
        assertMessage("parameters must not be null", () -> adam.stepKeepingPrevious(null, ok, ok, arrays(SHAPES)));
        assertMessage("values must not be null", () -> adam.stepKeepingPrevious(p, null, ok, ok));
        assertMessage("gradients must have one array per parameter block (5), got 2",
                () -> adam.stepKeepingPrevious(p, ok, new float[2][], arrays(SHAPES)));
        assertMessage("previous[4] must have at least 2100 entries (block b4), got 3",
                () -> adam.stepKeepingPrevious(p, ok, arrays(SHAPES), shortOne));
        assertMessage("values[1] must have at least " + (BlockwiseOptimizer.CHUNK - 1) + " entries (block b1), got null",
                () -> adam.stepKeepingPrevious(p, nullOne, ok, arrays(SHAPES)));
        assertMessage("previous[0] must not be values[0], got the same array",
                () -> adam.stepKeepingPrevious(p, ok, arrays(SHAPES), ok));
        assertEquals(0, adam.steps(), "no rejected call is counted");
    }

    @Test
    void floatStorageIsSupportedByTheOptimizersHereOnlyWhenTheirHyperParametersAreFloats() {
        assertTrue(new Adam(1e-3).supportsFloatStorage());
        assertTrue(new Sgd(1e-3, 0.9).supportsFloatStorage());
        Parameters p = parameters(SHAPES);
        Optimizer tinyEpsilon = new Adam(1e-3, 0.9, 0.999, 1e-50);
        assertFalse(tinyEpsilon.supportsFloatStorage());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> tinyEpsilon.stepKeepingPrevious(p, arrays(SHAPES), arrays(SHAPES), arrays(SHAPES)));
        assertTrue(e.getMessage().contains("epsilon 1.0E-50 rounds to 0.0 in float"), e.getMessage());
        assertFalse(new Sgd(1e39, 0).supportsFloatStorage(), "1e39 rounds to infinity in float");
        assertEquals(0, tinyEpsilon.steps());
    }

    @Test
    void theInterfaceDefaultHasNoFloatStep() {
        Optimizer external = new Optimizer() {
            @Override
            public void step(Parameters parameters, Gradients gradients) {
            }

            @Override
            public Optimizer copy() {
                return this;
            }

            @Override
            public long steps() {
                return 0;
            }

            @Override
            public double learningRate() {
                return 1;
            }
        };
        assertFalse(external.supportsFloatStorage());
        Parameters p = parameters(SHAPES);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> external.stepKeepingPrevious(p, arrays(SHAPES), arrays(SHAPES), arrays(SHAPES)));
        assertTrue(e.getMessage().startsWith(external.getClass().getName() + " has no step on float storage"),
                e.getMessage());
    }
}
