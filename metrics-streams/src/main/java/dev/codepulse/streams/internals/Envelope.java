package dev.codepulse.streams.internals;

/**
 * A message from a partial-aggregation task (one per source partition) to the task that owns a
 * key's windows, on the repartition topic.
 *
 * <p>Records are aggregated where they are read; only partial aggregates travel, so the repartition
 * topic carries a few messages per key and flush instead of one per record. During catch-up one
 * source partition may run far ahead of another, so the owner keeps one clock per source partition
 * (see {@link SourceClocks}) from the progress messages instead of Kafka Streams' single stream
 * time, which jumps to the fastest.
 *
 * @param <A> aggregate type
 */
public sealed interface Envelope<A> {
    /** Returns the source partition the message comes from. */
    int sourcePartition();

    /**
     * The records of one key and window read from a source partition since its last flush.
     *
     * @param lastRecordWallMs wall-clock time at which the newest of those records arrived
     */
    record Partial<A>(int sourcePartition, long windowStartMs, long lastRecordWallMs, A aggregate)
            implements Envelope<A> {}

    /** Records of one key dropped as late by a source partition's task. */
    record Dropped<A>(int sourcePartition, long records) implements Envelope<A> {}

    /**
     * The stream time of a source partition. Every partial of a window that closes at or before
     * {@code streamTimeMs} was sent before this message. {@code idle} is true when the partition
     * received no record for the idle time, so owners stop waiting for it.
     */
    record Progress<A>(int sourcePartition, long streamTimeMs, boolean idle)
            implements Envelope<A> {}
}
