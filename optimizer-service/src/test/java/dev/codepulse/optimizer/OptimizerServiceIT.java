package dev.codepulse.optimizer;

import static dev.codepulse.optimizer.Aggregates.language;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codepulse.schemas.DeadLetters;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.HealthScore;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.Recommendation;
import dev.codepulse.schemas.RecommendationState;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.testsupport.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizerServiceIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir Path stateDir;

    private final EventSerdes serdes = EventSerdes.singleObject();
    private String prefix;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void createProducer() {
        prefix = TestKafka.uniquePrefix("optimizer-it");
        producer = new KafkaProducer<>(TestKafka.producerProperties());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    private OptimizerConfig config(String instance) {
        Map<String, String> properties = new HashMap<>();
        properties.put(OptimizerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        properties.put(OptimizerConfig.TOPIC_PREFIX_CONFIG, prefix);
        properties.put(OptimizerConfig.TOPIC_PARTITIONS_CONFIG, "3");
        properties.put(OptimizerConfig.INSTANCE_ID_CONFIG, instance);
        properties.put(OptimizerConfig.HTTP_PORT_CONFIG, "0");
        properties.put(OptimizerConfig.WINDOW_SETTLE_MS_CONFIG, "1000");
        properties.put(OptimizerConfig.PUNCTUATE_INTERVAL_MS_CONFIG, "200");
        properties.put(OptimizerConfig.STATE_DIR_CONFIG, stateDir.resolve(instance).toString());
        return new OptimizerConfig(properties);
    }

    private OptimizerService startService(String instance) {
        OptimizerService service = new OptimizerService(config(instance)).start();
        await().atMost(TIMEOUT).until(service::isRunning);
        return service;
    }

    private void send(String topic, String key, byte[] value)
            throws InterruptedException, ExecutionException {
        producer.send(
                        new ProducerRecord<>(
                                prefix + topic, key.getBytes(StandardCharsets.UTF_8), value))
                .get();
    }

    private void send(LanguageStats stats) throws InterruptedException, ExecutionException {
        send(
                "language-stats",
                stats.getLanguage() + "@" + stats.getWindowStart(),
                serdes.serde(LanguageStats.class).serialize("language-stats", stats));
    }

    private void send(FunctionStats stats) throws InterruptedException, ExecutionException {
        send(
                "function-stats",
                stats.getFunction() + "@" + stats.getWindowStart(),
                serdes.serde(FunctionStats.class).serialize("function-stats", stats));
    }

    private TopicReader<Recommendation> recommendations() {
        return new TopicReader<>(
                prefix + "recommendations",
                record ->
                        serdes.serde(Recommendation.class)
                                .deserialize(record.topic(), record.value()));
    }

    private TopicReader<HealthScore> healthScores() {
        return new TopicReader<>(
                prefix + "system-health",
                record ->
                        serdes.serde(HealthScore.class)
                                .deserialize(record.topic(), record.value()));
    }

    private static LanguageStats python(int window, long runtimeErrors) {
        return language("python", window, 100).verdict("RUNTIME_ERROR", runtimeErrors).build();
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + path))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    @Test
    void shouldPublishRecommendationsEndToEnd() throws Exception {
        try (OptimizerService service = startService("optimizer-e2e");
                TopicReader<Recommendation> reader = recommendations()) {
            send(python(0, 30));
            send(Aggregates.function("executor.run", 0, 100, 300));

            List<Recommendation> published =
                    await().atMost(TIMEOUT).until(reader::poll, list -> list.size() >= 2);

            assertThat(published)
                    .extracting(Recommendation::getId)
                    .containsExactlyInAnyOrder(
                            "runtime-error-rate:python", "slow-function:executor.run");
            String body = get(service.httpPort(), "/recommendations?severity=MEDIUM");
            assertThat(body).startsWith("200 ");
            assertThat(body).contains("runtime-error-rate:python");
            assertThat(body).doesNotContain("slow-function:executor.run");
            assertThat(get(service.httpPort(), "/rules")).contains("insufficient-history");
            assertThat(get(service.httpPort(), "/health-scores?scope=overall")).startsWith("200 ");
            assertThat(get(service.httpPort(), "/metrics"))
                    .contains("codepulse_optimizer_windows_evaluated_total");
        }
    }

    @Test
    void shouldEvaluateWindowsAfterRestart() throws Exception {
        try (TopicReader<Recommendation> recommendations = recommendations();
                TopicReader<HealthScore> health = healthScores()) {
            try (OptimizerService first = startService("optimizer-first")) {
                send(python(0, 12));
                await().atMost(TIMEOUT).until(health::poll, list -> list.size() == 2);
            }

            send(python(1, 25));
            send(python(2, 1));
            try (OptimizerService second = startService("optimizer-second")) {
                await().atMost(TIMEOUT).until(health::poll, list -> list.size() == 6);
                await().during(Duration.ofSeconds(3))
                        .atMost(TIMEOUT)
                        .until(health::poll, list -> list.size() == 6);
            }

            List<Recommendation> published = recommendations.poll();
            assertThat(published)
                    .extracting(Recommendation::getState)
                    .containsExactly(RecommendationState.OPEN, RecommendationState.UPDATED);
            assertThat(published).extracting(Recommendation::getRevision).containsExactly(1, 2);
            assertThat(health.poll())
                    .extracting(score -> score.getScope() + "@" + score.getWindowStart())
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldDeadLetterUndecodableAggregate() throws Exception {
        try (OptimizerService service = startService("optimizer-dead-letters");
                TopicReader<Recommendation> reader = recommendations();
                TopicReader<ConsumerRecord<byte[], byte[]>> letters =
                        new TopicReader<>(prefix + "dead-letters", record -> record)) {
            send("language-stats", "garbage", "not an aggregate".getBytes(StandardCharsets.UTF_8));
            send(python(0, 30));

            List<ConsumerRecord<byte[], byte[]>> dead =
                    await().atMost(TIMEOUT).until(letters::poll, list -> !list.isEmpty());
            List<Recommendation> published =
                    await().atMost(TIMEOUT).until(reader::poll, list -> !list.isEmpty());

            assertThat(dead).hasSize(1);
            assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.SOURCE_TOPIC_HEADER))
                    .isEqualTo(prefix + "language-stats");
            assertThat(published)
                    .extracting(Recommendation::getId)
                    .containsExactly("runtime-error-rate:python");
            assertThat(service.isRunning()).isTrue();
        }
    }
}
