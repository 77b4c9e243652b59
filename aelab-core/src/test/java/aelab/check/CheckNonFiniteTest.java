package aelab.check;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * No check passes on NaN or infinity (issue 8: {@code relClose("x", 1.0, +Inf, 0.1)} passed with "relative diff
 * NaN"). Every numeric check of {@link Check} and {@link SelfCheck} is run with every non-finite operand in every
 * position, against otherwise-passing values.
 */
class CheckNonFiniteTest {
    private static final double[] NON_FINITE = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    private static void assertFails(String what, Executable call) {
        CheckFailedException e = assertThrows(CheckFailedException.class, call, what + " passed");
        assertTrue(e.getMessage().startsWith("\u2718"), e.getMessage());
    }

    @Test
    void relCloseFailsOnInfiniteExpectedAsReportedInTheIssue() {
        assertFails("relClose(1, +Inf)", () -> Check.relClose("x", 1.0, Double.POSITIVE_INFINITY, 0.1));
        assertFails("relClose(-5, -Inf)", () -> Check.relClose("x", -5, Double.NEGATIVE_INFINITY, 0.1));
    }

    @Test
    void everyScalarCheckFailsOnEveryNonFiniteOperand() {
        int checked = 0;
        for (double bad : NON_FINITE) {
            for (double other : new double[] {1.0, bad}) {
                assertFails("close(" + bad + ", " + other + ")", () -> Check.close("x", bad, other, 1e300));
                assertFails("close(" + other + ", " + bad + ")", () -> Check.close("x", other, bad, 1e300));
                assertFails("relClose(" + bad + ", " + other + ")", () -> Check.relClose("x", bad, other, 1e300));
                assertFails("relClose(" + other + ", " + bad + ")", () -> Check.relClose("x", other, bad, 1e300));
                checked += 4;
            }
            assertFails("less(" + bad + ", 0)", () -> Check.less("x", bad, 0));
            assertFails("less(0, " + bad + ")", () -> Check.less("x", 0, bad));
            assertFails("greater(" + bad + ", 0)", () -> Check.greater("x", bad, 0));
            assertFails("greater(0, " + bad + ")", () -> Check.greater("x", 0, bad));
            checked += 4;
        }
        // 3 non-finite values x (2 partners x 4 closeness calls + 4 order calls)
        assertTrue(checked == 36, "checked " + checked);
    }

    @Test
    void matrixCloseFailsOnEveryNonFiniteEntryOnEitherSide() {
        List<String> passed = new ArrayList<>();
        for (double bad : NON_FINITE) {
            for (double other : new double[] {1.0, bad}) {
                DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, bad}});
                DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1, other}});
                try {
                    Check.close("m", a, b, 1e300);
                    passed.add(bad + " vs " + other);
                } catch (CheckFailedException expected) {
                    // the check failed, as it must
                }
                try {
                    Check.close("m", b, a, 1e300);
                    passed.add(other + " vs " + bad);
                } catch (CheckFailedException expected) {
                    // the check failed, as it must
                }
            }
        }
        assertTrue(passed.isEmpty(), "passed: " + passed);
    }

    @Test
    void selfCheckCloseNeverPassesOnNonFiniteValues() {
        for (double bad : NON_FINITE) {
            assertTrue(SelfCheck.close("a", () -> bad, 1.0, 1e300, "").startsWith("FAIL"), "actual " + bad);
            assertTrue(SelfCheck.close("a", () -> 1.0, bad, 1e300, "").startsWith("FAIL"), "expected " + bad);
            assertTrue(SelfCheck.close("a", () -> bad, bad, 1e300, "").startsWith("FAIL"), "both " + bad);
        }
    }
}
