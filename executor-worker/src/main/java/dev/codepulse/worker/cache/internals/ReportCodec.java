package dev.codepulse.worker.cache.internals;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.serde.AvroSerde;
import dev.codepulse.schemas.serde.EventSerdes;

/**
 * Encodes cache entries as execution reports in Avro single-object encoding, which carries the
 * writer schema's fingerprint, so entries written by an older release still decode after a field is
 * added.
 */
public final class ReportCodec {
    // Only named in error messages: single-object encoding does not depend on a topic.
    private static final String CONTEXT = "result-cache";

    private final AvroSerde<ExecutionReport> serde =
            EventSerdes.singleObject().serde(ExecutionReport.class);

    /**
     * Returns the encoded report.
     *
     * @throws dev.codepulse.schemas.serde.EventSerdeException if the report cannot be encoded
     */
    public byte[] encode(ExecutionReport report) {
        return serde.serialize(CONTEXT, report);
    }

    /**
     * Returns a new report decoded from {@code bytes}.
     *
     * @throws dev.codepulse.schemas.serde.EventSerdeException if the bytes are not a report
     */
    public ExecutionReport decode(byte[] bytes) {
        return serde.deserialize(CONTEXT, bytes);
    }
}
