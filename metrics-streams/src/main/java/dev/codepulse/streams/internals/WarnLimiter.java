package dev.codepulse.streams.internals;

/**
 * Lets one warning through per interval and counts the ones it holds back, so a burst of bad
 * records does not flood the log. Not thread-safe: each processor owns one.
 */
final class WarnLimiter {
    private final long intervalMs;
    private long nextAllowedMs = Long.MIN_VALUE;
    private long suppressed;

    WarnLimiter(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /**
     * Returns the number of warnings held back since the last one let through, or -1 when this one
     * must be held back too.
     */
    long tryAcquire(long nowMs) {
        if (nowMs < nextAllowedMs) {
            suppressed++;
            return -1;
        }
        nextAllowedMs = nowMs + intervalMs;
        long held = suppressed;
        suppressed = 0;
        return held;
    }
}
