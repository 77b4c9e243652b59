package aelab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SelfCheckTest {
    @Test
    void closeReportsPassAndFailWithTheHint() {
        assertEquals("PASS a: got 0.500000, expected 0.500000 \u00b1 1.00000e-12",
                SelfCheck.close("a", () -> 0.5, 0.5, 1e-12, "h"));
        assertEquals("FAIL a: got 1.00000, expected 0.500000 \u00b1 1.00000e-12 hint: divide",
                SelfCheck.close("a", () -> 1.0, 0.5, 1e-12, "divide"));
        assertTrue(SelfCheck.close("a", () -> Double.NaN, 0.5, 1, "h").startsWith("FAIL"));
    }

    @Test
    void theStubIsReportedAsNotImplementedAndOtherExceptionsByClass() {
        assertEquals("FAIL a: not implemented yet hint: h", SelfCheck.close("a", () -> {
            throw new UnsupportedOperationException("not implemented");
        }, 0, 0, "h"));
        assertEquals("FAIL q: threw java.lang.IllegalStateException: x", SelfCheck.equal("q", () -> {
            throw new IllegalStateException("x");
        }, 'B', null));
    }

    @Test
    void oneOfDoesNotRevealTheAnswer() {
        assertEquals("PASS q: answered C (one of ABCD; graded by the autograder)",
                SelfCheck.oneOf("q", () -> 'C', "ABCD", "h"));
        assertEquals("FAIL q: got c, expected one of ABCD hint: h", SelfCheck.oneOf("q", () -> 'c', "ABCD", "h"));
    }

    @Test
    void throwsAAndReport() {
        String ok = SelfCheck.throwsA("t", IllegalArgumentException.class, () -> {
            throw new IllegalArgumentException("bad");
        }, "h");
        assertEquals("PASS t: IllegalArgumentException: bad", ok);
        String none = SelfCheck.throwsA("t", IllegalArgumentException.class, () -> { }, "h");
        assertEquals("FAIL t: expected IllegalArgumentException, nothing was thrown hint: h", none);
        assertEquals(ok + "\n" + none + "\n1 of 2 checks passed (the autograder also runs hidden checks)",
                SelfCheck.report(ok, none));
    }
}
