package dev.codepulse.profiler.internals;

/**
 * Decides, on one thread, which calls of a function to measure: every call, none, or the first call
 * of each interval and then one call in every {@code period}. Not thread-safe.
 */
final class CallSampler {
    private final int period;
    private long sampledEpoch = -1;
    private int countdown;

    /**
     * @param period measure one call in this many; 1 measures every call, 0 none
     */
    CallSampler(int period) {
        this.period = period;
    }

    /** Returns whether to measure the next call, which starts in interval {@code epoch}. */
    boolean measures(long epoch) {
        if (period <= 1) {
            return period == 1;
        }
        // The first call of each interval is measured, so that an interval with calls has at
        // least one measurement.
        if (epoch != sampledEpoch) {
            sampledEpoch = epoch;
            countdown = period;
            return true;
        }
        if (--countdown > 0) {
            return false;
        }
        countdown = period;
        return true;
    }
}
