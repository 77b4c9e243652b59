package aelab.check;

/** Thrown by {@link Check} when a claimed relation does not hold. */
public final class CheckFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckFailedException(String message) {
        super(message);
    }
}
