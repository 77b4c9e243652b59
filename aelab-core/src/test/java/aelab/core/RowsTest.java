package aelab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RowsTest {
    private static DMatrixRMaj numbered(int n, int d) {
        DMatrixRMaj m = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m.set(i, j, 10 * i + j);
            }
        }
        return m;
    }

    @Test
    void rowAndRowsAgreeWithElementAccessAndCopy() {
        DMatrixRMaj m = numbered(5, 3);
        double[] r = Rows.row(m, 3);
        for (int j = 0; j < 3; j++) {
            assertEquals(m.get(3, j), r[j], 0.0);
        }
        DMatrixRMaj b = Rows.rows(m, 1, 4);
        assertEquals(3, b.numRows);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(m.get(i + 1, j), b.get(i, j), 0.0);
            }
        }
        r[0] = -1;
        b.set(0, 0, -1);
        assertEquals(30, m.get(3, 0), 0.0);
        assertEquals(10, m.get(1, 0), 0.0);
        DMatrixRMaj one = Rows.asRow(1, 2, 3);
        assertEquals(1, one.numRows);
        assertEquals(3, one.get(0, 2), 0.0);
    }

    @Test
    void outOfRangeIsBadInput() {
        DMatrixRMaj m = numbered(2, 2);
        assertThrows(IllegalArgumentException.class, () -> Rows.row(m, 2));
        assertThrows(IllegalArgumentException.class, () -> Rows.rows(m, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Rows.rows(m, 0, 3));
    }
}
