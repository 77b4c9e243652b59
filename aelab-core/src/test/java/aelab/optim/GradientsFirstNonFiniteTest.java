package aelab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import aelab.linalg.Threads;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Gradients#firstNonFinite()} reports the first NaN/±∞ in block order and entry order, whatever the thread
 * count, also when the entry lies in a range that another thread checks (blocks of 2·65,536 entries and more are cut
 * across threads), and null when every entry is finite.
 */
class GradientsFirstNonFiniteTest {
    @AfterEach
    void restore() {
        Threads.setCount(Runtime.getRuntime().availableProcessors());
    }

    private static Gradients gradients() {
        Parameters p = Parameters.of(new ParameterBlock("small", new DMatrixRMaj(3, 4)),
                new ParameterBlock("large", new DMatrixRMaj(784, 400)));
        Gradients g = Gradients.zerosLike(p);
        for (int b = 0; b < g.size(); b++) {
            double[] d = g.get(b).data;
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.sin(i + b);
            }
        }
        return g;
    }

    @Test
    void findsTheFirstNonFiniteEntryInAnyThreadsRange() {
        for (int threads : new int[] {1, 2, 4}) {
            Threads.setCount(threads);
            Gradients g = gradients();
            assertNull(g.firstNonFinite(), "all finite, " + threads + " threads");
            double[] large = g.get(1).data;
            large[783 * 400 + 399] = Double.NEGATIVE_INFINITY; // the last entry: the last thread's range
            assertEquals("large (783,399) = -Infinity", g.firstNonFinite(), threads + " threads");
            large[500 * 400 + 7] = Double.NaN;
            assertEquals("large (500,7) = NaN", g.firstNonFinite(), threads + " threads");
            g.get(0).data[5] = Double.POSITIVE_INFINITY;
            assertEquals("small (1,1) = Infinity", g.firstNonFinite(), threads + " threads");
        }
    }
}
