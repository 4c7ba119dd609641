package dev.codepulse.streams;

import dev.codepulse.common.CodepulseException;

/**
 * Root of the errors metrics-streams raises. Subtypes say how a caller reacts: {@link
 * InvalidEventException} for an input record that is sent to the dead-letters topic, {@link
 * QueryUnavailableException} for a query to retry later.
 */
public class MetricsStreamsException extends CodepulseException {
    private static final long serialVersionUID = 1L;

    public MetricsStreamsException(String message) {
        super(message);
    }

    public MetricsStreamsException(String message, Throwable cause) {
        super(message, cause);
    }
}
