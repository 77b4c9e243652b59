package aelab.data;

import static aelab.testing.Rejects.assertMessage;

import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DataValidationTest {
    @Test
    void imagesRecordChecksGeometry() {
        assertMessage("pixels must have 6 columns, got 2x4", () -> new MnistIdx.Images(2, 3, new DMatrixRMaj(2, 4)));
        assertMessage("rows must be > 0, got 0", () -> new MnistIdx.Images(0, 3, new DMatrixRMaj(2, 0)));
        assertMessage("pixels must not be null", () -> new MnistIdx.Images(2, 3, null));
    }

    @Test
    void loadNamesTheNullPath() {
        assertMessage("imagesPath must not be null", () -> MnistIdx.load(null, Path.of("labels")));
        assertMessage("labelsPath must not be null", () -> MnistIdx.load(Path.of("images"), null));
    }

    @Test
    void sampleRecordsRejectNullAndMismatchedParts() {
        Dataset data = Dataset.of("d", new DMatrixRMaj(3, 2), null);
        assertMessage("coordinate must have length 3, got length 2",
                () -> new SyntheticData.ManifoldSample(data, new double[2]));
        assertMessage("data must not be null", () -> new SyntheticData.ManifoldSample(null, new double[2]));
        assertMessage("basis must not be null",
                () -> new SyntheticData.SubspaceSample(data, null, new DMatrixRMaj(2, 2), new double[1], 0));
    }
}
