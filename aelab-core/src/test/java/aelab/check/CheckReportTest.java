package aelab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTest {
    @Test
    void reportRendersOneLinePerCheckAndPrintsNothing() {
        String a = Check.close("a", 1.0, 1.0, 0.0);
        String b = Check.less("b", 1.0, 2.0);
        Check.Report r = Check.report(a, b);
        assertEquals(List.of(a, b), r.lines());
        assertEquals(a + "\n" + b, r.toString());
    }

    @Test
    void aFailingCheckThrowsBeforeTheReportExists() {
        assertThrows(CheckFailedException.class, () -> Check.report(Check.close("ok", 1, 1, 0), Check.less("bad", 3, 2)));
    }

    @Test
    void emptyOrNullLinesAreBadInput() {
        assertEquals("lines must hold at least one check line, got none",
                assertThrows(IllegalArgumentException.class, () -> Check.report()).getMessage());
        assertEquals("lines[1] must not be null",
                assertThrows(IllegalArgumentException.class, () -> Check.report("x", null)).getMessage());
    }
}
