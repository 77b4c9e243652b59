package aelab.optim;

import static aelab.testing.Rejects.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link Optimizer#stepKeepingPrevious}: the chunked copy-update-check of the optimizers here against their plain
 * {@link Optimizer#step} (same bits), and against the interface's default (copy, step, scan) for an optimizer
 * written outside the package.
 */
class StepKeepingPreviousTest {
    /** Block sizes around the chunk size, so chunk boundaries fall inside blocks and at their ends. */
    private static final int[][] SHAPES = {{1, 1}, {1, BlockwiseOptimizer.CHUNK - 1}, {2, BlockwiseOptimizer.CHUNK / 2},
        {1, BlockwiseOptimizer.CHUNK + 1}, {7, 300}, {2, BlockwiseOptimizer.MIN_ENTRIES_PER_THREAD + 7}};

    private static Parameters parameters(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        ParameterBlock[] blocks = new ParameterBlock[SHAPES.length];
        for (int b = 0; b < blocks.length; b++) {
            DMatrixRMaj v = new DMatrixRMaj(SHAPES[b][0], SHAPES[b][1]);
            for (int i = 0; i < v.data.length; i++) {
                v.data[i] = rng.nextGaussian();
            }
            blocks[b] = new ParameterBlock("b" + b, v);
        }
        return Parameters.of(blocks);
    }

    private static double[][] buffers(Parameters p) {
        double[][] saved = new double[p.size()][];
        for (int b = 0; b < saved.length; b++) {
            saved[b] = new double[p.get(b).size()];
        }
        return saved;
    }

    private static void fillGradients(Gradients g, SplittableRandom rng) {
        for (int b = 0; b < g.size(); b++) {
            double[] d = g.get(b).data;
            for (int i = 0; i < g.get(b).getNumElements(); i++) {
                d[i] = rng.nextGaussian() * Math.exp(rng.nextGaussian() * 3);
            }
        }
    }

    /** An optimizer from outside the package: it gets the interface's default stepKeepingPrevious. */
    private static Optimizer external(Optimizer inner) {
        return new Optimizer() {
            @Override
            public void step(Parameters parameters, Gradients gradients) {
                inner.step(parameters, gradients);
            }

            @Override
            public Optimizer copy() {
                return external(inner.copy());
            }

            @Override
            public long steps() {
                return inner.steps();
            }

            @Override
            public double learningRate() {
                return inner.learningRate();
            }
        };
    }

    private static void assertSameTrajectory(String label, Supplier<Optimizer> make) {
        Parameters plain = parameters(1);
        Parameters kept = parameters(1);
        Gradients gPlain = Gradients.zerosLike(plain);
        Gradients gKept = Gradients.zerosLike(kept);
        Optimizer a = make.get();
        Optimizer b = make.get();
        double[][] previous = buffers(kept);
        SplittableRandom r1 = new SplittableRandom(2);
        SplittableRandom r2 = new SplittableRandom(2);
        for (int step = 1; step <= 6; step++) {
            fillGradients(gPlain, r1);
            fillGradients(gKept, r2);
            var before = kept.snapshot();
            a.step(plain, gPlain);
            assertTrue(b.stepKeepingPrevious(kept, gKept, previous), label + " step " + step + " is finite");
            for (int k = 0; k < plain.size(); k++) {
                assertArrayEquals(plain.get(k).value().data, kept.get(k).value().data,
                        label + " step " + step + " block " + k + ": same bits as step()");
                assertArrayEquals(before.get(k).data, previous[k], label + " step " + step + " block " + k + " kept");
            }
        }
        assertEquals(6, b.steps());
    }

    @Test
    void sameBitsOnEveryThreadCount() {
        try {
            for (int threads : new int[] {1, 2, 3}) {
                aelab.linalg.Threads.setCount(threads);
                assertSameTrajectory("adam on " + threads + " threads", () -> new Adam(1e-2));
                assertSameTrajectory("momentum on " + threads + " threads", () -> new Sgd(1e-2, 0.9));
            }
        } finally {
            aelab.linalg.Threads.setCount(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void sameBitsAsStepForEveryOptimizer() {
        assertSameTrajectory("adam", () -> new Adam(1e-2));
        assertSameTrajectory("sgd", () -> new Sgd(1e-2, 0));
        assertSameTrajectory("momentum", () -> new Sgd(1e-2, 0.9));
        assertSameTrajectory("external", () -> external(new Adam(1e-2)));
    }

    @Test
    void reportsAValueMadeNonFiniteAndKeepsTheOldOnes() {
        for (Optimizer opt : new Optimizer[] {new Sgd(1e300, 0), new Sgd(1e300, 0.5), external(new Sgd(1e300, 0))}) {
            Parameters p = parameters(3);
            Gradients g = Gradients.zerosLike(p);
            g.get(3).data[BlockwiseOptimizer.CHUNK] = -1e300; // the last entry of a block, alone in its chunk
            var before = p.snapshot();
            double[][] previous = buffers(p);
            assertFalse(opt.stepKeepingPrevious(p, g, previous), opt + ": 1e300 * -1e300 overflows");
            assertEquals(Double.POSITIVE_INFINITY, p.get(3).value().data[BlockwiseOptimizer.CHUNK]);
            for (int k = 0; k < p.size(); k++) {
                assertArrayEquals(before.get(k).data, previous[k], opt + " block " + k + " kept");
            }
        }
    }

    @Test
    void aValueMadeNonFiniteInAnotherThreadsRangeIsReported() {
        try {
            aelab.linalg.Threads.setCount(2);
            Parameters p = parameters(3);
            Gradients g = Gradients.zerosLike(p);
            int last = p.get(5).size() - 1; // in the second range, which the other thread updates
            g.get(5).data[last] = -1e300;
            assertFalse(new Sgd(1e300, 0).stepKeepingPrevious(p, g, buffers(p)), "1e300 * -1e300 overflows");
            assertEquals(Double.POSITIVE_INFINITY, p.get(5).value().data[last]);
        } finally {
            aelab.linalg.Threads.setCount(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void rejectsBuffersOfTheWrongShape() {
        Parameters p = parameters(4);
        Gradients g = Gradients.zerosLike(p);
        double[][] shortOne = buffers(p);
        shortOne[4] = new double[3];
        assertMessage("previous[4] must have at least 2100 entries (block b4), got 3",
                () -> new Adam(1e-3).stepKeepingPrevious(p, g, shortOne));
        assertMessage("previous must have one array per parameter block (6), got 2",
                () -> new Sgd(1e-3, 0).stepKeepingPrevious(p, g, new double[2][]));
        assertMessage("previous must not be null", () -> new Adam(1e-3).stepKeepingPrevious(p, g, null));
    }
}
