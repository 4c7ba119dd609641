package dev.codepulse.streams.internals;

import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.FunctionStats;
import org.apache.kafka.common.serialization.Serde;

/**
 * Function samples per function, each in the window that contains the last millisecond of its
 * interval ({@code intervalEnd - 1}). A sample is published after its interval ends, so windowing
 * by the record timestamp would shift every sample by one interval; with profiler intervals that
 * divide the window length, each interval falls inside one window.
 */
public final class FunctionWindows
        implements WindowedAggregation<FunctionSample, FunctionAggregate, FunctionStats> {
    /** The one instance; it has no state. */
    public static final FunctionWindows INSTANCE = new FunctionWindows();

    private static final Serde<FunctionAggregate> SERDE =
            Binary.serde(FunctionAggregate::toBytes, FunctionAggregate::fromBytes);

    private FunctionWindows() {}

    @Override
    public String storeName() {
        return "function-windows";
    }

    @Override
    public String partialStoreName() {
        return "function-partials";
    }

    @Override
    public String lateStoreName() {
        return "function-late-records";
    }

    @Override
    public String clockStoreName() {
        return "function-source-clocks";
    }

    @Override
    public String stream() {
        return "samples";
    }

    @Override
    public long eventTimeMs(FunctionSample value, long recordTimestampMs) {
        long end = value.getIntervalEnd().toEpochMilli();
        long start = value.getIntervalStart().toEpochMilli();
        return Math.max(start, end - 1);
    }

    @Override
    public FunctionAggregate newAggregate() {
        return new FunctionAggregate();
    }

    @Override
    public void add(FunctionAggregate aggregate, FunctionSample value) {
        aggregate.add(value);
    }

    @Override
    public void merge(FunctionAggregate aggregate, FunctionAggregate partial) {
        aggregate.merge(partial);
    }

    @Override
    public FunctionStats toStats(WindowKey key, long windowEndMs, FunctionAggregate aggregate) {
        return aggregate.toStats(key.key(), key.windowStartMs(), windowEndMs);
    }

    @Override
    public Serde<FunctionAggregate> serde() {
        return SERDE;
    }
}
