package aelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.Rng;
import aelab.nn.Activation;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link MaskingNoise} against independent computations: the denoising autoencoder's own masking corruption, the
 * binomial moments of the mask, and a per-entry loop over (row, column) indices for the error on masked entries.
 */
class MaskingNoiseTest {
    private static DMatrixRMaj positive(int n, int d, long seed) {
        RandomGenerator rng = Rng.seeded(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = 0.1 + rng.nextDouble();          // never 0, so a zero in the corruption marks a dropped entry
        }
        return x;
    }

    @Test
    void applyingADrawnMaskEqualsTheDenoisingAutoencodersCorruptionForTheSameSeed() {
        DMatrixRMaj x = positive(37, 11, 1);
        for (double p : new double[] {0.1, 0.5, 0.9}) {
            var dae = DenoisingAutoencoder.builder(11, 3).codeActivation(Activation.TANH).maskingNoise(p)
                    .build(Rng.seeded(2));
            DMatrixRMaj corrupted = dae.corrupt(x, Rng.seeded(3));
            DMatrixRMaj mask = MaskingNoise.draw(37, 11, p, Rng.seeded(3));
            assertArrayEquals(corrupted.data, MaskingNoise.apply(x, mask, null).data, 0.0, "p = " + p);
            for (int i = 0; i < x.data.length; i++) {
                assertEquals(corrupted.data[i] == 0.0, mask.data[i] == 1.0, "entry " + i + ", p = " + p);
            }
        }
    }

    @Test
    void theFractionOfDroppedEntriesIsPWithinFiveBinomialStandardErrors() {
        int n = 200;
        int d = 784;
        for (double p : new double[] {0.25, 0.75}) {
            DMatrixRMaj mask = MaskingNoise.draw(n, d, p, Rng.seeded(4));
            double dropped = 0;
            for (double m : mask.data) {
                dropped += m;
            }
            double se = Math.sqrt(p * (1 - p) / (n * d));
            assertEquals(p, dropped / (n * d), 5 * se, "p = " + p);
        }
        assertEquals(0, java.util.Arrays.stream(MaskingNoise.draw(3, 4, 0, Rng.seeded(5)).data).sum());
        assertEquals(12, java.util.Arrays.stream(MaskingNoise.draw(3, 4, 1, Rng.seeded(5)).data).sum());
    }

    @Test
    void fillReplacesExactlyTheDroppedEntriesByTheirColumnsValue() {
        DMatrixRMaj x = positive(6, 5, 6);
        DMatrixRMaj mask = MaskingNoise.draw(6, 5, 0.5, Rng.seeded(7));
        DMatrixRMaj fill = new DMatrixRMaj(1, 5, true, -1, -2, -3, -4, -5);
        DMatrixRMaj filled = MaskingNoise.fill(x, mask, fill, null);
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 5; c++) {
                double expected = mask.get(r, c) == 1 ? -(c + 1) : x.get(r, c);
                assertEquals(expected, filled.get(r, c), 0.0, "(" + r + "," + c + ")");
            }
        }
        DMatrixRMaj copy = x.copy();
        MaskingNoise.apply(copy, mask, copy);               // in place
        assertArrayEquals(MaskingNoise.apply(x, mask, null).data, copy.data, 0.0);
    }

    @Test
    void maskedErrorCountsOnlyTheDroppedEntries() {
        DMatrixRMaj x = new DMatrixRMaj(2, 4, true, 1, 2, 3, 4, 5, 6, 7, 8);
        DMatrixRMaj xHat = new DMatrixRMaj(2, 4, true, 0, 2, 0, 100, 5, 5, 5, 5);
        DMatrixRMaj mask = new DMatrixRMaj(2, 4, true, 1, 0, 1, 0, 0, 1, 1, 1);
        // row 0: entries 0 and 2 dropped, errors 1 and 9 (entry 3's error of 96^2 is seen, so it does not count);
        // row 1: entries 1, 2, 3 dropped, errors 1, 4, 9
        assertArrayEquals(new double[] {5, 14.0 / 3}, MaskingNoise.maskedSquaredError(x, xHat, mask), 1e-15);
    }

    @Test
    void maskedErrorOfAFullMaskIsTheMeanSquaredErrorPerEntry() {
        DMatrixRMaj x = positive(9, 7, 8);
        DMatrixRMaj xHat = positive(9, 7, 9);
        DMatrixRMaj all = MaskingNoise.draw(9, 7, 1, Rng.seeded(10));
        double[] e = MaskingNoise.maskedSquaredError(x, xHat, all);
        for (int r = 0; r < 9; r++) {
            double s = 0;
            for (int c = 0; c < 7; c++) {
                s += Math.pow(x.get(r, c) - xHat.get(r, c), 2);
            }
            assertEquals(s / 7, e[r], 1e-15, "row " + r);
        }
    }

    @Test
    void rejectsBadInputNamingTheArgument() {
        DMatrixRMaj x = positive(2, 3, 11);
        var e = assertThrows(IllegalArgumentException.class, () -> MaskingNoise.draw(2, 3, 1.5, Rng.seeded(1)));
        assertEquals("p must be in [0.0, 1.0], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MaskingNoise.apply(x, new DMatrixRMaj(2, 3, true, 0, 1, 0.5, 0, 0, 0), null));
        assertEquals("mask must hold only 0 (kept) and 1 (dropped), got 0.5 at row 0, column 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MaskingNoise.apply(x, new DMatrixRMaj(3, 2), null));
        assertEquals("x and mask must have the same shape, got 2x3 and 3x2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MaskingNoise.maskedSquaredError(x, x, new DMatrixRMaj(2, 3, true, 1, 0, 0, 0, 0, 0)));
        assertEquals("mask must drop at least one entry in every row, got none in row 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MaskingNoise.fill(x, new DMatrixRMaj(2, 3), new DMatrixRMaj(1, 2), null));
        assertTrue(e.getMessage().startsWith("fill must"), e.getMessage());
    }
}
