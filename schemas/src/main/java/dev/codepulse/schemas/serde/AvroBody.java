package dev.codepulse.schemas.serde;

import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;

/** Decoding of the Avro binary body that follows a wire-format header. */
final class AvroBody {
    private AvroBody() {}

    /**
     * Reads one record from {@code bytes[offset..]}, which must hold exactly one record.
     *
     * <p>The decoder reads the array itself rather than a stream, so Avro checks every length
     * prefix against the bytes actually present: a corrupt length fails with an exception instead
     * of allocating what it claims.
     *
     * @throws IOException if the bytes end early or bytes are left after the record
     */
    static <T> T read(DatumReader<T> reader, byte[] bytes, int offset) throws IOException {
        BinaryDecoder decoder =
                DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, null);
        T record = reader.read(null, decoder);
        if (!decoder.isEnd()) {
            throw new IOException(
                    decoder.remainingBytes()
                            + " bytes left after the record, so the bytes are corrupt or were"
                            + " written with another schema");
        }
        return record;
    }
}
