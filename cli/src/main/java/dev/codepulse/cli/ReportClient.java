package dev.codepulse.cli;

import dev.codepulse.common.config.ServiceConfig;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.Topic;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Posts submissions and reads their reports. Before posting, it positions a consumer at the end of
 * the report partition the submission id maps to, so a fast worker's report is never missed.
 */
final class ReportClient implements AutoCloseable {
    private final KafkaProducer<String, Submission> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topic<String, Submission> submissions;
    private final Topic<String, ExecutionReport> reports;
    private final EventSerdes serdes;

    ReportClient(ServiceConfig config, EventSerdes serdes) {
        this.serdes = serdes;
        this.submissions = config.topic(Topics.SUBMISSIONS);
        this.reports = config.topic(Topics.EXECUTION_REPORTS);
        this.producer =
                new KafkaProducer<>(
                        config.clientProperties(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                        new StringSerializer(),
                        submissions.valueSerde(serdes).serializer());
        this.consumer =
                new KafkaConsumer<>(
                        config.clientProperties(
                                Map.of(
                                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
    }

    /** Posts a submission and waits until it is acknowledged by the broker. */
    void send(Submission submission) {
        try {
            producer.send(new ProducerRecord<>(submissions.name(), submission.getId(), submission))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "Interrupted while posting submission " + submission.getId(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Failed to post submission "
                            + submission.getId()
                            + " to "
                            + submissions.name()
                            + ": "
                            + e.getCause(),
                    e.getCause());
        }
    }

    /**
     * Posts a submission and returns its report, or empty when none arrives within {@code timeout}.
     */
    Optional<ExecutionReport> submitAndWait(Submission submission, Duration timeout) {
        TopicPartition partition = reportPartition(submission.getId());
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
        send(submission);
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] key = submission.getId().getBytes(StandardCharsets.UTF_8);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (java.util.Arrays.equals(record.key(), key)) {
                    return Optional.of(
                            reports.valueSerde(serdes)
                                    .deserializer()
                                    .deserialize(record.topic(), record.value()));
                }
            }
        }
        return Optional.empty();
    }

    // The worker keys reports by submission id with the default partitioner, so the report of a
    // submission lands on murmur2(id) modulo the partition count.
    private TopicPartition reportPartition(String submissionId) {
        List<PartitionInfo> partitions =
                consumer.partitionsFor(reports.name(), Duration.ofSeconds(30));
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException(
                    "Topic "
                            + reports.name()
                            + " not found; start a worker first or check --topic-prefix");
        }
        byte[] key = submissionId.getBytes(StandardCharsets.UTF_8);
        return new TopicPartition(
                reports.name(), Utils.toPositive(Utils.murmur2(key)) % partitions.size());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
