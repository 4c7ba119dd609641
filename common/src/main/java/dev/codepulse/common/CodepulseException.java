package dev.codepulse.common;

/**
 * Root of the unchecked errors that services raise. Subtypes say how a caller should react: {@link
 * InvalidConfigurationException} for settings to fix before a restart.
 */
public class CodepulseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodepulseException(String message) {
        super(message);
    }

    public CodepulseException(String message, Throwable cause) {
        super(message, cause);
    }
}
