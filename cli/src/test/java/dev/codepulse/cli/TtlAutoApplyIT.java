package dev.codepulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.optimizer.OptimizerService;
import dev.codepulse.schemas.ActionStatus;
import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.Limits;
import dev.codepulse.schemas.OptimizerAction;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.streams.MetricsStreamsConfig;
import dev.codepulse.streams.MetricsStreamsService;
import dev.codepulse.testsupport.TestKafka;
import dev.codepulse.testsupport.TestRedis;
import dev.codepulse.worker.ExecutorWorker;
import dev.codepulse.worker.WorkerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With automatic cache-TTL changes enabled, a low hit rate for one language travels from the
 * worker's reports through metrics-streams and the optimizer back to the running worker, which
 * changes that language's TTL within its bounds and shows it in its metrics.
 */
class TtlAutoApplyIT {
    private static final long DEFAULT_TTL_MS = 3_600_000;

    @Test
    void shouldRaiseTtlOfLanguageWithLowHitRate(@TempDir Path directory) throws Exception {
        String prefix = TestKafka.uniquePrefix("ttl-auto");
        AtomicBoolean posting = new AtomicBoolean(true);

        try (ExecutorWorker worker = ExecutorWorker.start(new WorkerConfig(workerConfig(prefix)));
                MetricsStreamsService streams =
                        MetricsStreamsService.start(
                                new MetricsStreamsConfig(streamsConfig(prefix, directory)));
                OptimizerService optimizer =
                        new OptimizerService(
                                        new OptimizerConfig(optimizerConfig(prefix, directory)))
                                .start()) {
            Thread poster =
                    new Thread(() -> postUniqueSubmissions(prefix, posting), "ttl-auto-poster");
            poster.start();
            try {
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> ttlOf(worker, "python") != DEFAULT_TTL_MS);
            } finally {
                posting.set(false);
                poster.join();
            }

            String metrics = get("http://127.0.0.1:" + worker.httpPort() + "/metrics");

            assertThat(ttlOf(worker, "python")).isEqualTo(2 * DEFAULT_TTL_MS);
            assertThat(metrics)
                    .containsPattern(
                            "codepulse_cache_ttl_seconds\\{[^}]*language=\"python\"[^}]*\\} 7200\\.0");
            List<OptimizerAction> actions = actions(prefix);
            assertThat(actions)
                    .anySatisfy(
                            action -> {
                                assertThat(action.getStatus()).isEqualTo(ActionStatus.REQUESTED);
                                assertThat(action.getTarget()).isEqualTo("python");
                                assertThat(action.getNewValue()).isEqualTo(2 * DEFAULT_TTL_MS);
                                assertThat(action.getNewValue())
                                        .isBetween(action.getMinValue(), action.getMaxValue());
                            });
            assertThat(actions)
                    .anySatisfy(
                            action -> {
                                assertThat(action.getStatus()).isEqualTo(ActionStatus.APPLIED);
                                assertThat(action.getIssuedBy()).isEqualTo("ttl-worker");
                            });
        }
    }

    private static long ttlOf(ExecutorWorker worker, String language) {
        @SuppressWarnings("unchecked")
        Map<String, Long> ttls = (Map<String, Long>) worker.status().get("cacheTtlMs");
        return ttls.getOrDefault(language, DEFAULT_TTL_MS);
    }

    // Every source is new, so every submission misses the cache: the hit rate stays at zero.
    private static void postUniqueSubmissions(String prefix, AtomicBoolean posting) {
        EventSerdes serdes = EventSerdes.singleObject();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(TestKafka.producerProperties())) {
            int number = 0;
            while (posting.get()) {
                Submission submission =
                        Submission.newBuilder()
                                .setId(UUID.randomUUID().toString())
                                .setProblemId("sum")
                                .setLanguage("python")
                                .setSource("print(7)  # " + number++ + "\n")
                                .setTests(List.of(new TestCase("t", "", "7\n")))
                                .setLimits(new Limits(1_000, 2_000, 64L << 20, 1L << 20))
                                .setCheckerMode(CheckerMode.NORMALIZED)
                                .setSubmittedAt(Instant.now())
                                .setAttributes(Map.of())
                                .build();
                producer.send(
                        new ProducerRecord<>(
                                prefix + "submissions",
                                submission.getId().getBytes(StandardCharsets.UTF_8),
                                serdes.serde(Submission.class)
                                        .serialize(prefix + "submissions", submission)));
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<OptimizerAction> actions(String prefix) {
        EventSerdes serdes = EventSerdes.singleObject();
        List<OptimizerAction> actions = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(TestKafka.consumerProperties())) {
            consumer.subscribe(List.of(prefix + "optimizer-actions"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    actions.add(
                            serdes.serde(OptimizerAction.class)
                                    .deserialize(record.topic(), record.value()));
                }
            }
        }
        return actions;
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static Map<String, Object> common(String prefix, String instanceId) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", TestKafka.bootstrapServers());
        config.put("topic.prefix", prefix);
        config.put("topic.partitions", "2");
        config.put("instance.id", instanceId);
        config.put("http.port", "0");
        return config;
    }

    private static Map<String, Object> workerConfig(String prefix) {
        Map<String, Object> config = common(prefix, "ttl-worker");
        config.put("worker.group.id", prefix + "workers");
        config.put("languages", "python");
        config.put("executor.slots", "2");
        config.put("sandbox.uid.first", "64200");
        config.put("cache.redis.url", TestRedis.sharedUrl());
        return config;
    }

    private static Map<String, Object> streamsConfig(String prefix, Path directory) {
        Map<String, Object> config = common(prefix, "ttl-streams");
        config.put("application.id", prefix + "streams");
        config.put("state.dir", directory.resolve("streams").toString());
        config.put("window.size.ms", "5000");
        config.put("window.grace.ms", "1000");
        config.put("window.idle.close.ms", "1000");
        return config;
    }

    private static Map<String, Object> optimizerConfig(String prefix, Path directory) {
        Map<String, Object> config = common(prefix, "ttl-optimizer");
        config.put("optimizer.application.id", prefix + "optimizer");
        config.put("optimizer.state.dir", directory.resolve("optimizer").toString());
        config.put("optimizer.window.settle.ms", "1000");
        config.put("rule.cache.hit.rate.min.samples", "5");
        config.put("action.cache.ttl.enabled", "true");
        return config;
    }
}
