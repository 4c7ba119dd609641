package dev.codepulse.streams.internals;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The parts that differ between the language and the function windows: how a record's window is
 * chosen, how it is merged, and what is emitted.
 *
 * @param <V> value merged into a window
 * @param <A> aggregate kept in the store
 * @param <O> record emitted when a window closes
 */
public interface WindowedAggregation<V, A extends WindowAggregate, O extends SpecificRecord> {
    /** Returns the name of the window store, such as language-windows. */
    String storeName();

    /** Returns the name of the store of partial aggregates not sent yet, per source partition. */
    String partialStoreName();

    /** Returns the name of the store of late-record counts per key. */
    String lateStoreName();

    /** Returns the name of the store of the source partitions' clocks. */
    String clockStoreName();

    /** Returns the label of the input stream in metrics and logs. */
    String stream();

    /**
     * Returns the event time that chooses a value's window, epoch milliseconds.
     *
     * @param recordTimestampMs timestamp of the record that carried the value
     */
    long eventTimeMs(V value, long recordTimestampMs);

    /** Returns a new, empty aggregate. */
    A newAggregate();

    /** Merges one value into an aggregate and counts it as a sample. */
    void add(A aggregate, V value);

    /** Merges a partial aggregate of the same key and window into another. */
    void merge(A aggregate, A partial);

    /** Returns the output record of one window. */
    O toStats(WindowKey key, long windowEndMs, A aggregate);

    /** Returns the serde of aggregates in the store. */
    Serde<A> serde();
}
