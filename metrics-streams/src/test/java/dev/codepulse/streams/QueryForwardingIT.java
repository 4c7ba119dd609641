package dev.codepulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codepulse.schemas.Topics;
import dev.codepulse.testsupport.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryForwardingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> LANGUAGES =
            List.of("c", "cpp", "go", "java", "javascript", "kotlin", "python", "ruby");

    @TempDir Path stateDir;
    private final String prefix = TestKafka.uniquePrefix("forwarding-it");
    private final List<MetricsStreamsService> services = new ArrayList<>();

    @AfterEach
    void stop() {
        services.forEach(MetricsStreamsService::close);
    }

    @Test
    void shouldAnswerEveryLanguageFromEitherInstance() throws Exception {
        MetricsStreamsService first = start("first");
        MetricsStreamsService second = start("second");
        awaitRunning(first, second);
        long now = System.currentTimeMillis();
        List<ProducerRecord<byte[], byte[]>> reports = new ArrayList<>();
        for (String language : LANGUAGES) {
            reports.add(BrokerFixture.report(Events.report(language, 10).build(), now));
        }

        BrokerFixture.send(BrokerFixture.topic(prefix, Topics.EXECUTION_REPORTS), 0, reports);

        Set<String> servers = new HashSet<>();
        for (String language : LANGUAGES) {
            JsonNode answer = BrokerFixture.awaitCurrentWindow(first, language, current -> true);
            assertThat(answer.get("current").get("count").asLong()).isEqualTo(1);
            servers.add(answer.get("servedBy").asText());
        }
        assertThat(servers).hasSize(2);
        JsonNode all = JSON.readTree(BrokerFixture.get(second, "/stats/languages").body());
        assertThat(all.get("windows").findValuesAsText("language"))
                .containsExactlyInAnyOrderElementsOf(LANGUAGES);
    }

    private MetricsStreamsService start(String name) {
        MetricsStreamsService service =
                MetricsStreamsService.start(
                        BrokerFixture.config(
                                prefix,
                                stateDir.resolve(name),
                                Map.of(MetricsStreamsConfig.INSTANCE_ID_CONFIG, name)));
        services.add(service);
        return service;
    }

    // Both instances must own a share of the partitions before a query can be routed.
    private static void awaitRunning(MetricsStreamsService... instances) {
        await().atMost(TIMEOUT)
                .until(
                        () -> {
                            for (MetricsStreamsService service : instances) {
                                if (service.state() != KafkaStreams.State.RUNNING
                                        || service.streams().metadataForLocalThreads().stream()
                                                .allMatch(t -> t.activeTasks().isEmpty())) {
                                    return false;
                                }
                            }
                            return true;
                        });
    }
}
