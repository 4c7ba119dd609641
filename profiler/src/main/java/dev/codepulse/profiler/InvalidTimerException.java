package dev.codepulse.profiler;

/**
 * Thrown when a timer is requested with an invalid function name, or with a mode other than the one
 * its function already has. A programming error: fix the call.
 */
public class InvalidTimerException extends ProfilerException {
    private static final long serialVersionUID = 1L;

    public InvalidTimerException(String message) {
        super(message);
    }
}
