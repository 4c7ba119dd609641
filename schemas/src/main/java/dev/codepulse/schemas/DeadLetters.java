package dev.codepulse.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The contract of the dead-letters topic: a record that a consumer could not process is copied
 * there with its original key, value and headers, plus headers that say where it came from and why
 * it failed. All added header values are UTF-8 strings.
 */
public final class DeadLetters {
    /** Topic the record was read from. */
    public static final String SOURCE_TOPIC_HEADER = "codepulse.dlt.source.topic";

    /** Partition the record was read from, in decimal. */
    public static final String SOURCE_PARTITION_HEADER = "codepulse.dlt.source.partition";

    /** Offset of the record in its partition, in decimal. */
    public static final String SOURCE_OFFSET_HEADER = "codepulse.dlt.source.offset";

    /** Fully qualified class name of the error. */
    public static final String ERROR_CLASS_HEADER = "codepulse.dlt.error.class";

    /** Error message, cut to {@link #MAX_MESSAGE_CHARS} characters. */
    public static final String ERROR_MESSAGE_HEADER = "codepulse.dlt.error.message";

    /** Id of the service instance that gave up on the record. */
    public static final String FAILED_BY_HEADER = "codepulse.dlt.failed.by";

    /** Longest error message copied into a header; longer ones are cut. */
    public static final int MAX_MESSAGE_CHARS = 1_000;

    private DeadLetters() {}

    /**
     * Builds the dead-letter record of a record that failed.
     *
     * @param deadLetterTopic name of the dead-letters topic, prefix included
     * @param failed the record as read, with its original bytes
     * @param error why it failed
     * @param failedBy id of the instance that gives up on it
     */
    public static ProducerRecord<byte[], byte[]> of(
            String deadLetterTopic,
            ConsumerRecord<byte[], byte[]> failed,
            Throwable error,
            String failedBy) {
        return of(
                deadLetterTopic,
                failed.topic(),
                failed.partition(),
                failed.offset(),
                failed.key(),
                failed.value(),
                failed.headers(),
                error,
                failedBy);
    }

    /**
     * Builds a dead-letter record from the parts of a failed record, for callers that do not hold a
     * {@link ConsumerRecord}, such as Kafka Streams handlers.
     */
    public static ProducerRecord<byte[], byte[]> of(
            String deadLetterTopic,
            String sourceTopic,
            int partition,
            long offset,
            byte[] key,
            byte[] value,
            Headers originalHeaders,
            Throwable error,
            String failedBy) {
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic can't be null");
        Objects.requireNonNull(error, "error can't be null");
        RecordHeaders headers = new RecordHeaders();
        if (originalHeaders != null) {
            for (Header header : originalHeaders) {
                headers.add(header);
            }
        }
        put(headers, SOURCE_TOPIC_HEADER, sourceTopic);
        put(headers, SOURCE_PARTITION_HEADER, Integer.toString(partition));
        put(headers, SOURCE_OFFSET_HEADER, Long.toString(offset));
        put(headers, ERROR_CLASS_HEADER, error.getClass().getName());
        put(headers, ERROR_MESSAGE_HEADER, cut(String.valueOf(error.getMessage())));
        put(headers, FAILED_BY_HEADER, failedBy == null ? "" : failedBy);
        return new ProducerRecord<>(deadLetterTopic, null, key, value, headers);
    }

    /** Returns the UTF-8 value of the last header with that name, or null. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static String cut(String message) {
        return message.length() <= MAX_MESSAGE_CHARS
                ? message
                : message.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
    }
}
