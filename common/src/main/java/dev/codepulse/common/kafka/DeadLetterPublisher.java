package dev.codepulse.common.kafka;

import dev.codepulse.schemas.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that a consumer cannot process to the dead-letters topic, with the headers of
 * {@link DeadLetters}, logs each at WARN and counts them in {@code codepulse.dead.letters}.
 *
 * <p>With a transactional producer the dead letter is part of the caller's transaction, so it is
 * published exactly when the consumed offset is committed.
 */
public final class DeadLetterPublisher {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final String deadLetterTopic;
    private final String instanceId;
    private final MeterRegistry registry;

    /**
     * @param deadLetterTopic name of the dead-letters topic, prefix included
     * @param instanceId id of this process, recorded in each dead letter
     */
    public DeadLetterPublisher(String deadLetterTopic, String instanceId, MeterRegistry registry) {
        this.deadLetterTopic =
                Objects.requireNonNull(deadLetterTopic, "deadLetterTopic can't be null");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId can't be null");
        this.registry = Objects.requireNonNull(registry, "registry can't be null");
    }

    /** Sends {@code failed} to the dead-letters topic through {@code producer}, without waiting. */
    public void publish(
            Producer<byte[], byte[]> producer,
            ConsumerRecord<byte[], byte[]> failed,
            Throwable error) {
        ProducerRecord<byte[], byte[]> record =
                DeadLetters.of(deadLetterTopic, failed, error, instanceId);
        producer.send(
                record,
                (metadata, exception) -> {
                    if (exception != null) {
                        log.error(
                                "Failed to publish dead letter topic={} partition={} offset={}",
                                failed.topic(),
                                failed.partition(),
                                failed.offset(),
                                exception);
                    }
                });
        count(failed.topic(), error);
        log.warn(
                "Skipped record sent to dead letters topic={} partition={} offset={} error={}",
                failed.topic(),
                failed.partition(),
                failed.offset(),
                error.toString());
    }

    /** Counts a dead letter sent by other means, such as a Kafka Streams handler. */
    public void count(String sourceTopic, Throwable error) {
        Counter.builder("codepulse.dead.letters")
                .description("Records sent to the dead-letters topic")
                .tag("source.topic", sourceTopic)
                .tag("error", error.getClass().getSimpleName())
                .register(registry)
                .increment();
    }

    /** Returns the total dead letters counted so far by this process. */
    public double total() {
        return registry.find("codepulse.dead.letters").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
