package dev.codepulse.streams.internals;

import dev.codepulse.streams.InvalidEventException;
import org.apache.kafka.streams.KeyValue;

/**
 * Decodes and validates the value bytes of one input record, returning the key to aggregate by and
 * the value to aggregate.
 *
 * @param <V> value type handed to the aggregation
 */
@FunctionalInterface
public interface EventReader<V> {
    /**
     * Reads one record value.
     *
     * @param topic source topic, for error messages
     * @throws InvalidEventException if the value decodes but cannot be aggregated
     * @throws RuntimeException if the value does not decode
     */
    KeyValue<String, V> read(String topic, byte[] value);
}
