package dev.codepulse.streams.internals;

import dev.codepulse.schemas.DeadLetters;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence against poison records, for failures the decoding processors do not
 * catch: a record whose processing throws, or whose bytes on an internal topic do not decode, is
 * sent to the dead-letters topic with the {@link DeadLetters} headers and processing continues.
 * Kafka Streams produces the dead letter in the task's transaction.
 *
 * <p>Kafka Streams creates the handler from configuration; {@link #configure(Map)} reads {@link
 * #DEAD_LETTER_TOPIC_CONFIG}, {@link #INSTANCE_ID_CONFIG} and, when present, an {@link
 * AggregationMetrics} under {@link #METRICS_CONFIG}.
 */
public final class DeadLetterExceptionHandler
        implements ProcessingExceptionHandler, DeserializationExceptionHandler {
    /** Configuration key of the dead-letters topic name. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "codepulse.dead.letters.topic";

    /** Configuration key of the instance id written into each dead letter. */
    public static final String INSTANCE_ID_CONFIG = "codepulse.instance.id";

    /** Configuration key of the {@link AggregationMetrics} object that counts dead letters. */
    public static final String METRICS_CONFIG = "codepulse.aggregation.metrics";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

    private String deadLetterTopic;
    private String instanceId;
    private AggregationMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DEAD_LETTER_TOPIC_CONFIG);
        if (topic == null) {
            throw new IllegalArgumentException(
                    "Missing " + DEAD_LETTER_TOPIC_CONFIG + " in the Kafka Streams configuration");
        }
        deadLetterTopic = topic.toString();
        Object instance = configs.get(INSTANCE_ID_CONFIG);
        instanceId = instance == null ? "" : instance.toString();
        metrics =
                configs.get(METRICS_CONFIG) instanceof AggregationMetrics configured
                        ? configured
                        : null;
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return ProcessingExceptionHandler.Response.resume(deadLetter(context, exception));
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(
            ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        return DeserializationExceptionHandler.Response.resume(deadLetter(context, exception));
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(
            ErrorHandlerContext context, Exception exception) {
        log.warn(
                "Skipped record sent to dead letters topic={} partition={} offset={} processor={}"
                        + " error={}",
                context.topic(),
                context.partition(),
                context.offset(),
                context.processorNodeId(),
                exception.toString());
        if (metrics != null) {
            metrics.deadLettered("unhandled", context.topic(), exception);
        }
        return List.of(
                DeadLetters.of(
                        deadLetterTopic,
                        context.topic(),
                        context.partition(),
                        context.offset(),
                        context.sourceRawKey(),
                        context.sourceRawValue(),
                        context.headers(),
                        exception,
                        instanceId));
    }
}
