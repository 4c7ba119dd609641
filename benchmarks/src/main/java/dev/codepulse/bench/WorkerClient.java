package dev.codepulse.bench;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.AvroSerde;
import dev.codepulse.schemas.serde.EventSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Posts submissions to one worker's topic prefix and reads the reports it commits, as a {@code
 * read_committed} consumer from the start of the reports topic. Create it after the worker has
 * started, so that the topics exist. Not thread-safe.
 */
final class WorkerClient implements AutoCloseable {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(20);

    private final String submissionsTopic;
    private final String reportsTopic;
    private final EventSerdes serdes = EventSerdes.singleObject();
    private final AvroSerde<Submission> submissionSerde = serdes.serde(Submission.class);
    private final AvroSerde<ExecutionReport> reportSerde = serdes.serde(ExecutionReport.class);
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, ExecutionReport> unclaimed = new HashMap<>();

    WorkerClient(String bootstrapServers, String prefix) {
        this.submissionsTopic = Topics.SUBMISSIONS.withPrefix(prefix).name();
        this.reportsTopic = Topics.EXECUTION_REPORTS.withPrefix(prefix).name();
        this.producer = producer(bootstrapServers);
        this.consumer = consumer(bootstrapServers);
        List<TopicPartition> partitions =
                consumer.partitionsFor(reportsTopic).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Sends a submission without waiting for the broker; call {@link #flush()} to wait. */
    void post(Submission submission) {
        producer.send(
                new ProducerRecord<>(
                        submissionsTopic,
                        submission.getId().getBytes(StandardCharsets.UTF_8),
                        submissionSerde.serialize(submissionsTopic, submission)));
    }

    void flush() {
        producer.flush();
    }

    /**
     * Waits for the committed report of one submission; reports of other submissions read on the
     * way are kept for later calls.
     *
     * @throws TimeoutException if no report arrives within {@code timeout}
     */
    ExecutionReport awaitReport(String submissionId, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!unclaimed.containsKey(submissionId)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "Timed out after "
                                + timeout
                                + " waiting for the report of submission "
                                + submissionId);
            }
            pollOnce(report -> unclaimed.put(report.getSubmissionId(), report));
        }
        return unclaimed.remove(submissionId);
    }

    /** Polls the reports topic once and passes every report read to {@code sink}. */
    void pollOnce(Consumer<ExecutionReport> sink) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
            sink.accept(reportSerde.deserialize(record.topic(), record.value()));
        }
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
        serdes.close();
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(
                properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(
                properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
