package dev.codepulse.optimizer.internals.state;

/**
 * How far evaluation got.
 *
 * @param lastWindowStartMs start of the newest evaluated window, or {@link Long#MIN_VALUE}
 * @param lastWindowEndMs end of that window, or {@link Long#MIN_VALUE}
 * @param windowsEvaluated windows evaluated since the state was created
 */
public record Progress(long lastWindowStartMs, long lastWindowEndMs, long windowsEvaluated) {
    /** Progress before the first window. */
    public static final Progress NONE = new Progress(Long.MIN_VALUE, Long.MIN_VALUE, 0);

    /** Returns true when a window starting at {@code windowStartMs} was already evaluated. */
    public boolean covers(long windowStartMs) {
        return windowStartMs <= lastWindowStartMs;
    }
}
