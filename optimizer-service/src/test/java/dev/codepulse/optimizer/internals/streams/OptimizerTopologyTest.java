package dev.codepulse.optimizer.internals.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.common.kafka.DeadLetterPublisher;
import dev.codepulse.optimizer.Aggregates;
import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.optimizer.internals.OptimizerMetrics;
import dev.codepulse.optimizer.internals.OptimizerView;
import dev.codepulse.optimizer.internals.state.ActionTrack;
import dev.codepulse.schemas.ActionStatus;
import dev.codepulse.schemas.DeadLetters;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.HealthScore;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.OptimizerAction;
import dev.codepulse.schemas.OptimizerActions;
import dev.codepulse.schemas.Recommendation;
import dev.codepulse.schemas.RecommendationState;
import dev.codepulse.schemas.serde.EventSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizerTopologyTest {
    @TempDir Path stateDir;

    private final EventSerdes serdes = EventSerdes.singleObject();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OptimizerView view = new OptimizerView();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> languageStats;
    private TestInputTopic<byte[], byte[]> functionStats;
    private TestInputTopic<byte[], byte[]> actions;
    private TestOutputTopic<String, Recommendation> recommendations;
    private TestOutputTopic<String, HealthScore> health;
    private TestOutputTopic<String, OptimizerAction> actionsOut;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        OptimizerConfig config =
                new OptimizerConfig(
                        Map.of(
                                OptimizerConfig.WINDOW_SETTLE_MS_CONFIG, "1000",
                                OptimizerConfig.PUNCTUATE_INTERVAL_MS_CONFIG, "100",
                                OptimizerConfig.INSTANCE_ID_CONFIG, "optimizer-test"));
        OptimizerTopology.Wiring wiring =
                new OptimizerTopology.Wiring(
                        config,
                        serdes,
                        new DeadLetterPublisher("dead-letters", "optimizer-test", registry),
                        new OptimizerMetrics(registry),
                        view);

        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "optimizer-topology-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(OptimizerTopology.build(wiring), properties, Aggregates.T0);

        ByteArraySerializer bytes = new ByteArraySerializer();
        languageStats = driver.createInputTopic("language-stats", bytes, bytes);
        functionStats = driver.createInputTopic("function-stats", bytes, bytes);
        actions = driver.createInputTopic("optimizer-actions", bytes, bytes);

        StringDeserializer keys = new StringDeserializer();
        recommendations =
                driver.createOutputTopic(
                        "recommendations", keys, serdes.serde(Recommendation.class));
        health = driver.createOutputTopic("system-health", keys, serdes.serde(HealthScore.class));
        actionsOut =
                driver.createOutputTopic(
                        "optimizer-actions", keys, serdes.serde(OptimizerAction.class));
        ByteArrayDeserializer raw = new ByteArrayDeserializer();
        deadLetters = driver.createOutputTopic("dead-letters", raw, raw);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void pipe(LanguageStats stats) {
        languageStats.pipeInput(
                key(stats.getLanguage()),
                serdes.serde(LanguageStats.class).serialize("language-stats", stats));
    }

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPublishRecommendationAndHealthAfterSettle() {
        pipe(Aggregates.language("python", 0, 100).verdict("RUNTIME_ERROR", 30).build());

        boolean publishedBeforeSettle = !recommendations.isEmpty();
        driver.advanceWallClockTime(Duration.ofMillis(1_100));

        assertThat(publishedBeforeSettle).isFalse();
        List<TestRecord<String, Recommendation>> published = recommendations.readRecordsToList();
        assertThat(published)
                .extracting(TestRecord::key)
                .containsExactly("runtime-error-rate:python");
        assertThat(published.get(0).value().getState()).isEqualTo(RecommendationState.OPEN);
        assertThat(health.readKeyValuesToMap()).containsOnlyKeys("language:python", "overall");
        assertThat(actionsOut.isEmpty()).isTrue();
    }

    @Test
    void shouldSendUndecodableRecordToDeadLetters() {
        functionStats.pipeInput(key("broken"), key("not avro"));
        pipe(Aggregates.language("python", 0, 100).verdict("RUNTIME_ERROR", 30).build());

        driver.advanceWallClockTime(Duration.ofMillis(1_100));

        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(1);
        assertThat(DeadLetters.header(letters.get(0).headers(), DeadLetters.SOURCE_TOPIC_HEADER))
                .isEqualTo("function-stats");
        assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8))
                .isEqualTo("not avro");
        assertThat(recommendations.readRecordsToList()).hasSize(1);
        assertThat(registry.find("codepulse.dead.letters").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldTrackAcknowledgementAndIgnoreOwnActions() {
        OptimizerAction requested =
                OptimizerAction.newBuilder()
                        .setId("cache-ttl:java:1")
                        .setType(OptimizerActions.CACHE_TTL_TYPE)
                        .setTarget("java")
                        .setParameter(OptimizerActions.CACHE_TTL_PARAMETER)
                        .setPreviousValue(600_000)
                        .setNewValue(1_200_000)
                        .setMinValue(60_000)
                        .setMaxValue(86_400_000)
                        .setStatus(ActionStatus.REQUESTED)
                        .setReason("low hit rate")
                        .setIssuedBy(OptimizerActions.ISSUED_BY_OPTIMIZER)
                        .setIssuedAt(Aggregates.T0)
                        .build();
        OptimizerAction applied =
                OptimizerActions.acknowledge(
                        requested,
                        ActionStatus.APPLIED,
                        "worker-7",
                        "",
                        Instant.parse("2024-05-01T10:00:05Z"));

        for (OptimizerAction action : List.of(requested, applied)) {
            actions.pipeInput(
                    key("java"),
                    serdes.serde(OptimizerAction.class).serialize("optimizer-actions", action));
        }

        List<ActionTrack> tracks = view.snapshot().actions();
        assertThat(tracks).hasSize(1);
        assertThat(tracks.get(0).appliedValue()).isEqualTo(1_200_000L);
        assertThat(tracks.get(0).acknowledgements()).containsOnlyKeys("worker-7");
        assertThat(
                        registry.find("codepulse.optimizer.inputs.received")
                                .tag("kind", "acknowledgement")
                                .counter()
                                .count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldEvaluateFunctionWindowsTogether() {
        for (String name : List.of("a", "b", "c")) {
            FunctionStats stats = Aggregates.function(name, 0, 100, 400);
            functionStats.pipeInput(
                    key(name),
                    serdes.serde(FunctionStats.class).serialize("function-stats", stats));
        }

        driver.advanceWallClockTime(Duration.ofMillis(1_100));

        assertThat(recommendations.readKeyValuesToMap())
                .containsOnlyKeys("slow-function:a", "slow-function:b", "slow-function:c");
    }
}
