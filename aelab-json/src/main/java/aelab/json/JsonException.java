package aelab.json;

/** Thrown when text is not valid JSON (the message names line and column) or a value cannot be written as JSON. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
