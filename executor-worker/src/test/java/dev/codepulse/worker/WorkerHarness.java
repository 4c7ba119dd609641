package dev.codepulse.worker;

import static org.awaitility.Awaitility.await;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.serde.AvroSerde;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.testsupport.TestKafka;
import dev.codepulse.testsupport.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;

/** Worker configuration, submissions and report reading against the shared test broker. */
final class WorkerHarness {
    private static final EventSerdes SERDES = EventSerdes.singleObject();
    private static final AvroSerde<Submission> SUBMISSIONS = SERDES.serde(Submission.class);
    private static final AvroSerde<ExecutionReport> REPORTS = SERDES.serde(ExecutionReport.class);

    final String prefix;

    WorkerHarness(String testName) {
        this.prefix = TestKafka.uniquePrefix(testName);
    }

    /** Returns a worker configuration on the test broker and Redis, with the given overrides. */
    Map<String, Object> config(String instanceId, int firstUid, Map<String, Object> overrides) {
        TestExecutors.requireRealSandbox();
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", TestKafka.bootstrapServers());
        config.put("topic.prefix", prefix);
        config.put("topic.partitions", "6");
        config.put("instance.id", instanceId);
        config.put("http.port", "0");
        config.put("worker.group.id", prefix + "workers");
        config.put("executor.slots", "2");
        config.put("sandbox.uid.first", Integer.toString(firstUid));
        config.put("cache.redis.url", TestRedis.sharedUrl());
        config.putAll(overrides);
        return config;
    }

    /**
     * Waits until the worker group is stable with {@code members} members, each with partitions.
     */
    void awaitWorkers(int members, Duration timeout) {
        String group = prefix + "workers";
        try (Admin admin = TestKafka.admin()) {
            // The group does not exist until the first worker joins.
            await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(ExecutionException.class)
                    .until(
                            () -> {
                                ConsumerGroupDescription description =
                                        admin.describeConsumerGroups(List.of(group))
                                                .describedGroups()
                                                .get(group)
                                                .get();
                                return description.groupState() == GroupState.STABLE
                                        && description.members().size() == members
                                        && description.members().stream()
                                                .allMatch(
                                                        member ->
                                                                !member.assignment()
                                                                        .topicPartitions()
                                                                        .isEmpty());
                            });
        }
    }

    /** Posts submissions and waits until the broker has acknowledged every one. */
    void send(List<Submission> submissions) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(TestKafka.producerProperties())) {
            List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
            for (Submission submission : submissions) {
                acknowledgements.add(
                        producer.send(
                                new ProducerRecord<>(
                                        prefix + "submissions",
                                        submission.getId().getBytes(StandardCharsets.UTF_8),
                                        SUBMISSIONS.serialize(
                                                prefix + "submissions", submission))));
            }
            for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                acknowledgement.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("Failed to post submissions to " + prefix + "submissions", e);
        }
    }

    void sendRaw(byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(TestKafka.producerProperties())) {
            producer.send(
                    new ProducerRecord<>(
                            prefix + "submissions", "raw".getBytes(StandardCharsets.UTF_8), value));
            producer.flush();
        }
    }

    /**
     * Reads committed reports until {@code expected} distinct submissions have one or the time is
     * up, then keeps reading two more seconds so that duplicates would show.
     */
    List<ExecutionReport> reports(int expected, Duration timeout) {
        return read(prefix + "execution-reports", expected, timeout).stream()
                .map(record -> REPORTS.deserialize(record.topic(), record.value()))
                .toList();
    }

    List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(TestKafka.consumerProperties())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (distinctKeys(records) < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static long distinctKeys(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(record -> new String(record.key(), StandardCharsets.UTF_8))
                .distinct()
                .count();
    }
}
