package dev.codepulse.schemas.serde;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.codepulse.schemas.registry.SchemaNotFoundException;
import dev.codepulse.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.OptionalInt;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Confluent wire format: magic byte 0, the writer schema's 4-byte registry id (big-endian),
 * then the Avro binary body. Subjects follow the topic-name strategy: {@code TOPIC-value}.
 *
 * @param <T> record type
 */
public final class ConfluentWireFormat<T extends SpecificRecord> implements WireFormat<T> {
    static final byte MAGIC_BYTE = 0;
    private static final int HEADER_BYTES = 5;
    private static final int READER_CACHE_CAPACITY = 100;

    private final Schema schema;
    private final SpecificData model;
    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final SpecificDatumWriter<T> writer;
    private final Cache<Integer, SpecificDatumReader<T>> readersByWriterId;

    /**
     * @param autoRegister register the writer schema when the subject lacks it; otherwise only look
     *     it up and fail when it is missing
     */
    public ConfluentWireFormat(Class<T> type, SchemaRegistryClient registry, boolean autoRegister) {
        AvroTrust.install();
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.registry = Objects.requireNonNull(registry, "registry can't be null");
        this.autoRegister = autoRegister;
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.readersByWriterId = Caffeine.newBuilder().maximumSize(READER_CACHE_CAPACITY).build();
    }

    @Override
    public byte[] encode(String topic, T record) {
        int id = writerSchemaId(topic);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new EventSerdeException(
                    "Failed to encode " + schema.getName() + " for topic " + topic + ": " + e, e);
        }
        return out.toByteArray();
    }

    @Override
    public T decode(String topic, byte[] bytes) {
        if (bytes.length < HEADER_BYTES || bytes[0] != MAGIC_BYTE) {
            throw new EventSerdeException(
                    "Invalid record on topic "
                            + topic
                            + ": "
                            + bytes.length
                            + " bytes without the Confluent header (magic byte 0 and a 4-byte schema"
                            + " id)");
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        SpecificDatumReader<T> reader = readerFor(id, topic);
        try {
            return AvroBody.read(reader, bytes, HEADER_BYTES);
        } catch (IOException | RuntimeException e) {
            throw new EventSerdeException(
                    "Failed to decode "
                            + schema.getName()
                            + " with writer schema id "
                            + id
                            + " on topic "
                            + topic
                            + ": "
                            + e,
                    e);
        }
    }

    private int writerSchemaId(String topic) {
        String subject = topic + "-value";
        if (autoRegister) {
            return registry.register(subject, schema);
        }
        OptionalInt id = registry.lookUpId(subject, schema);
        if (id.isEmpty()) {
            throw new UnknownSchemaException(
                    "Schema of "
                            + schema.getFullName()
                            + " is not registered under subject "
                            + subject
                            + " at "
                            + registry.url()
                            + ", and auto-registration is off; register it or set "
                            + SerdeConfig.SCHEMA_REGISTRY_AUTO_REGISTER_CONFIG
                            + "=true");
        }
        return id.getAsInt();
    }

    // NOTE: unknown ids are not cached, so every record that carries one (a corrupt header, or a
    // record from another registry) costs one registry request.
    private SpecificDatumReader<T> readerFor(int id, String topic) {
        return readersByWriterId.get(
                id,
                key -> {
                    Schema writerSchema;
                    try {
                        writerSchema = registry.schemaById(id);
                    } catch (SchemaNotFoundException e) {
                        throw new UnknownSchemaException(
                                "Unknown schema id "
                                        + id
                                        + " on topic "
                                        + topic
                                        + ": the registry at "
                                        + registry.url()
                                        + " has no schema with that id",
                                e);
                    }
                    return new SpecificDatumReader<>(writerSchema, schema, model);
                });
    }
}
