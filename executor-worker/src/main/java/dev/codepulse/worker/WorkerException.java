package dev.codepulse.worker;

/**
 * Root of the unchecked exceptions of the executor worker. Subtypes tell callers how to react:
 * {@link SandboxUnavailableException} and {@link ToolchainUnavailableException} are fatal at start,
 * {@link dev.codepulse.worker.sandbox.SandboxException} fails one run and becomes an INTERNAL_ERROR
 * verdict.
 */
public class WorkerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkerException(String message) {
        super(message);
    }

    public WorkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
