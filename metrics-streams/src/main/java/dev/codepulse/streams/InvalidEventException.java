package dev.codepulse.streams;

/**
 * Raised for an input record that decodes but cannot be aggregated, such as a report with a
 * negative or absurd duration. The record goes to the dead-letters topic with this class named in
 * its error header.
 */
public class InvalidEventException extends MetricsStreamsException {
    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(message);
    }
}
