package dev.codepulse.optimizer;

import dev.codepulse.common.CodepulseException;

/**
 * Raised when the optimizer service cannot start or run, for example when its internal topic has
 * the wrong number of partitions. Configuration errors raise {@link
 * dev.codepulse.common.InvalidConfigurationException} instead.
 */
public class OptimizerException extends CodepulseException {
    private static final long serialVersionUID = 1L;

    public OptimizerException(String message) {
        super(message);
    }

    public OptimizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
