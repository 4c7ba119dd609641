package dev.codepulse.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding: the marker {@code C3 01}, the writer schema's 8-byte CRC-64-AVRO
 * fingerprint (little-endian), then the binary body. Needs no registry.
 *
 * <p>The reader knows the current schema and every older version in {@link SchemaCatalog}, so
 * events written by an older release decode with defaults filled in.
 *
 * @param <T> record type
 */
public final class SingleObjectWireFormat<T extends SpecificRecord> implements WireFormat<T> {
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = 0x01;
    private static final int HEADER_BYTES = 10;

    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final Map<Long, SpecificDatumReader<T>> readersByFingerprint = new HashMap<>();

    public SingleObjectWireFormat(Class<T> type) {
        AvroTrust.install();
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        addReader(schema, model);
        for (Schema older : SchemaCatalog.olderVersions(schema.getFullName())) {
            addReader(older, model);
        }
    }

    @Override
    public byte[] encode(String topic, T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            // Avro reports a null in a non-nullable field as a NullPointerException.
            throw new EventSerdeException(
                    "Failed to encode " + schema.getName() + " for topic " + topic + ": " + e, e);
        }
    }

    @Override
    public T decode(String topic, byte[] bytes) {
        SpecificDatumReader<T> reader = readerFor(topic, bytes);
        try {
            return AvroBody.read(reader, bytes, HEADER_BYTES);
        } catch (IOException | RuntimeException e) {
            throw new EventSerdeException(
                    "Failed to decode "
                            + schema.getName()
                            + " from "
                            + bytes.length
                            + " bytes on topic "
                            + topic
                            + ": "
                            + e,
                    e);
        }
    }

    /** Returns the fingerprint of the current schema as 16 hex digits, as in error messages. */
    public String fingerprint() {
        return hex(SchemaNormalization.parsingFingerprint64(schema));
    }

    private void addReader(Schema writerSchema, SpecificData model) {
        readersByFingerprint.put(
                SchemaNormalization.parsingFingerprint64(writerSchema),
                new SpecificDatumReader<>(writerSchema, schema, model));
    }

    private SpecificDatumReader<T> readerFor(String topic, byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new EventSerdeException(
                    "Invalid record on topic "
                            + topic
                            + ": "
                            + bytes.length
                            + " bytes that do not start with the Avro single-object marker C3 01");
        }
        if (bytes.length < HEADER_BYTES) {
            throw new EventSerdeException(
                    "Invalid record on topic "
                            + topic
                            + ": truncated header of "
                            + bytes.length
                            + " bytes ("
                            + HexFormat.of().formatHex(bytes)
                            + "); the marker and the 8-byte schema fingerprint take "
                            + HEADER_BYTES);
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        SpecificDatumReader<T> reader = readersByFingerprint.get(fingerprint);
        if (reader == null) {
            throw new UnknownSchemaException(
                    "Unknown schema fingerprint "
                            + hex(fingerprint)
                            + " for "
                            + schema.getFullName()
                            + " on topic "
                            + topic
                            + ": no shipped version of that record has it; the writer may be"
                            + " newer than this reader, or wrote another record type");
        }
        return reader;
    }

    private static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }
}
