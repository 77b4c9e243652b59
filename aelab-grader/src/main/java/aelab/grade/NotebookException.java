package aelab.grade;

/** Thrown when a file is not an nbformat-4 notebook, or its grading metadata is inconsistent. */
public final class NotebookException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotebookException(String message) {
        super(message);
    }

    public NotebookException(String message, Throwable cause) {
        super(message, cause);
    }
}
