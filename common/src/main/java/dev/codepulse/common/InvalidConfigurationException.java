package dev.codepulse.common;

/** Raised when configuration values are invalid or contradict each other. */
public class InvalidConfigurationException extends CodepulseException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message);
    }

    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
