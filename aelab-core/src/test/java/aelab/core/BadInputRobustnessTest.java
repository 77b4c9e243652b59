package aelab.core;

import static aelab.testing.Rejects.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aelab.linearae.LinearAutoencoderAnalysis;
import aelab.linearae.LinearDenoiser;
import aelab.nn.Activation;
import aelab.nn.DenseLayer;
import aelab.nn.RowOps;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: documented "must not alias" was not enforced (the output silently overwrote the input), and
 * {@code Require.shapeOf(null)} threw NullPointerException.
 */
class BadInputRobustnessTest {
    private static DMatrixRMaj spd() {
        return new DMatrixRMaj(new double[][] {{2, 0.5}, {0.5, 1}});
    }

    @Test
    void outputsAliasingTheirInputsAreRejectedAndTheInputKept() {
        DMatrixRMaj s = spd();
        assertMessage("out must not alias secondMoment, got the same matrix",
                () -> LinearDenoiser.gaussianNoiseOptimum(s, 0.5, s));
        assertMessage("out must not alias secondMoment, got the same matrix",
                () -> LinearDenoiser.maskingNoiseOptimum(s, 0.5, s));
        assertArrayEquals(spd().data, s.data, 0);

        DMatrixRMaj m = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        assertMessage("out must not alias m, got the same matrix", () -> RowOps.columnSums(m, m));
        DMatrixRMaj sharing = DMatrixRMaj.wrap(1, 2, m.data);
        assertMessage("out must not alias m, got a matrix sharing its data array", () -> RowOps.columnSums(m, sharing));
        assertArrayEquals(new double[] {1, 2, 3, 4}, m.data, 0);

        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
        assertMessage("out must not alias sigma, got the same matrix",
                () -> LinearAutoencoderAnalysis.tiedGradient(w, s, s));
        assertMessage("out must not alias we, got the same matrix",
                () -> LinearAutoencoderAnalysis.encoderGradient(w, w.copy(), s, w));
        assertMessage("out must not alias wd, got the same matrix",
                () -> LinearAutoencoderAnalysis.decoderGradient(w.copy(), w, s, w));

        DenseLayer layer = DenseLayer.of("l", new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}}),
                new DMatrixRMaj(new double[][] {{1, 1}}));
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 1}});
        assertMessage("y must not alias x, got the same matrix", () -> layer.forward(x, Activation.IDENTITY, x));
        assertArrayEquals(new double[] {1, 1}, x.data, 0);
    }

    @Test
    void shapeOfNullIsAWord() {
        assertEquals("null", Require.shapeOf(null));
    }
}
