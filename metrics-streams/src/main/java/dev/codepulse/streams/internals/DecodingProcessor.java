package dev.codepulse.streams.internals;

import dev.codepulse.schemas.DeadLetters;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the raw bytes of an input topic inside the topology, so that a record that fails to
 * decode or to validate never stops the application: it is forwarded as {@link Decoded.Rejected}
 * with its original bytes and the dead-letter headers (source topic, partition, offset, error) for
 * the dead-letters sink, in the same transaction as the consumed offset.
 *
 * @param <V> decoded value type
 */
public final class DecodingProcessor<V> implements Processor<byte[], byte[], String, Decoded<V>> {
    private static final Logger log = LoggerFactory.getLogger(DecodingProcessor.class);

    private final EventReader<V> reader;
    private final String deadLetterTopic;
    private final String instanceId;
    private final AggregationMetrics metrics;
    private final String stream;
    private final WarnLimiter warnings = new WarnLimiter(1_000);
    private ProcessorContext<String, Decoded<V>> context;

    /**
     * @param deadLetterTopic dead-letters topic name, prefix included, for the headers
     * @param stream label of the input in metrics, such as reports
     */
    public DecodingProcessor(
            EventReader<V> reader,
            String deadLetterTopic,
            String instanceId,
            AggregationMetrics metrics,
            String stream) {
        this.reader = Objects.requireNonNull(reader, "reader can't be null");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId can't be null");
        this.metrics = Objects.requireNonNull(metrics, "metrics can't be null");
        this.stream = Objects.requireNonNull(stream, "stream can't be null");
    }

    @Override
    public void init(ProcessorContext<String, Decoded<V>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        KeyValue<String, V> decoded;
        try {
            decoded = reader.read(source.topic(), record.value());
        } catch (RuntimeException e) {
            reject(record, source, e);
            return;
        }
        // Downstream needs no original headers; dropping them keeps repartition records small.
        context.forward(
                new Record<String, Decoded<V>>(
                        decoded.key,
                        new Decoded.Valid<>(decoded.value),
                        record.timestamp(),
                        new RecordHeaders()));
    }

    private void reject(
            Record<byte[], byte[]> record, RecordMetadata source, RuntimeException error) {
        ProducerRecord<byte[], byte[]> deadLetter =
                DeadLetters.of(
                        deadLetterTopic,
                        source.topic(),
                        source.partition(),
                        source.offset(),
                        record.key(),
                        record.value(),
                        record.headers(),
                        error,
                        instanceId);
        metrics.deadLettered(stream, source.topic(), error);
        long suppressed = warnings.tryAcquire(context.currentSystemTimeMs());
        if (suppressed >= 0) {
            log.warn(
                    "Skipped record sent to dead letters topic={} partition={} offset={} error={}"
                            + " suppressedSinceLastWarning={}",
                    source.topic(),
                    source.partition(),
                    source.offset(),
                    error.toString(),
                    suppressed);
        }
        context.forward(
                new Record<String, Decoded<V>>(
                        null,
                        new Decoded.Rejected<>(record.key(), record.value()),
                        record.timestamp(),
                        deadLetter.headers()));
    }
}
