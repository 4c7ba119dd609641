package dev.codepulse.schemas.serde;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one Avro record type over a {@link WireFormat}. Null maps to null both ways, so
 * tombstones pass through.
 *
 * <p>NOTE: it serves record values only. The Confluent format registers under the subject
 * TOPIC-value whether Kafka configures it for keys or values.
 *
 * @param <T> record type
 */
public final class AvroSerde<T extends SpecificRecord>
        implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final WireFormat<T> format;

    public AvroSerde(WireFormat<T> format) {
        this.format = Objects.requireNonNull(format, "format can't be null");
    }

    @Override
    public byte[] serialize(String topic, T record) {
        return record == null ? null : format.encode(topic, record);
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        return bytes == null ? null : format.decode(topic, bytes);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Configured at construction by EventSerdes; Kafka's configuration is not needed.
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void close() {
        // The wire format is shared by every serde of its EventSerdes, which closes it.
    }
}
