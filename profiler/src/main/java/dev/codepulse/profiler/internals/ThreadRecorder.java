package dev.codepulse.profiler.internals;

import dev.codepulse.profiler.Span;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The accumulator of one function on one thread, and the reusable span of that thread's calls.
 *
 * <p>Only the owner thread records. It writes into one of two {@link IntervalStats} slots, the one
 * {@code epoch} selects. To end an interval the flush thread increments {@code epoch}, waits until
 * the owner has left any recording that may still use the old slot, then drains the old slot. The
 * owner announces each recording with a volatile write of {@code enterCount} before it reads {@code
 * epoch}, and ends it with a release write of {@code exitCount}: either the owner's read observes
 * the new epoch, or the flush thread's read of {@code enterCount} observes the recording and waits
 * for its exit. This is the writer-reader phaser of HdrHistogram's {@code WriterReaderPhaser}, with
 * one writer per phaser so that writers never share a cache line.
 *
 * <p>A call with nothing measured (most calls in SAMPLED mode) skips that protocol and its fence:
 * the owner only increments the running totals {@code unmeasuredCalls} and {@code
 * unmeasuredErrors}, and the flush thread adds their growth since its previous drain. Such a call
 * may therefore count in the interval after the slot of a measured call made just before it.
 */
final class ThreadRecorder implements Span {
    private static final VarHandle EXIT_COUNT;
    private static final VarHandle UNMEASURED_CALLS;
    private static final VarHandle UNMEASURED_ERRORS;
    private static final long NO_WALL_START = Long.MIN_VALUE;
    private static final int SPINS_BEFORE_YIELD = 100;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            EXIT_COUNT = lookup.findVarHandle(ThreadRecorder.class, "exitCount", long.class);
            UNMEASURED_CALLS =
                    lookup.findVarHandle(ThreadRecorder.class, "unmeasuredCalls", long.class);
            UNMEASURED_ERRORS =
                    lookup.findVarHandle(ThreadRecorder.class, "unmeasuredErrors", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread owner;
    private final IntervalStats[] slots = {new IntervalStats(), new IntervalStats()};

    // Written by the flush thread only.
    private volatile long epoch;
    private long drainedUnmeasuredCalls;
    private long drainedUnmeasuredErrors;

    // Written by the owner thread only.
    private volatile long enterCount;
    private volatile long exitCount;
    // Read by the flush thread with acquire through the VarHandles above.
    private long unmeasuredCalls;
    private long unmeasuredErrors;

    // Owner-thread state: what to measure of the next call, and one frame per open span.
    private final CallSampler wallSampler;
    private final CallSampler resourceSampler;
    private long[] wallStarts = new long[4];
    private long[] cpuStarts = new long[4];
    private long[] allocationStarts = new long[4];
    private boolean[] failures = new boolean[4];
    private int depth;

    ThreadRecorder(Thread owner, TimerSettings settings) {
        this.owner = owner;
        this.wallSampler = new CallSampler(settings.wallPeriod());
        this.resourceSampler = new CallSampler(settings.resourcePeriod());
    }

    /** Opens a span on the owner thread. */
    Span begin() {
        int frame = depth;
        if (frame == wallStarts.length) {
            growFrames();
        }
        depth = frame + 1;
        failures[frame] = false;
        long currentEpoch = epoch;
        if (resourceSampler.measures(currentEpoch)) {
            cpuStarts[frame] = ThreadResources.cpuNanos();
            allocationStarts[frame] = ThreadResources.allocatedBytes();
        } else {
            cpuStarts[frame] = IntervalStats.NOT_MEASURED;
        }
        // Read the wall clock last, so the resource reads stay outside the measured wall time.
        wallStarts[frame] = wallSampler.measures(currentEpoch) ? System.nanoTime() : NO_WALL_START;
        return this;
    }

    @Override
    public void markError() {
        if (depth > 0) {
            failures[depth - 1] = true;
        }
    }

    @Override
    public void close() {
        int frame = depth - 1;
        if (frame < 0) {
            return;
        }
        depth = frame;
        long wallStart = wallStarts[frame];
        long wallNanos =
                wallStart == NO_WALL_START
                        ? IntervalStats.NOT_MEASURED
                        : Math.max(0, System.nanoTime() - wallStart);
        long cpuNanos = IntervalStats.NOT_MEASURED;
        long allocatedBytes = IntervalStats.NOT_MEASURED;
        long cpuStart = cpuStarts[frame];
        if (cpuStart >= 0) {
            cpuNanos = difference(cpuStart, ThreadResources.cpuNanos());
            allocatedBytes = difference(allocationStarts[frame], ThreadResources.allocatedBytes());
        }
        record(wallNanos, cpuNanos, allocatedBytes, failures[frame]);
    }

    /** Records one call on the owner thread; a negative value means it was not measured. */
    void record(long wallNanos, long cpuNanos, long allocatedBytes, boolean failed) {
        if (wallNanos < 0 && cpuNanos < 0) {
            countUnmeasured(failed);
            return;
        }
        long ticket = enterCount + 1;
        enterCount = ticket;
        try {
            slots[(int) (epoch & 1)].add(wallNanos, cpuNanos, allocatedBytes, failed);
        } finally {
            EXIT_COUNT.setRelease(this, ticket);
        }
    }

    // Single writer, so a plain read and a release write make an atomic increment.
    private void countUnmeasured(boolean failed) {
        UNMEASURED_CALLS.setRelease(this, unmeasuredCalls + 1);
        if (failed) {
            UNMEASURED_ERRORS.setRelease(this, unmeasuredErrors + 1);
        }
    }

    /**
     * Ends the current interval of this recorder and adds its calls to {@code total}. Called by the
     * flush thread only.
     *
     * @return true when the owner thread has ended, so this recorder is drained for good
     */
    boolean drainInto(IntervalStats total) {
        // A thread that is no longer alive has published all its writes (JLS 17.4.4).
        if (!owner.isAlive()) {
            drainSlot(0, total);
            drainSlot(1, total);
            drainUnmeasured(total);
            return true;
        }
        long oldEpoch = epoch;
        epoch = oldEpoch + 1;
        awaitExit(enterCount);
        drainSlot((int) (oldEpoch & 1), total);
        drainUnmeasured(total);
        return false;
    }

    private void drainUnmeasured(IntervalStats total) {
        long calls = (long) UNMEASURED_CALLS.getAcquire(this);
        long errors = (long) UNMEASURED_ERRORS.getAcquire(this);
        total.addUnmeasured(calls - drainedUnmeasuredCalls, errors - drainedUnmeasuredErrors);
        drainedUnmeasuredCalls = calls;
        drainedUnmeasuredErrors = errors;
    }

    private void drainSlot(int slot, IntervalStats total) {
        total.mergeFrom(slots[slot]);
        slots[slot].reset();
    }

    private void awaitExit(long ticket) {
        for (int spins = 0; (long) EXIT_COUNT.getAcquire(this) < ticket; spins++) {
            if (spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private static long difference(long start, long end) {
        return start < 0 || end < 0 ? IntervalStats.NOT_MEASURED : Math.max(0, end - start);
    }

    private void growFrames() {
        int length = wallStarts.length * 2;
        wallStarts = Arrays.copyOf(wallStarts, length);
        cpuStarts = Arrays.copyOf(cpuStarts, length);
        allocationStarts = Arrays.copyOf(allocationStarts, length);
        failures = Arrays.copyOf(failures, length);
    }
}
