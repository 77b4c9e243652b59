package aelab.gaussian;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Shared test assertion for the bad-input tests of aelab.gaussian, aelab.loss and aelab.elbo. */
public final class Rejects {
    private Rejects() {
    }

    /** Asserts that {@code call} throws IllegalArgumentException whose message contains {@code expectedFragment}. */
    public static void assertRejects(String expectedFragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedFragment),
                "message '" + e.getMessage() + "' should contain '" + expectedFragment + "'");
    }
}
