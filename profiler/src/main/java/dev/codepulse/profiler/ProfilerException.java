package dev.codepulse.profiler;

/** The root of every exception the profiler throws. */
public class ProfilerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProfilerException(String message) {
        super(message);
    }

    public ProfilerException(String message, Throwable cause) {
        super(message, cause);
    }
}
