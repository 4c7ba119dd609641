package dev.codepulse.optimizer.internals.streams;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Headers the router adds to the records it passes to the evaluator. */
final class Inputs {
    /** Kind of the record: {@link #LANGUAGE}, {@link #FUNCTION} or {@link #ACKNOWLEDGEMENT}. */
    static final String KIND_HEADER = "codepulse.optimizer.input.kind";

    /** Source of the record: topic/partition/offset. */
    static final String SOURCE_HEADER = "codepulse.optimizer.input.source";

    static final String LANGUAGE = "language";
    static final String FUNCTION = "function";
    static final String ACKNOWLEDGEMENT = "acknowledgement";

    private Inputs() {}

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? ""
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
