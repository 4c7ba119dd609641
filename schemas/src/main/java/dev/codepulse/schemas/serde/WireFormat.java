package dev.codepulse.schemas.serde;

import org.apache.avro.specific.SpecificRecord;

/**
 * How Avro records of one type become bytes on a topic and back. Implementations are thread-safe.
 *
 * @param <T> record type
 */
public interface WireFormat<T extends SpecificRecord> {
    /**
     * Encodes a record written to {@code topic}.
     *
     * @throws EventSerdeException if the record cannot be encoded
     */
    byte[] encode(String topic, T record);

    /**
     * Decodes bytes read from {@code topic} into a record of the current schema, filling defaults
     * for fields the writer's schema lacked.
     *
     * @throws UnknownSchemaException if the writer's schema cannot be resolved
     * @throws EventSerdeException if the bytes are not a valid encoding
     */
    T decode(String topic, byte[] bytes);
}
