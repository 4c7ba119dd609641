package dev.codepulse.worker.pipeline;

import dev.codepulse.common.kafka.DeadLetterPublisher;
import dev.codepulse.profiler.Profiler;
import dev.codepulse.schemas.CacheOutcome;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.Limits;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.testsupport.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Topics, clients and records for pipeline tests on the shared test broker. */
final class PipelineHarness {
    static final EventSerdes SERDES = EventSerdes.singleObject();

    final String submissions;
    final String reports;
    final String deadLetters;
    final String group;

    PipelineHarness(String testName, int partitions) throws Exception {
        String prefix = TestKafka.uniquePrefix(testName);
        submissions = prefix + "submissions";
        reports = prefix + "execution-reports";
        deadLetters = prefix + "dead-letters";
        group = prefix + "workers";
        TestKafka.createTopics(
                List.of(
                        new NewTopic(submissions, partitions, (short) 1),
                        new NewTopic(reports, partitions, (short) 1),
                        new NewTopic(deadLetters, 1, (short) 1)));
    }

    SubmissionPipeline pipeline(String workerId, SubmissionHandler handler, int slots) {
        Properties consumerProperties = TestKafka.consumerProperties();
        consumerProperties.put("group.id", group);
        consumerProperties.put("enable.auto.commit", "false");
        consumerProperties.put("max.poll.records", "20");
        Properties producerProperties = TestKafka.producerProperties();
        producerProperties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-" + workerId);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SubmissionPipeline.Dependencies dependencies =
                new SubmissionPipeline.Dependencies(
                        new KafkaConsumer<>(consumerProperties),
                        new KafkaProducer<>(producerProperties),
                        submissions,
                        reports,
                        SERDES.serde(Submission.class),
                        SERDES.serde(ExecutionReport.class),
                        handler,
                        (submission, context, reason) ->
                                report(submission, Verdict.INTERNAL_ERROR, reason),
                        new DeadLetterPublisher(deadLetters, workerId, registry),
                        new PipelineMetrics(registry),
                        timers(registry));
        return new SubmissionPipeline(
                dependencies,
                new PipelineSettings(
                        slots, slots * 4, Duration.ofMillis(100), Duration.ofSeconds(10), 5));
    }

    // A profiler that publishes to a mock producer: the pipeline's timing is not under test here.
    private static PipelineTimers timers(SimpleMeterRegistry registry) {
        Profiler profiler =
                Profiler.start(
                        Map.of(),
                        new MockProducer<>(
                                true,
                                null,
                                new StringSerializer(),
                                SERDES.serde(FunctionSample.class)),
                        registry);
        return new PipelineTimers(
                profiler.timer("worker.poll"),
                profiler.timer("worker.decode"),
                profiler.timer("worker.publish"));
    }

    void send(List<Submission> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(TestKafka.producerProperties())) {
            for (Submission submission : values) {
                producer.send(
                        new ProducerRecord<>(
                                submissions,
                                submission.getId().getBytes(StandardCharsets.UTF_8),
                                SERDES.serde(Submission.class).serialize(submissions, submission)));
            }
            producer.flush();
        }
    }

    void sendRaw(byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(TestKafka.producerProperties())) {
            producer.send(
                            new ProducerRecord<>(
                                    submissions, 0, "raw".getBytes(StandardCharsets.UTF_8), value))
                    .get();
        }
    }

    /**
     * Reads every committed record of a topic that arrives until {@code expected} are read or the
     * time is up.
     */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(
            String topic, int expected, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(TestKafka.consumerProperties())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // Read a little longer, so that duplicates beyond the expected count would show.
            long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    static List<Submission> submissions(int count) {
        List<Submission> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(submission("s-" + i + "-" + UUID.randomUUID()));
        }
        return values;
    }

    static Submission submission(String id) {
        return Submission.newBuilder()
                .setId(id)
                .setProblemId("sum")
                .setLanguage("python")
                .setSource("print(sum(map(int, input().split())))")
                .setTests(List.of(new TestCase("t1", "1 2\n", "3\n")))
                .setLimits(new Limits(1000, 2000, 64L << 20, 1L << 20))
                .setCheckerMode(CheckerMode.NORMALIZED)
                .setSubmittedAt(Instant.now())
                .setAttributes(Map.of())
                .build();
    }

    static ExecutionReport report(Submission submission, Verdict verdict, String reason) {
        Instant now = Instant.now();
        return ExecutionReport.newBuilder()
                .setSubmissionId(submission.getId())
                .setProblemId(submission.getProblemId())
                .setLanguage(submission.getLanguage())
                .setVerdict(verdict)
                .setReason(reason)
                .setTests(List.of())
                .setQueueMs(0)
                .setProcessingMicros(0)
                .setCache(new CacheOutcome(false, CacheTier.NONE, 0L, false))
                .setToolchain("")
                .setWorkerId("test")
                .setIsolationLevel(IsolationLevel.NONE)
                .setStartedAt(now)
                .setCompletedAt(now)
                .build();
    }
}
