package dev.codepulse.profiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.codepulse.localstack.EmbeddedKafka;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.testsupport.LogCapture;
import dev.codepulse.testsupport.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops a private broker for two intervals and starts it again: only the samples of those intervals
 * are lost, each interval is logged once with its count, and timing never fails.
 */
class ProfilerBrokerDownIT {
    private static final List<String> FUNCTIONS = List.of("it.poll", "it.compile", "it.judge");

    @TempDir Path dataDirectory;

    @Test
    void shouldLoseOnlyIntervalsWhileBrokerDown() throws Exception {
        EmbeddedKafka.Options options =
                EmbeddedKafka.Options.defaults().withDataDirectory(dataDirectory);
        EmbeddedKafka kafka = EmbeddedKafka.start(options);
        String bootstrapServers = kafka.bootstrapServers();
        int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.indexOf(':') + 1));
        String prefix = TestKafka.uniquePrefix("profiler-down-it");
        SampleReader.createTopic(bootstrapServers, prefix + "function-samples");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Profiler profiler = Profiler.start(config(bootstrapServers, prefix), meters);
        Counter flushed = meters.get("codepulse.profiler.samples.flushed").counter();
        Counter flushFailures = meters.get("codepulse.profiler.flush.failures").counter();
        List<FunctionTimer> timers = FUNCTIONS.stream().map(profiler::timer).toList();

        try (LogCapture logs = LogCapture.start("dev.codepulse.profiler")) {
            long completedBefore = timeCalls(timers, 100);
            profiler.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> flushed.count() == 3);
            kafka.close();

            long completedWhileDown = 0;
            for (int interval = 1; interval <= 2; interval++) {
                completedWhileDown += timeCalls(timers, 200);
                profiler.flush();
                int lines = interval;
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> logs.messages(Level.WARN).size() == lines);
            }

            EmbeddedKafka restarted = EmbeddedKafka.start(options.withPort(port));
            long completedAfter = timeCalls(timers, 400);
            profiler.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> flushed.count() == 6);
            profiler.close();
            List<FunctionSample> samples =
                    SampleReader.readAll(
                            bootstrapServers, prefix + "function-samples", (long) flushed.count());
            restarted.close();

            assertThat(completedBefore).isEqualTo(300);
            assertThat(completedWhileDown).isEqualTo(1_200);
            assertThat(completedAfter).isEqualTo(1_200);
            assertThat(logs.messages(Level.WARN))
                    .hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains("lostSamples=3"));
            assertThat(flushFailures.count()).isEqualTo(2);
            assertThat(samples).hasSize(6);
            assertThat(samples)
                    .extracting(FunctionSample::getCount)
                    .containsExactlyInAnyOrder(100L, 100L, 100L, 400L, 400L, 400L);
        }
    }

    private static Map<String, String> config(String bootstrapServers, String prefix) {
        return Map.of(
                ProfilerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProfilerConfig.TOPIC_PREFIX_CONFIG,
                prefix,
                ProfilerConfig.INSTANCE_ID_CONFIG,
                "profiler-down-it",
                ProfilerConfig.FLUSH_INTERVAL_MS_CONFIG,
                "3600000",
                ProfilerConfig.PUBLISH_TIMEOUT_MS_CONFIG,
                "2000",
                ProfilerConfig.PRODUCER_PREFIX + "reconnect.backoff.max.ms",
                "200");
    }

    // Returns the number of calls that completed, each returning its own result.
    private static long timeCalls(List<FunctionTimer> timers, int callsPerTimer) {
        long completed = 0;
        for (FunctionTimer timer : timers) {
            for (int i = 0; i < callsPerTimer; i++) {
                int call = i;
                completed += timer.call(() -> call == call ? 1 : 0);
            }
        }
        return completed;
    }
}
