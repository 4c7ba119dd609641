package dev.codepulse.common.kafka;

import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes the values of raw records read as bytes; a record that fails to decode goes to the
 * dead-letters topic instead of stopping the consumer.
 *
 * <p>Consumers read bytes and decode here, not in the Kafka deserializer, because a deserializer
 * failure inside {@code poll} cannot be skipped cleanly and loses the original bytes.
 *
 * @param <T> decoded value type
 */
public final class RecordDecoder<T> {
    private final Deserializer<T> deserializer;
    private final DeadLetterPublisher deadLetters;

    public RecordDecoder(Deserializer<T> deserializer, DeadLetterPublisher deadLetters) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer can't be null");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters can't be null");
    }

    /**
     * Returns the decoded value, or empty after sending the record to dead letters through {@code
     * producer} (inside the caller's transaction when the producer is transactional). A null value
     * (tombstone) is also a dead letter, because no event topic carries tombstones.
     */
    public Optional<T> decode(
            ConsumerRecord<byte[], byte[]> record, Producer<byte[], byte[]> producer) {
        try {
            T value = deserializer.deserialize(record.topic(), record.value());
            if (value == null) {
                throw new IllegalArgumentException("Record has no value (tombstone)");
            }
            return Optional.of(value);
        } catch (RuntimeException e) {
            deadLetters.publish(producer, record, e);
            return Optional.empty();
        }
    }
}
