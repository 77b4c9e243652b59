package aelab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aelab.core.Rng;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** {@link RowOps#columnSums} against EJML's {@code CommonOps_DDRM.sumCols}: the same bits on every shape tried. */
class RowOpsTest {
    @Test
    void columnSumsEqualEjmlSumColsBitForBit() {
        RandomGenerator rng = Rng.seeded(1);
        int[][] shapes = {{1, 1}, {1, 7}, {7, 1}, {64, 2}, {64, 784}, {128, 64}, {1797, 64}, {3, 5}};
        int compared = 0;
        DMatrixRMaj reused = new DMatrixRMaj(9, 9);
        for (int[] s : shapes) {
            DMatrixRMaj m = new DMatrixRMaj(s[0], s[1]);
            for (int i = 0; i < m.data.length; i++) {
                m.data[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(-8, 9));
            }
            DMatrixRMaj ejml = CommonOps_DDRM.sumCols(m, null);
            assertArrayEquals(ejml.data, RowOps.columnSums(m, null).data, 0.0, s[0] + "x" + s[1]);
            DMatrixRMaj out = RowOps.columnSums(m, reused);
            assertEquals(1, out.numRows);
            assertEquals(s[1], out.numCols);
            for (int c = 0; c < s[1]; c++) {
                assertEquals(ejml.data[c], out.data[c], 0.0, s[0] + "x" + s[1] + " into a reused output, column " + c);
            }
            compared++;
        }
        assertEquals(shapes.length, compared);
    }
}
