package dev.codepulse.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codepulse.common.config.ServiceConfig;
import dev.codepulse.common.kafka.TopicProvisioner;
import dev.codepulse.schemas.ActionStatus;
import dev.codepulse.schemas.OptimizerAction;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.AvroSerde;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.testsupport.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TtlActionListenerIT {
    private final AvroSerde<OptimizerAction> serde =
            EventSerdes.singleObject().serde(OptimizerAction.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<OptimizerAction> seen = new ArrayList<>();
    private String prefix;
    private String topic;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> reader;

    @BeforeEach
    void createTopic() throws Exception {
        prefix = TestKafka.uniquePrefix("cache-ttl");
        ServiceConfig config = config("worker-it-1");
        topic = config.topic(Topics.OPTIMIZER_ACTIONS).name();
        try (Admin admin = TestKafka.admin()) {
            new TopicProvisioner(admin, config).ensure(List.of(Topics.OPTIMIZER_ACTIONS));
        }
        producer = new KafkaProducer<>(TestKafka.producerProperties());
        reader = new KafkaConsumer<>(TestKafka.consumerProperties());
        reader.subscribe(List.of(topic));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        producer.close();
        reader.close();
    }

    @Test
    void shouldApplyAndAcknowledgeTtlActions() {
        send(request("a0", "python", 120_000));
        ResultCache cache = cache();
        TtlActionListener listener = listener("worker-it-1", cache);

        listener.start();

        assertThat(listener.awaitReplay(Duration.ofSeconds(30))).isTrue();
        assertThat(cache.ttl("python")).isEqualTo(Duration.ofMinutes(2));
        assertThat(awaitAck("a0", "worker-it-1").getStatus()).isEqualTo(ActionStatus.APPLIED);

        send(request("a1", "java", 300_000));
        OptimizerAction applied = awaitAck("a1", "worker-it-1");
        assertThat(applied.getStatus()).isEqualTo(ActionStatus.APPLIED);
        assertThat(applied.getPreviousValue()).isEqualTo(3_600_000);
        assertThat(applied.getNewValue()).isEqualTo(300_000);
        assertThat(cache.ttl("java")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ttlGaugeSeconds("java")).isEqualTo(300.0);

        send(request("a2", "java", 10));
        OptimizerAction rejected = awaitAck("a2", "worker-it-1");
        assertThat(rejected.getStatus()).isEqualTo(ActionStatus.REJECTED);
        assertThat(rejected.getReason())
                .contains("10 ms")
                .contains("outside this worker's bounds [60000, 604800000] ms");
        assertThat(rejected.getNewValue()).isEqualTo(10);
        assertThat(cache.ttl("java")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldRestoreTtlsOfRunningWorkersAtStart() {
        send(request("b1", "java", 300_000));
        send(request("b2", "java", 10));
        send(request("b3", "cpp", 900_000));
        send(acknowledgement(request("b0", "c", 240_000), "worker-gone"));
        ResultCache cache = cache();
        TtlActionListener listener = listener("worker-it-2", cache);

        listener.start();

        assertThat(listener.awaitReplay(Duration.ofSeconds(30))).isTrue();
        assertThat(cache.ttl("java")).isEqualTo(Duration.ofMinutes(5));
        assertThat(cache.ttl("cpp")).isEqualTo(Duration.ofMinutes(15));
        assertThat(cache.ttl("c")).isEqualTo(Duration.ofMinutes(4));
        assertThat(awaitAck("b2", "worker-it-2").getStatus()).isEqualTo(ActionStatus.REJECTED);
        assertThat(awaitAck("b3", "worker-it-2").getStatus()).isEqualTo(ActionStatus.APPLIED);
    }

    @Test
    void shouldSkipUndecodableRecords() {
        producer.send(
                new ProducerRecord<>(
                        topic,
                        "python".getBytes(StandardCharsets.UTF_8),
                        "not avro".getBytes(StandardCharsets.UTF_8)));
        send(request("c1", "python", 180_000));
        ResultCache cache = cache();
        TtlActionListener listener = listener("worker-it-3", cache);

        listener.start();

        assertThat(listener.awaitReplay(Duration.ofSeconds(30))).isTrue();
        assertThat(cache.ttl("python")).isEqualTo(Duration.ofMinutes(3));
        assertThat(registry.get("codepulse.cache.ttl.actions.skipped").counter().count())
                .isEqualTo(1.0);
    }

    private OptimizerAction awaitAck(String id, String worker) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> findAck(id, worker), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<OptimizerAction> findAck(String id, String worker) {
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
            try {
                OptimizerAction action = serde.deserialize(topic, record.value());
                assertThat(new String(record.key(), StandardCharsets.UTF_8))
                        .isEqualTo(action.getTarget());
                seen.add(action);
            } catch (RuntimeException e) {
                // The undecodable record of one test.
            }
        }
        return seen.stream()
                .filter(a -> a.getId().equals(id) && a.getIssuedBy().equals(worker))
                .filter(a -> a.getStatus() != ActionStatus.REQUESTED)
                .findFirst();
    }

    private double ttlGaugeSeconds(String language) {
        return registry.get("codepulse.cache.ttl")
                .tag("language", language)
                .timeGauge()
                .value(TimeUnit.SECONDS);
    }

    private void send(OptimizerAction action) {
        byte[] key = action.getTarget().getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(topic, key, serde.serialize(topic, action))).get();
        } catch (Exception e) {
            throw new IllegalStateException("Failed to send " + action.getId(), e);
        }
    }

    private static OptimizerAction request(String id, String language, long ttlMs) {
        return OptimizerAction.newBuilder()
                .setId(id)
                .setType("cache-ttl")
                .setTarget(language)
                .setParameter("cache.ttl.ms")
                .setPreviousValue(3_600_000)
                .setNewValue(ttlMs)
                .setMinValue(60_000)
                .setMaxValue(86_400_000)
                .setStatus(ActionStatus.REQUESTED)
                .setReason("cache hit rate below expectation")
                .setIssuedBy("optimizer")
                .setIssuedAt(Instant.now())
                .build();
    }

    private static OptimizerAction acknowledgement(OptimizerAction request, String worker) {
        return OptimizerAction.newBuilder(request)
                .setStatus(ActionStatus.APPLIED)
                .setIssuedBy(worker)
                .build();
    }

    private ResultCache cache() {
        ResultCache cache =
                ResultCache.create(new CacheConfig(Fixtures.localOnly()), "w", registry);
        resources.add(cache);
        return cache;
    }

    private TtlActionListener listener(String instanceId, ResultCache cache) {
        TtlActionListener listener = new TtlActionListener(config(instanceId), cache, registry);
        resources.add(0, listener);
        return listener;
    }

    private ServiceConfig config(String instanceId) {
        return new TestServiceConfig(
                Map.of(
                        "bootstrap.servers", TestKafka.bootstrapServers(),
                        "topic.prefix", prefix,
                        "instance.id", instanceId));
    }
}
