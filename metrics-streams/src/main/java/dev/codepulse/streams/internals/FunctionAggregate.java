package dev.codepulse.streams.internals;

import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.Sketches;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Function samples of every instance merged over one window: exact sums and a merged wall-time
 * sketch, never averaged percentiles.
 */
public final class FunctionAggregate extends WindowAggregate {
    private static final byte VERSION = 1;

    private long count;
    private long errors;
    private long cpuNanos;
    private long allocatedBytes;
    private final SortedSet<String> instances = new TreeSet<>();
    private final DistributionAccumulator wallNanos;

    /** Creates an empty aggregate. */
    public FunctionAggregate() {
        this(new DistributionAccumulator());
    }

    private FunctionAggregate(DistributionAccumulator wallNanos) {
        this.wallNanos = wallNanos;
    }

    /**
     * Merges one sample.
     *
     * @throws IllegalArgumentException if the sample's sketch is not a valid encoding
     */
    public void add(FunctionSample sample) {
        wallNanos.merge(
                Sketches.toArray(sample.getLatencySketch()),
                sample.getCount(),
                sample.getSumWallNanos(),
                sample.getMinWallNanos(),
                sample.getMaxWallNanos());
        countSample();
        count += sample.getCount();
        errors += sample.getErrors();
        cpuNanos += sample.getCpuNanos();
        allocatedBytes += sample.getAllocatedBytes();
        instances.add(sample.getInstance());
    }

    /** Merges a partial aggregate of the same function and window into this one. */
    public void merge(FunctionAggregate partial) {
        countSamples(partial.sampleCount());
        wallNanos.merge(partial.wallNanos);
        count += partial.count;
        errors += partial.errors;
        cpuNanos += partial.cpuNanos;
        allocatedBytes += partial.allocatedBytes;
        instances.addAll(partial.instances);
    }

    /** Returns the output record of this window. */
    public FunctionStats toStats(String function, long windowStartMs, long windowEndMs) {
        return FunctionStats.newBuilder()
                .setFunction(function)
                .setWindowStart(Instant.ofEpochMilli(windowStartMs))
                .setWindowEnd(Instant.ofEpochMilli(windowEndMs))
                .setCount(count)
                .setErrors(errors)
                .setInstances(new ArrayList<>(instances))
                .setWallNanos(wallNanos.toDistribution())
                .setCpuNanos(cpuNanos)
                .setAllocatedBytes(allocatedBytes)
                .setSampleCount(sampleCount())
                .setComplete(complete())
                .setLateRecordsDropped(lateRecordsDropped())
                .build();
    }

    /** Serializes this aggregate for the window store. */
    public byte[] toBytes() {
        return toBytes(VERSION);
    }

    /**
     * Reads an aggregate written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not a valid encoding
     */
    public static FunctionAggregate fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        Binary.checkVersion(buffer, VERSION, "function aggregate");
        int headerStart = buffer.position();
        buffer.position(headerStart + WindowAggregate.HEADER_BYTES);
        long count = buffer.getLong();
        long errors = buffer.getLong();
        long cpuNanos = buffer.getLong();
        long allocatedBytes = buffer.getLong();
        int instanceCount = buffer.getInt();
        if (instanceCount < 0 || instanceCount > buffer.remaining()) {
            throw new IllegalArgumentException("Invalid instance count " + instanceCount);
        }
        List<String> instances = new ArrayList<>(instanceCount);
        for (int i = 0; i < instanceCount; i++) {
            instances.add(Binary.getString(buffer));
        }
        FunctionAggregate aggregate =
                new FunctionAggregate(DistributionAccumulator.readFrom(buffer));
        aggregate.count = count;
        aggregate.errors = errors;
        aggregate.cpuNanos = cpuNanos;
        aggregate.allocatedBytes = allocatedBytes;
        aggregate.instances.addAll(instances);
        buffer.position(headerStart);
        aggregate.readHeader(buffer);
        return aggregate;
    }

    @Override
    int serializedSize() {
        int size = 4 * Long.BYTES + Integer.BYTES;
        for (String instance : instances) {
            size += Binary.stringSize(Binary.utf8(instance));
        }
        return size + wallNanos.serializedSize();
    }

    @Override
    void writeBody(ByteBuffer buffer) {
        buffer.putLong(count).putLong(errors).putLong(cpuNanos).putLong(allocatedBytes);
        buffer.putInt(instances.size());
        for (String instance : instances) {
            Binary.putString(buffer, Binary.utf8(instance));
        }
        wallNanos.writeTo(buffer);
    }
}
