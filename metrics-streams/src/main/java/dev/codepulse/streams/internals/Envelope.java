package dev.codepulse.streams.internals;

/**
 * A message on a repartition topic: a decoded value, or the progress of one source partition.
 *
 * <p>Records of all source partitions interleave on a repartition partition, and during catch-up
 * one source partition may run far ahead of another. The aggregation therefore keeps one clock per
 * source partition instead of Kafka Streams' single stream time, which jumps to the fastest.
 * Progress messages keep those clocks moving when a source partition sends no values to a
 * repartition partition.
 *
 * @param <V> decoded value type
 */
public sealed interface Envelope<V> extends Decoded<V>
        permits Envelope.Observed, Envelope.Progress {
    /** Returns the source partition the message comes from. */
    int sourcePartition();

    /** A decoded value and the source partition it was read from. */
    record Observed<V>(int sourcePartition, V value) implements Envelope<V> {}

    /**
     * The stream time of a source partition: every record of it up to {@code streamTimeMs} was
     * forwarded before this message. {@code idle} is true when the partition received no record for
     * the idle time, so the aggregation stops waiting for it.
     */
    record Progress<V>(int sourcePartition, long streamTimeMs, boolean idle)
            implements Envelope<V> {}
}
