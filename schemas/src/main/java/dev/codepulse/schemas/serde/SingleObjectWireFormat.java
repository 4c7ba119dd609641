package dev.codepulse.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
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
    private static final int HEADER_BYTES = 10;

    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public SingleObjectWireFormat(Class<T> type) {
        AvroTrust.install();
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        for (Schema older : SchemaCatalog.olderVersions(schema.getFullName())) {
            decoder.addSchema(older);
        }
    }

    @Override
    public byte[] encode(String topic, T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException | ClassCastException e) {
            throw new EventSerdeException(
                    "Failed to encode " + schema.getName() + " for topic " + topic + ": " + e, e);
        }
    }

    @Override
    public T decode(String topic, byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new UnknownSchemaException(
                    "Unknown schema fingerprint "
                            + fingerprintHex(bytes)
                            + " for "
                            + schema.getFullName()
                            + " on topic "
                            + topic
                            + ": no shipped version of that record has it; the writer may be"
                            + " newer than this reader, or wrote another record type",
                    e);
        } catch (BadHeaderException e) {
            throw new EventSerdeException(
                    "Invalid record on topic "
                            + topic
                            + ": "
                            + bytes.length
                            + " bytes without the Avro single-object marker C3 01",
                    e);
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
        return String.format("%016x", SchemaNormalization.parsingFingerprint64(schema));
    }

    private static String fingerprintHex(byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            return "(truncated header: " + HexFormat.of().formatHex(bytes) + ")";
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return String.format("%016x", fingerprint);
    }
}
