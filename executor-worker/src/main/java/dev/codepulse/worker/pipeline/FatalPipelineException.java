package dev.codepulse.worker.pipeline;

import dev.codepulse.common.CodepulseException;

/**
 * Raised when the pipeline cannot go on, for example when another process with the same
 * transactional id fenced its producer. Uncommitted submissions are redelivered to other workers.
 */
public class FatalPipelineException extends CodepulseException {
    private static final long serialVersionUID = 1L;

    public FatalPipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
