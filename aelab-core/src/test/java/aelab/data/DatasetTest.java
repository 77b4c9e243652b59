package aelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class DatasetTest {
    private static DMatrixRMaj threeByTwo() {
        return new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    }

    @Test
    void copiesDefensivelyOnTheWayInAndOut() {
        DMatrixRMaj x = threeByTwo();
        int[] labels = {0, 1, 0};
        Dataset data = Dataset.of("toy", x, labels);
        x.set(0, 0, 99);
        labels[0] = 7;
        data.features().set(0, 1, 99);
        data.labels()[1] = 7;
        assertEquals(1.0, data.features().get(0, 0));
        assertEquals(2.0, data.features().get(0, 1));
        assertArrayEquals(new int[] {0, 1, 0}, data.labels());
    }

    @Test
    void subsetAndHeadKeepRowsLabelsAndGeometry() {
        DMatrixRMaj x = new DMatrixRMaj(3, 4);
        for (int i = 0; i < 12; i++) {
            x.data[i] = i;
        }
        Dataset data = Dataset.ofImages("img", x, new int[] {5, 6, 7}, 2, 2);
        Dataset sub = data.subset(1, 3);
        assertEquals(2, sub.size());
        assertArrayEquals(new double[] {4, 5, 6, 7}, sub.row(0));
        assertArrayEquals(new int[] {6, 7}, sub.labels());
        assertEquals(2, sub.imageWidth());
        assertArrayEquals(new double[] {0, 1, 2, 3}, data.head(1).row(0));
        var e = assertThrows(IllegalArgumentException.class, () -> data.subset(2, 2));
        assertEquals("to must be in [3, 3], got 2", e.getMessage());
    }

    @Test
    void toTableHasFeatureColumnsAndLabel() {
        Table table = Dataset.of("toy", threeByTwo(), new int[] {0, 1, 2}).toTable();
        assertEquals(3, table.rowCount());
        assertEquals(java.util.List.of("x0", "x1", "label"), table.columnNames());
        assertEquals(5.0, table.doubleColumn("x0").get(2));
        assertEquals(6.0, table.doubleColumn("x1").get(2));
        assertEquals(2, table.intColumn("label").get(2));
        assertEquals(java.util.List.of("x0", "x1"), Dataset.of("u", threeByTwo(), null).toTable().columnNames());
    }

    @Test
    void unlabelledDatasetSaysSo() {
        Dataset data = Dataset.of("u", threeByTwo(), null);
        assertFalse(data.hasLabels());
        var e = assertThrows(IllegalStateException.class, data::labels);
        assertEquals("dataset \"u\" has no labels", e.getMessage());
    }

    @Test
    void rejectsWrongLabelCount() {
        var e = assertThrows(IllegalArgumentException.class, () -> Dataset.of("t", threeByTwo(), new int[2]));
        assertEquals("labels must have length 3 (one per row of features), got length 2", e.getMessage());
    }

    @Test
    void rejectsNaNFeatures() {
        DMatrixRMaj x = threeByTwo();
        x.set(2, 1, Double.NaN);
        var e = assertThrows(IllegalArgumentException.class, () -> Dataset.of("t", x, null));
        assertEquals("features must be finite, got NaN at (2,1)", e.getMessage());
    }

    @Test
    void rejectsEmptyFeatures() {
        var e = assertThrows(IllegalArgumentException.class, () -> Dataset.of("t", new DMatrixRMaj(0, 3), null));
        assertEquals("features must have at least 1 row and 1 column, got 0x3", e.getMessage());
    }

    @Test
    void rejectsImageSizeThatDoesNotMatchColumns() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofImages("t", threeByTwo(), null, 2, 2));
        assertEquals("features must have imageWidth*imageHeight = 2*2 = 4 columns, got 3x2", e.getMessage());
    }

    @Test
    void rejectsBlankName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(" ", threeByTwo(), null));
        assertEquals("name must not be blank, got \" \"", e.getMessage());
    }
}
