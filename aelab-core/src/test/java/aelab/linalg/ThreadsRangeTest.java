package aelab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Threads#forEachRange}: every index exactly once, ranges no shorter than asked, bad arguments named. */
class ThreadsRangeTest {
    @AfterEach
    void restore() {
        Threads.setCount(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void everyIndexIsVisitedExactlyOnceOnEveryThreadCount() {
        for (int threads : new int[] {1, 2, 3, 7}) {
            Threads.setCount(threads);
            for (int length : new int[] {0, 1, 99, 100, 101, 1000, 12345}) {
                AtomicIntegerArray seen = new AtomicIntegerArray(length);
                AtomicInteger ranges = new AtomicInteger();
                AtomicInteger shortest = new AtomicInteger(Integer.MAX_VALUE);
                Threads.forEachRange(length, 100, (from, to) -> {
                    ranges.incrementAndGet();
                    shortest.accumulateAndGet(to - from, Math::min);
                    for (int i = from; i < to; i++) {
                        seen.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < length; i++) {
                    assertEquals(1, seen.get(i), "index " + i + " of " + length + " on " + threads + " threads");
                }
                int expectedRanges = Math.max(1, Math.min(threads, length / 100));
                assertEquals(expectedRanges, ranges.get(), length + " indices on " + threads + " threads");
                assertTrue(expectedRanges == 1 || shortest.get() >= 100, "shortest range " + shortest.get());
            }
        }
    }

    @Test
    void rejectsANegativeLengthANonPositiveMinimumOrNoTask() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Threads.forEachRange(-1, 10, (a, b) -> { }));
        assertTrue(e.getMessage().contains("length") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Threads.forEachRange(10, 0, (a, b) -> { }));
        assertTrue(e.getMessage().contains("minLength") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Threads.forEachRange(10, 1, null));
        assertTrue(e.getMessage().contains("task"), e.getMessage());
    }
}
