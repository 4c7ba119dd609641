package dev.codepulse.streams;

/**
 * Raised when an interactive query cannot be answered now, for example during a rebalance or while
 * a store restores, or when the owning instance does not answer. Retrying later may succeed.
 */
public class QueryUnavailableException extends MetricsStreamsException {
    private static final long serialVersionUID = 1L;

    public QueryUnavailableException(String message) {
        super(message);
    }

    public QueryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
