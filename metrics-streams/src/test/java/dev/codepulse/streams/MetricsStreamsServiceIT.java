package dev.codepulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codepulse.schemas.DeadLetters;
import dev.codepulse.schemas.Distribution;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.Topics;
import dev.codepulse.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsStreamsServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir Path stateDir;
    private final String prefix = TestKafka.uniquePrefix("streams-it");
    private MetricsStreamsService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void shouldSurviveGarbageBetweenReports() throws Exception {
        service = MetricsStreamsService.start(BrokerFixture.config(prefix, stateDir, Map.of()));
        String reports = BrokerFixture.topic(prefix, Topics.EXECUTION_REPORTS);
        long now = System.currentTimeMillis();

        BrokerFixture.send(
                reports,
                0,
                List.of(
                        BrokerFixture.report(Events.report("python", 10).build(), now),
                        new ProducerRecord<>("", null, now, bytes("bad"), bytes("garbage")),
                        BrokerFixture.report(Events.report("python", 30).build(), now)));

        ConsumerRecord<byte[], byte[]> deadLetter = awaitOne(BrokerFixture.deadLetters(prefix));
        assertThat(header(deadLetter, DeadLetters.SOURCE_OFFSET_HEADER)).isEqualTo("1");
        assertThat(header(deadLetter, DeadLetters.SOURCE_PARTITION_HEADER)).isEqualTo("0");
        assertThat(header(deadLetter, DeadLetters.SOURCE_TOPIC_HEADER)).isEqualTo(reports);
        assertThat(deadLetter.value()).isEqualTo(bytes("garbage"));
        JsonNode current = awaitCurrentWindow("python", 2);
        assertThat(current.get("runWallMillis").get("sum").asDouble()).isEqualTo(40.0);
        assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    @Test
    void shouldServeCurrentWindowOverHttp() throws Exception {
        service = MetricsStreamsService.start(BrokerFixture.config(prefix, stateDir, Map.of()));
        long now = System.currentTimeMillis();

        BrokerFixture.send(
                BrokerFixture.topic(prefix, Topics.EXECUTION_REPORTS),
                1,
                List.of(
                        BrokerFixture.report(Events.report("java", 100, 200).build(), now),
                        BrokerFixture.report(Events.report("java", 300).build(), now)));

        JsonNode current = awaitCurrentWindow("java", 2);
        assertThat(current.get("state").asText()).isEqualTo("open");
        assertThat(current.get("runWallMillis").get("count").asLong()).isEqualTo(3);
        assertThat(current.get("runWallMillis").get("max").asDouble()).isEqualTo(300.0);
        JsonNode all = JSON.readTree(BrokerFixture.get(service, "/stats/languages").body());
        assertThat(all.get("windows").findValuesAsText("language")).containsExactly("java");
        assertThat(BrokerFixture.get(service, "/stats/language?name=cobol").statusCode())
                .isEqualTo(404);
        assertThat(BrokerFixture.get(service, "/stats/language").statusCode()).isEqualTo(400);
        assertThat(BrokerFixture.get(service, "/health").statusCode()).isEqualTo(200);
        String metrics = BrokerFixture.get(service, "/metrics").body();
        assertThat(metrics).contains("codepulse_streams_records_aggregated_total");
        assertThat(metrics).contains("kafka_stream_thread_");
    }

    // Each input partition is decoded by its own task, so one may run ahead of the other. The
    // window must still contain every report of both, and close only when both have passed it.
    @Test
    void shouldMergeTwoPartitionsIntoOneWindow() throws Exception {
        Map<String, String> noIdleClose =
                Map.of(MetricsStreamsConfig.WINDOW_IDLE_CLOSE_MS_CONFIG, "3600000");
        service = MetricsStreamsService.start(BrokerFixture.config(prefix, stateDir, noIdleClose));
        String reports = BrokerFixture.topic(prefix, Topics.EXECUTION_REPORTS);
        long start = System.currentTimeMillis() / 60_000 * 60_000 - 600_000;
        List<ProducerRecord<byte[], byte[]>> first = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> second = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            first.add(BrokerFixture.report(Events.report("go", 20).build(), start + i));
            long wallMs = i < 50 ? 2_000 : 20;
            second.add(BrokerFixture.report(Events.report("go", wallMs).build(), start + i));
        }

        first.add(BrokerFixture.report(Events.report("go", 1).build(), start + 70_000));
        second.add(BrokerFixture.report(Events.report("go", 1).build(), start + 70_000));

        BrokerFixture.send(reports, 0, first);
        BrokerFixture.send(reports, 1, second);

        ConsumerRecord<byte[], byte[]> emitted =
                awaitOne(BrokerFixture.topic(prefix, Topics.LANGUAGE_STATS));
        LanguageStats stats =
                BrokerFixture.SERDES.serde(LanguageStats.class).deserialize("", emitted.value());
        Distribution runs = stats.getRunWallMillis();
        assertThat(stats.getComplete()).isTrue();
        assertThat(runs.getCount()).isEqualTo(1_000);
        assertThat(runs.getSum() / runs.getCount()).isEqualTo(119.0);
        assertThat(runs.getP50()).isBetween(19.8, 20.2);
        assertThat(runs.getP99()).isBetween(1_980.0, 2_000.0);
    }

    private JsonNode awaitCurrentWindow(String language, long count) {
        return BrokerFixture.awaitCurrentWindow(
                        service, language, current -> current.get("count").asLong() == count)
                .get("current");
    }

    private static ConsumerRecord<byte[], byte[]> awaitOne(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = BrokerFixture.consumer(topic)) {
            await().atMost(TIMEOUT)
                    .until(
                            () -> {
                                BrokerFixture.pollInto(consumer, records);
                                return !records.isEmpty();
                            });
        }
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DeadLetters.header(record.headers(), name);
    }
}
