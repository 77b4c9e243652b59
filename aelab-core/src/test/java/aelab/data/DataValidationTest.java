package aelab.data;

import static aelab.testing.Rejects.assertMessage;

import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DataValidationTest {
    @Test
    void byteImagesCheckGeometryAndLabels() {
        assertMessage("pixels must hold a positive multiple of imageWidth*imageHeight = 6 bytes, got 8",
                () -> ByteImages.of("x", new byte[8], null, 3, 2));
        assertMessage("pixels must hold a positive multiple of imageWidth*imageHeight = 6 bytes, got 0",
                () -> ByteImages.of("x", new byte[0], null, 3, 2));
        assertMessage("imageHeight must be > 0, got 0", () -> ByteImages.of("x", new byte[6], null, 3, 0));
        assertMessage("pixels must not be null", () -> ByteImages.of("x", null, null, 3, 2));
        assertMessage("labels must have length 2 (one per image), got length 1",
                () -> ByteImages.of("x", new byte[12], new int[1], 3, 2));
        assertMessage("name must not be blank, got \" \"", () -> ByteImages.of(" ", new byte[6], null, 3, 2));
        ByteImages two = ByteImages.of("x", new byte[12], null, 3, 2);
        assertMessage("to must be in [1, 2], got 3", () -> two.batch(0, 3));
        assertMessage("rows[1] must be in [0, 1], got 2", () -> two.batch(new int[] {0, 2}, null));
        assertMessage("rows must hold at least 1 index, got 0", () -> two.batch(new int[0], null));
    }

    @Test
    void mnistLoadNamesTheProblem() {
        assertMessage("directory must not be null", () -> Mnist.load(null));
        assertMessage("data must not be null", () -> Mnist.binarize(null, aelab.core.Rng.seeded(1)));
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
