package aelab.plot;

import static aelab.testing.Rejects.assertMessage;

import org.junit.jupiter.api.Test;

class PlotsValidationTest {
    @Test
    void seriesRejectsNullNameAndNullRest() {
        assertMessage("name must not be null", () -> Plots.series(null, new double[] {1}));
        assertMessage("more must not be null", () -> Plots.series("a", new double[] {1}, (Object[]) null));
    }
}
