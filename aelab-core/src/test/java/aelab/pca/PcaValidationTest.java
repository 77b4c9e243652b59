package aelab.pca;

import static aelab.testing.Rejects.assertMessage;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class PcaValidationTest {
    @Test
    void columnMeansRejectsEmptyAndNonFiniteData() {
        assertMessage("data must have at least 1 row, got 0x3", () -> Pca.columnMeans(new DMatrixRMaj(0, 3)));
        DMatrixRMaj bad = new DMatrixRMaj(2, 2);
        bad.set(1, 0, Double.POSITIVE_INFINITY);
        assertMessage("data must be finite, got Infinity at (1,0)", () -> Pca.columnMeans(bad));
    }

    @Test
    void eigenvalueIndexOutOfRange() {
        SymmetricEigen eig = SymmetricEigen.of(CommonOps_DDRM.identity(3));
        assertMessage("eigenvalue index must be in [0, 2], got 3", () -> eig.value(3));
        assertMessage("eigenvalue index must be in [0, 2], got -1", () -> eig.value(-1));
    }

    @Test
    void divisorRejectsTooFewSamples() {
        assertMessage("sampleCount must be in [2, 2147483647], got 1", () -> Pca.CovarianceNormalization.UNBIASED.divisor(1));
        assertMessage("sampleCount must be in [1, 2147483647], got 0",
                () -> Pca.CovarianceNormalization.MAXIMUM_LIKELIHOOD.divisor(0));
    }
}
