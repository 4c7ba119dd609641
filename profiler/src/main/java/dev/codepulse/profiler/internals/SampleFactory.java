package dev.codepulse.profiler.internals;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.Sketches;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Turns the merged statistics of one function over one interval into a {@link FunctionSample}.
 *
 * <p>Where only some calls were measured, a sum is scaled by {@code count / measuredCalls} (a ratio
 * estimate), and the latency sketch's bin counts are scaled by the same factor so that sketches
 * from processes with different sample periods still merge with the right weights. Min and max are
 * those of the measured calls.
 */
public final class SampleFactory {
    private SampleFactory() {}

    /** Builds the sample of {@code stats}, which must hold at least one call. */
    public static FunctionSample toSample(
            String function,
            String instanceId,
            long intervalStartMs,
            long intervalEndMs,
            IntervalStats stats) {
        long count = stats.count();
        return FunctionSample.newBuilder()
                .setFunction(function)
                .setInstance(instanceId)
                .setIntervalStart(Instant.ofEpochMilli(intervalStartMs))
                .setIntervalEnd(Instant.ofEpochMilli(intervalEndMs))
                .setCount(count)
                .setErrors(stats.errors())
                .setSumWallNanos(scale(stats.sumWallNanos(), stats.wallMeasured(), count))
                .setMinWallNanos(stats.minWallNanos())
                .setMaxWallNanos(stats.maxWallNanos())
                .setCpuNanos(scale(stats.cpuNanos(), stats.resourceMeasured(), count))
                .setAllocatedBytes(scale(stats.allocatedBytes(), stats.resourceMeasured(), count))
                .setLatencySketch(ByteBuffer.wrap(Sketches.encode(latencySketch(stats))))
                .build();
    }

    /**
     * Scales the sum over {@code measuredCalls} to {@code calls}; 0 when nothing was measured, and
     * the sum itself when every call was measured.
     */
    static long scale(long measuredSum, long measuredCalls, long calls) {
        if (measuredCalls == 0) {
            return 0;
        }
        if (measuredCalls == calls) {
            return measuredSum;
        }
        return Math.round(measuredSum * ((double) calls / measuredCalls));
    }

    private static DDSketch latencySketch(IntervalStats stats) {
        DDSketch measured = stats.latencySketch();
        if (stats.wallMeasured() == 0 || stats.wallMeasured() == stats.count()) {
            return measured;
        }
        double factor = (double) stats.count() / stats.wallMeasured();
        DDSketch scaled = Sketches.newSketch();
        measured.getPositiveValueStore()
                .forEach(
                        (index, count) ->
                                scaled.getPositiveValueStore().add(index, count * factor));
        double zeroCount = measured.getCount() - measured.getPositiveValueStore().getTotalCount();
        if (zeroCount > 0) {
            scaled.accept(0, zeroCount * factor);
        }
        return scaled;
    }
}
