package aelab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Bad-input assertions shared by every package's tests (the project's rule: assert the message content). */
public final class Rejects {
    private Rejects() {
    }

    /** Asserts that {@code call} throws IllegalArgumentException whose message contains {@code expectedFragment}. */
    public static void assertRejects(String expectedFragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedFragment),
                "message '" + e.getMessage() + "' should contain '" + expectedFragment + "'");
    }

    /** Asserts that {@code call} throws IllegalArgumentException with exactly the message {@code expected}. */
    public static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
