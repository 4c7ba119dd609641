package dev.codepulse.localstack;

/** Raised when a local broker or Redis server cannot be started or stopped. */
public class LocalStackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
