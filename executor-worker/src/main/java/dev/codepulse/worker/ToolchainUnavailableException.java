package dev.codepulse.worker;

/**
 * Raised at start when a configured language's compiler or runtime is missing or its version cannot
 * be read. Fatal: install the toolchain, fix its path or remove the language from {@code
 * languages}.
 */
public class ToolchainUnavailableException extends WorkerException {
    private static final long serialVersionUID = 1L;

    public ToolchainUnavailableException(String message) {
        super(message);
    }

    public ToolchainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
