package dev.codepulse.streams.internals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stream time of an aggregation task, from one clock per source partition.
 *
 * <p>Each clock is the largest stream time a source partition reported in its progress messages.
 * The task's stream time is the smallest clock over the source partitions that are not idle, so a
 * window closes only once every active source partition has moved past its end plus grace, however
 * far ahead another partition runs. A partition that has never been heard from keeps stream time
 * from advancing. An idle one does not, until it sends again. While every partition is idle, stream
 * time stays where it was.
 *
 * <p>Every change is written to a store, so after a restart the clocks are exactly those of the
 * last commit.
 */
final class SourceClocks {
    private static final long UNKNOWN = Long.MIN_VALUE;
    // Stream time itself is stored under this key: it cannot always be recomputed from the
    // clocks, because it never moves back when an idle partition becomes active behind it.
    private static final int STREAM_TIME_KEY = -1;
    private static final Serde<Clock> CLOCK_SERDE =
            Binary.serde(SourceClocks::toBytes, SourceClocks::fromBytes);

    /** The clock of one source partition. */
    record Clock(long timeMs, boolean idle) {}

    private final KeyValueStore<Integer, Clock> store;
    private long[] times;
    private boolean[] idle;
    private long streamTimeMs = UNKNOWN;

    /**
     * Loads the clocks from the store.
     *
     * @param sourcePartitions partitions of the source topic; a message from a higher partition
     *     extends the set
     */
    SourceClocks(KeyValueStore<Integer, Clock> store, int sourcePartitions) {
        this.store = store;
        this.times = new long[sourcePartitions];
        this.idle = new boolean[sourcePartitions];
        Arrays.fill(times, UNKNOWN);
        try (KeyValueIterator<Integer, Clock> all = store.all()) {
            all.forEachRemaining(
                    entry -> {
                        if (entry.key == STREAM_TIME_KEY) {
                            streamTimeMs = entry.value.timeMs();
                        } else {
                            set(entry.key, entry.value.timeMs(), entry.value.idle());
                        }
                    });
        }
    }

    /** Returns the serde of the stored clocks. */
    static Serde<Clock> serde() {
        return CLOCK_SERDE;
    }

    /** Returns the task's stream time, or {@link Long#MIN_VALUE} while it is unknown. */
    long streamTimeMs() {
        return streamTimeMs;
    }

    /** Records the progress message of a source partition. */
    void progress(int partition, long streamTimeMs, boolean isIdle) {
        grow(partition);
        if (streamTimeMs > times[partition] || isIdle != idle[partition]) {
            set(partition, Math.max(times[partition], streamTimeMs), isIdle);
            persist(partition);
            recompute();
        }
    }

    private void set(int partition, long timeMs, boolean isIdle) {
        grow(partition);
        times[partition] = timeMs;
        idle[partition] = isIdle;
    }

    private void persist(int partition) {
        store.put(partition, new Clock(times[partition], idle[partition]));
    }

    // Stream time never moves back, also when an idle partition becomes active again behind it.
    private void recompute() {
        long min = Long.MAX_VALUE;
        boolean anyActive = false;
        for (int i = 0; i < times.length; i++) {
            if (!idle[i]) {
                anyActive = true;
                min = Math.min(min, times[i]);
            }
        }
        if (anyActive && min > streamTimeMs) {
            streamTimeMs = min;
            store.put(STREAM_TIME_KEY, new Clock(streamTimeMs, false));
        }
    }

    private void grow(int partition) {
        if (partition >= times.length) {
            int size = partition + 1;
            long[] grownTimes = Arrays.copyOf(times, size);
            Arrays.fill(grownTimes, times.length, size, UNKNOWN);
            times = grownTimes;
            idle = Arrays.copyOf(idle, size);
        }
    }

    private static byte[] toBytes(Clock clock) {
        return ByteBuffer.allocate(Long.BYTES + 1)
                .putLong(clock.timeMs())
                .put((byte) (clock.idle() ? 1 : 0))
                .array();
    }

    private static Clock fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Clock(buffer.getLong(), buffer.get() != 0);
    }
}
