package dev.codepulse.worker;

/**
 * Raised at start when the sandbox cannot isolate untrusted code and the insecure flag is not set,
 * or when the sandbox cannot be set up at all. Fatal: the worker must not start.
 */
public class SandboxUnavailableException extends WorkerException {
    private static final long serialVersionUID = 1L;

    public SandboxUnavailableException(String message) {
        super(message);
    }

    public SandboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
