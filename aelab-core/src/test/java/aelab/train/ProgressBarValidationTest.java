package aelab.train;

import static aelab.testing.Rejects.assertMessage;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressBarValidationTest {
    @Test
    void rejectsBadCallbackArguments() {
        ProgressBarListener bar = new ProgressBarListener(new PrintStream(new ByteArrayOutputStream()));
        assertMessage("config must not be null", () -> bar.onTrainingStart(null, 10, 2));
        assertMessage("batchesPerEpoch must be > 0, got 0", () -> bar.onBatchEnd(1, 1, 0, 0.5));
        assertMessage("batch must be in [1, 3], got 4", () -> bar.onBatchEnd(1, 4, 3, 0.5));
        assertMessage("history must not be null", () -> bar.onEpochEnd(1, null));
        assertMessage("width must be > 0, got 0", () -> new ProgressBarListener(System.err, 0));
    }
}
