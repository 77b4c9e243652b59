package aelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.testing.ReferenceFile;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link Disentanglement} against scikit-learn: reference/disentanglement_reference.py bins the same codes with numpy's
 * digitize, computes mutual information and entropy with sklearn's mutual_info_score and MIG as disentanglement_lib
 * does, and stores inputs and results in disentanglement_reference.txt.
 */
class DisentanglementTest {
    private static final ReferenceFile REF = new ReferenceFile("disentanglement_reference.txt");

    private static int[][] factors() {
        DMatrixRMaj f = REF.matrix("factors");
        int[][] out = new int[f.numRows][f.numCols];
        for (int k = 0; k < f.numRows; k++) {
            for (int i = 0; i < f.numCols; i++) {
                out[k][i] = (int) f.get(k, i);
            }
        }
        return out;
    }

    private static double[] range() {
        return REF.vector("range");
    }

    @Test
    void binsAgreeWithNumpysDigitize() {
        DMatrixRMaj codes = REF.matrix("codes");
        DMatrixRMaj expected = REF.matrix("discrete");
        double[] r = range();
        int checked = 0;
        for (int j = 0; j < codes.numCols; j++) {
            double[] column = new double[codes.numRows];
            for (int i = 0; i < codes.numRows; i++) {
                column[i] = codes.get(i, j);
            }
            int[] bins = Disentanglement.discretize(column, r[0], r[1], (int) r[2]);
            for (int i = 0; i < codes.numRows; i++) {
                assertEquals((int) expected.get(i, j), bins[i], "code " + j + ", row " + i + ", value " + column[i]);
                checked++;
            }
        }
        assertEquals(1600, checked);
    }

    @Test
    void mutualInformationAndEntropyAgreeWithSklearn() {
        double[] r = range();
        double[][] mi = Disentanglement.mutualInformation(REF.matrix("codes"), factors(), r[0], r[1], (int) r[2]);
        DMatrixRMaj expected = REF.matrix("mi");
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(expected.get(k, j), mi[k][j], 1e-12, "I(z_" + j + "; v_" + k + ")");
            }
        }
        double[] h = REF.vector("entropy");
        int[][] f = factors();
        for (int k = 0; k < 2; k++) {
            assertEquals(h[k], Disentanglement.entropy(f[k]), 1e-12, "H(v_" + k + ")");
            assertEquals(h[k], Disentanglement.mutualInformation(f[k], f[k]), 1e-12, "I(v; v) = H(v)");
        }
    }

    @Test
    void gapsAndMigAgreeWithTheReference() {
        double[] r = range();
        DMatrixRMaj codes = REF.matrix("codes");
        assertArrayEquals(REF.vector("gaps"), Disentanglement.gapPerFactor(codes, factors(), r[0], r[1], (int) r[2]),
                1e-12);
        assertEquals(REF.scalar("mig"), Disentanglement.mig(codes, factors(), r[0], r[1], (int) r[2]), 1e-12);
    }

    @Test
    void aPerfectlyAlignedCodeScoresOneAndADuplicatedCodeZero() {
        int n = 600;
        int[][] factors = new int[2][n];
        DMatrixRMaj aligned = new DMatrixRMaj(n, 3);
        DMatrixRMaj duplicated = new DMatrixRMaj(n, 3);
        for (int i = 0; i < n; i++) {
            factors[0][i] = i % 4;
            factors[1][i] = (i / 4) % 5;
            aligned.set(i, 0, factors[0][i] - 1.5);      // one bin per level on [-3, 3] with 6 bins (width 1)
            aligned.set(i, 1, 0.0);                      // a collapsed latent: one bin, no information
            aligned.set(i, 2, factors[1][i] - 2.0);
            duplicated.set(i, 0, factors[0][i] - 1.5);
            duplicated.set(i, 1, factors[0][i] - 1.5);   // two latents know factor 0 equally well: gap 0
            duplicated.set(i, 2, factors[1][i] - 2.0);
        }
        assertArrayEquals(new double[] {1, 1}, Disentanglement.gapPerFactor(aligned, factors, -3, 3, 6), 1e-12);
        double[] gaps = Disentanglement.gapPerFactor(duplicated, factors, -3, 3, 6);
        assertEquals(0, gaps[0], 1e-12);
        assertEquals(1, gaps[1], 1e-12);
        assertEquals(0.5, Disentanglement.mig(duplicated, factors, -3, 3, 6), 1e-12);
    }

    @Test
    void badInputIsRejectedWithItsName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Disentanglement.discretize(new double[] {1}, 2, 2, 5));
        assertTrue(e.getMessage().contains("hi must be > lo"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> Disentanglement.mutualInformation(new int[] {0, -1}, new int[] {0, 1}));
        assertTrue(e2.getMessage().startsWith("a must hold labels >= 0"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> Disentanglement.mig(new DMatrixRMaj(3, 2), new int[][] {{0, 0, 0}}, -1, 1, 4));
        assertTrue(e3.getMessage().contains("more than one level"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class,
                () -> Disentanglement.mig(new DMatrixRMaj(3, 1), new int[][] {{0, 1, 0}}, -1, 1, 4));
        assertTrue(e4.getMessage().startsWith("codes must have >= 2 columns"), e4.getMessage());
    }
}
