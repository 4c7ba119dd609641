package dev.codepulse.worker.sandbox;

import dev.codepulse.worker.WorkerException;

/**
 * Raised when the platform fails to run a program: the sandbox could not start, a cgroup could not
 * be created or a process could not be stopped. The program is not at fault, so callers report
 * INTERNAL_ERROR with this message as the reason.
 */
public class SandboxException extends WorkerException {
    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
