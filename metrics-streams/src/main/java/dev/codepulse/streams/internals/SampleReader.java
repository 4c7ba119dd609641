package dev.codepulse.streams.internals;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.Sketches;
import dev.codepulse.streams.InvalidEventException;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;

/**
 * Decodes a function sample and rejects inconsistent ones (negative counts or durations, more
 * errors than calls, min above max, an absurd duration, or a sketch that does not decode), keyed by
 * function name.
 */
public final class SampleReader implements EventReader<FunctionSample> {
    private final Deserializer<FunctionSample> deserializer;
    private final long maxDurationNanos;

    /**
     * @param maxDurationMs largest plausible duration of one call
     */
    public SampleReader(Deserializer<FunctionSample> deserializer, long maxDurationMs) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer can't be null");
        this.maxDurationNanos = maxDurationMs * 1_000_000;
    }

    @Override
    public KeyValue<String, FunctionSample> read(String topic, byte[] value) {
        FunctionSample sample = deserializer.deserialize(topic, value);
        if (sample == null) {
            throw new IllegalArgumentException("Record has no value (tombstone)");
        }
        EventChecks.checkNotEmpty("function", sample.getFunction());
        EventChecks.checkNotEmpty("instance", sample.getInstance());
        checkInterval(sample);
        checkCounts(sample);
        checkDurations(sample);
        checkSketch(sample);
        return KeyValue.pair(sample.getFunction(), sample);
    }

    private static void checkInterval(FunctionSample sample) {
        if (sample.getIntervalEnd().isBefore(sample.getIntervalStart())) {
            throw new InvalidEventException(
                    "Invalid interval: intervalEnd="
                            + sample.getIntervalEnd()
                            + " is before intervalStart="
                            + sample.getIntervalStart());
        }
    }

    private static void checkCounts(FunctionSample sample) {
        EventChecks.checkNotNegative("count", sample.getCount());
        EventChecks.checkRange("errors", sample.getErrors(), sample.getCount());
        EventChecks.checkNotNegative("cpuNanos", sample.getCpuNanos());
        EventChecks.checkNotNegative("allocatedBytes", sample.getAllocatedBytes());
    }

    private void checkDurations(FunctionSample sample) {
        EventChecks.checkNotNegative("sumWallNanos", sample.getSumWallNanos());
        if (sample.getCount() == 0) {
            return;
        }
        EventChecks.checkRange("maxWallNanos", sample.getMaxWallNanos(), maxDurationNanos);
        EventChecks.checkRange("minWallNanos", sample.getMinWallNanos(), sample.getMaxWallNanos());
    }

    private static void checkSketch(FunctionSample sample) {
        DDSketch sketch = Sketches.decode(sample.getLatencySketch());
        if (!sketch.isEmpty() && sketch.getMinValue() < 0) {
            throw new InvalidEventException(
                    "Invalid latencySketch: it holds negative values down to "
                            + sketch.getMinValue());
        }
    }
}
