package dev.codepulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.testsupport.TestKafka;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts the application in the middle of a stream and compares its windows with those of an
 * uninterrupted run.
 *
 * <p>NOTE: in 4 of about 14 full verify runs, where QueryForwardingIT ran two instances on the same
 * broker just before, the restarted instance reached RUNNING but never fetched the input again. Its
 * stream thread kept polling, the committed offsets stayed where the first run left them, and the
 * input's last stable offset equalled its end. Without that test before it, this test passed 12 of
 * 12 runs. The cause is not known. On a timeout the failure message shows the read progress and the
 * stream thread's stack.
 */
class RestartIT {
    private static final long WINDOW_MS = 60_000;
    private static final long GRACE_MS = 10_000;
    private static final int WINDOWS = 5;
    private static final long BASE = 1_600_000_020_000L / WINDOW_MS * WINDOW_MS;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LANGUAGES = List.of("c", "java", "python");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    // Event times far in the past and a week of idle time keep the wall clock from closing
    // windows, so both runs close every window by stream time alone.
    // In-memory stores keep nothing on disk, so the restarted run must rebuild every store from
    // its changelog.
    private static final Map<String, String> SETTINGS =
            Map.of(
                    MetricsStreamsConfig.WINDOW_SIZE_MS_CONFIG,
                    Long.toString(WINDOW_MS),
                    MetricsStreamsConfig.WINDOW_GRACE_MS_CONFIG,
                    Long.toString(GRACE_MS),
                    MetricsStreamsConfig.WINDOW_IDLE_CLOSE_MS_CONFIG,
                    "604800000",
                    MetricsStreamsConfig.STATE_STORE_TYPE_CONFIG,
                    "in_memory");

    @TempDir Path stateDir;

    @Test
    void shouldEmitSameAggregatesAfterRestartMidStream() throws Exception {
        List<ProducerRecord<byte[], byte[]>> events = events();
        int half = events.size() / 2;
        String uninterrupted = TestKafka.uniquePrefix("restart-a");
        String restarted = TestKafka.uniquePrefix("restart-b");

        Map<String, LanguageStats> expected = runUninterrupted(uninterrupted, events);
        try (MetricsStreamsService first = start(restarted, "restarted")) {
            send(restarted, events.subList(0, half));
            awaitAggregated(first, 1);
        }
        send(restarted, events.subList(half, events.size()));
        List<LanguageStats> actual;
        try (MetricsStreamsService second = start(restarted, "restarted")) {
            actual = awaitEmitted(restarted, expected.size());
        }

        assertThat(actual).hasSize(expected.size());
        assertThat(byKey(actual)).isEqualTo(expected);
        assertThat(expected.values()).allMatch(LanguageStats::getComplete);
        assertThat(expected.values().stream().mapToLong(LanguageStats::getCount).sum())
                .isEqualTo(events.size() - 2L * LANGUAGES.size());
    }

    private Map<String, LanguageStats> runUninterrupted(
            String prefix, List<ProducerRecord<byte[], byte[]>> events) throws Exception {
        try (MetricsStreamsService service = start(prefix, "uninterrupted")) {
            send(prefix, events);
            return byKey(awaitEmitted(prefix, LANGUAGES.size() * WINDOWS));
        }
    }

    private static void awaitAggregated(MetricsStreamsService service, long count) {
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> aggregatedCount(service) >= count);
    }

    private static long aggregatedCount(MetricsStreamsService service) throws Exception {
        long count = 0;
        for (String language : LANGUAGES) {
            HttpResponse<String> response =
                    BrokerFixture.get(service, "/stats/language?name=" + language);
            if (response.statusCode() == 200) {
                for (JsonNode window : JSON.readTree(response.body()).get("windows")) {
                    count += window.get("count").asLong();
                }
            }
        }
        return count;
    }

    // A restarted instance keeps its state directory, as on a real host, and its in-memory stores
    // are rebuilt from the changelogs.
    private MetricsStreamsService start(String prefix, String run) throws Exception {
        Path directory = Files.createDirectories(stateDir.resolve(run));
        return MetricsStreamsService.start(BrokerFixture.config(prefix, directory, SETTINGS));
    }

    private static void send(String prefix, List<ProducerRecord<byte[], byte[]>> events) {
        String topic = BrokerFixture.topic(prefix, Topics.EXECUTION_REPORTS);
        List<ProducerRecord<byte[], byte[]>> first = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> second = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            (i % 2 == 0 ? first : second).add(events.get(i));
        }
        BrokerFixture.send(topic, 0, first);
        BrokerFixture.send(topic, 1, second);
    }

    private static List<LanguageStats> awaitEmitted(String prefix, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                BrokerFixture.consumer(BrokerFixture.topic(prefix, Topics.LANGUAGE_STATS))) {
            await().atMost(TIMEOUT)
                    .until(
                            () -> {
                                BrokerFixture.pollInto(consumer, records);
                                return languageWindows(records).size() >= count;
                            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    languageWindows(records).size()
                            + " of "
                            + count
                            + " windows emitted; input read progress: "
                            + BrokerFixture.readProgress(
                                    prefix + "metrics",
                                    BrokerFixture.topic(prefix, Topics.EXECUTION_REPORTS))
                            + "\nstream threads:\n"
                            + streamThreadStacks(),
                    e);
        }
        return languageWindows(records);
    }

    private static String streamThreadStacks() {
        StringBuilder stacks = new StringBuilder();
        Thread.getAllStackTraces()
                .forEach(
                        (thread, frames) -> {
                            if (thread.getName().contains("StreamThread")) {
                                stacks.append(thread.getName()).append('\n');
                                for (StackTraceElement frame : frames) {
                                    stacks.append("  at ").append(frame).append('\n');
                                }
                            }
                        });
        return stacks.toString();
    }

    // Windows before the closing reports, which are the ones both runs close.
    private static List<LanguageStats> languageWindows(
            List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(
                        record ->
                                BrokerFixture.SERDES
                                        .serde(LanguageStats.class)
                                        .deserialize("", record.value()))
                .filter(stats -> LANGUAGES.contains(stats.getLanguage()))
                .toList();
    }

    private static Map<String, LanguageStats> byKey(List<LanguageStats> stats) {
        Map<String, LanguageStats> map = new TreeMap<>();
        stats.forEach(s -> map.put(s.getLanguage() + "@" + s.getWindowStart(), s));
        return map;
    }

    // Reports over five windows, slightly out of order, then per language one report after the
    // last window plus grace. Both partitions get reports of every window, so one decoding task
    // may run ahead of the other. The aggregation must still drop none as late.
    private static List<ProducerRecord<byte[], byte[]>> events() {
        Random random = new Random(42);
        List<ProducerRecord<byte[], byte[]>> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long timestamp = BASE + i * (WINDOWS * WINDOW_MS / 600) - random.nextInt(5_000);
            String language = LANGUAGES.get(random.nextInt(LANGUAGES.size()));
            Verdict verdict = random.nextInt(10) == 0 ? Verdict.RUNTIME_ERROR : Verdict.ACCEPTED;
            events.add(
                    BrokerFixture.report(
                            Events.report(language, 1 + random.nextInt(500), random.nextInt(50))
                                    .setSubmissionId("submission-" + i)
                                    .setVerdict(verdict)
                                    .build(),
                            Math.max(BASE, timestamp)));
        }
        long closeTime = BASE + WINDOWS * WINDOW_MS + GRACE_MS;
        for (String language : LANGUAGES) {
            for (int copy = 0; copy < 2; copy++) {
                events.add(BrokerFixture.report(Events.report(language, 1).build(), closeTime));
            }
        }
        return events;
    }
}
