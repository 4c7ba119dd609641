package dev.codepulse.profiler.internals;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.codepulse.schemas.Sketches;

/**
 * Statistics of one function's calls over one interval: exact counters, the sums of what was
 * measured, and a latency sketch of the measured wall times.
 *
 * <p>Not thread-safe. A {@link ThreadRecorder} hands each instance between its owner thread and the
 * flush thread, and the flush thread merges them into a total.
 */
public final class IntervalStats {
    /** Marks a value that was not measured for a call. */
    static final long NOT_MEASURED = -1;

    private final DDSketch latencySketch = Sketches.newSketch();
    private long count;
    private long errors;
    private long wallMeasured;
    private long sumWallNanos;
    private long minWallNanos = Long.MAX_VALUE;
    private long maxWallNanos;
    private long resourceMeasured;
    private long cpuNanos;
    private long allocatedBytes;

    /**
     * Adds one call.
     *
     * @param wallNanos wall time in nanoseconds, or {@link #NOT_MEASURED}
     * @param callCpuNanos CPU time of the call in nanoseconds, or {@link #NOT_MEASURED}
     * @param callAllocatedBytes bytes the call allocated, or {@link #NOT_MEASURED}
     * @param failed whether the call failed
     */
    void add(long wallNanos, long callCpuNanos, long callAllocatedBytes, boolean failed) {
        count++;
        if (failed) {
            errors++;
        }
        if (wallNanos >= 0) {
            wallMeasured++;
            sumWallNanos += wallNanos;
            minWallNanos = Math.min(minWallNanos, wallNanos);
            maxWallNanos = Math.max(maxWallNanos, wallNanos);
            addLatency(wallNanos);
        }
        if (callCpuNanos >= 0 && callAllocatedBytes >= 0) {
            resourceMeasured++;
            cpuNanos += callCpuNanos;
            allocatedBytes += callAllocatedBytes;
        }
    }

    // Same bins as latencySketch.accept(wallNanos), without the logarithm for most values.
    private void addLatency(long wallNanos) {
        if (wallNanos == 0) {
            latencySketch.accept(0);
        } else {
            latencySketch.getPositiveValueStore().add(LatencyIndex.index(wallNanos));
        }
    }

    /** Adds calls of which nothing was measured. */
    void addUnmeasured(long calls, long failedCalls) {
        count += calls;
        errors += failedCalls;
    }

    /** Adds every call of {@code other} to this; {@code other} is unchanged. */
    public void mergeFrom(IntervalStats other) {
        count += other.count;
        errors += other.errors;
        wallMeasured += other.wallMeasured;
        sumWallNanos += other.sumWallNanos;
        minWallNanos = Math.min(minWallNanos, other.minWallNanos);
        maxWallNanos = Math.max(maxWallNanos, other.maxWallNanos);
        resourceMeasured += other.resourceMeasured;
        cpuNanos += other.cpuNanos;
        allocatedBytes += other.allocatedBytes;
        if (!other.latencySketch.isEmpty()) {
            latencySketch.mergeWith(other.latencySketch);
        }
    }

    /** Empties this, keeping the sketch's memory for the next interval. */
    public void reset() {
        count = 0;
        errors = 0;
        wallMeasured = 0;
        sumWallNanos = 0;
        minWallNanos = Long.MAX_VALUE;
        maxWallNanos = 0;
        resourceMeasured = 0;
        cpuNanos = 0;
        allocatedBytes = 0;
        latencySketch.clear();
    }

    /** Returns the number of calls. */
    public long count() {
        return count;
    }

    /** Returns the number of calls that failed. */
    public long errors() {
        return errors;
    }

    /** Returns the number of calls whose wall time was measured. */
    public long wallMeasured() {
        return wallMeasured;
    }

    /** Returns the sum of the measured wall times, in nanoseconds. */
    public long sumWallNanos() {
        return sumWallNanos;
    }

    /** Returns the shortest measured wall time in nanoseconds, or 0 when none was measured. */
    public long minWallNanos() {
        return wallMeasured == 0 ? 0 : minWallNanos;
    }

    /** Returns the longest measured wall time in nanoseconds, or 0 when none was measured. */
    public long maxWallNanos() {
        return maxWallNanos;
    }

    /** Returns the number of calls whose CPU time and allocation were measured. */
    public long resourceMeasured() {
        return resourceMeasured;
    }

    /** Returns the CPU time of the measured calls, in nanoseconds. */
    public long cpuNanos() {
        return cpuNanos;
    }

    /** Returns the bytes allocated by the measured calls. */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /**
     * Returns the sketch of the measured wall times in nanoseconds; the caller must not modify it.
     */
    public DDSketch latencySketch() {
        return latencySketch;
    }
}
