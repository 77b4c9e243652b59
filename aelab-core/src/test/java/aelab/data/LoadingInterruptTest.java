package aelab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.InterruptedComputationException;
import org.junit.jupiter.api.Test;

/** Issue 10: data loading honours the thread's interrupt status (between chunks of the IDX body). */
class LoadingInterruptTest {
    @Test
    void loadingStopsWhenTheThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            var e = assertThrows(InterruptedComputationException.class, Mnist::loadBytes);
            assertEquals(0, e.done());
            assertEquals(10_000L * 784, e.total());
            assertTrue(e.getMessage().startsWith("reading "), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "status kept");
        } finally {
            Thread.interrupted();
        }
        assertEquals(10_000, Mnist.loadBytes().size(), "loads normally once the status is cleared");
    }
}
