package dev.codepulse.streams.internals;

/**
 * Tumbling windows aligned to the epoch, with their closing rules.
 *
 * @param sizeMs window length
 * @param graceMs time after the window end, in stream time, during which records are accepted
 * @param idleCloseMs wall-clock time without records after which a window past its end plus grace
 *     closes although stream time has not reached it
 * @param punctuationIntervalMs how often the wall-clock rule is checked
 * @param retainedWindows closed windows per key kept in the store for queries, in window lengths
 */
public record WindowDefinition(
        long sizeMs,
        long graceMs,
        long idleCloseMs,
        long punctuationIntervalMs,
        int retainedWindows) {

    public WindowDefinition {
        if (sizeMs <= 0 || graceMs < 0 || idleCloseMs < 0 || punctuationIntervalMs <= 0) {
            throw new IllegalArgumentException(
                    "Invalid window definition sizeMs="
                            + sizeMs
                            + " graceMs="
                            + graceMs
                            + " idleCloseMs="
                            + idleCloseMs
                            + " punctuationIntervalMs="
                            + punctuationIntervalMs
                            + "; the size and interval must be positive, the others not negative");
        }
    }

    /** Returns the start of the window holding {@code timestampMs}. */
    public long startOf(long timestampMs) {
        return timestampMs - Math.floorMod(timestampMs, sizeMs);
    }

    /** Returns the exclusive end of the window starting at {@code startMs}. */
    public long endOf(long startMs) {
        return saturatedAdd(startMs, sizeMs);
    }

    /** Returns the stream time at which the window starting at {@code startMs} closes. */
    public long closeTimeOf(long startMs) {
        return saturatedAdd(endOf(startMs), graceMs);
    }

    /** Returns the stream time after which a closed window is removed from the store. */
    public long expiryTimeOf(long startMs) {
        return saturatedAdd(closeTimeOf(startMs), retainedWindows * sizeMs);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
