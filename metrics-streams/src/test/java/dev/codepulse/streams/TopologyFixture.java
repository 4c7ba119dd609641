package dev.codepulse.streams;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A {@link TopologyTestDriver} over the metrics topology with 60 s windows, 10 s grace and a 30 s
 * idle close, its wall clock starting at the epoch so tests control both clocks.
 */
final class TopologyFixture implements AutoCloseable {
    static final long WINDOW_MS = 60_000;
    static final long GRACE_MS = 10_000;
    static final long IDLE_CLOSE_MS = 30_000;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final EventSerdes serdes = EventSerdes.singleObject();
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> reports;
    final TestInputTopic<byte[], byte[]> samples;
    final TestOutputTopic<String, LanguageStats> languageStats;
    final TestOutputTopic<String, FunctionStats> functionStats;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    TopologyFixture(Path stateDir) {
        this(stateDir, Map.of());
    }

    TopologyFixture(Path stateDir, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put(MetricsStreamsConfig.APPLICATION_ID_CONFIG, "metrics-test");
        settings.put(MetricsStreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put(MetricsStreamsConfig.WINDOW_SIZE_MS_CONFIG, Long.toString(WINDOW_MS));
        settings.put(MetricsStreamsConfig.WINDOW_GRACE_MS_CONFIG, Long.toString(GRACE_MS));
        settings.put(
                MetricsStreamsConfig.WINDOW_IDLE_CLOSE_MS_CONFIG, Long.toString(IDLE_CLOSE_MS));
        settings.put(MetricsStreamsConfig.INSTANCE_ID_CONFIG, "test-instance");
        settings.putAll(overrides);
        MetricsStreamsConfig config = new MetricsStreamsConfig(settings);
        Properties properties = config.streamsProperties(null);
        driver =
                new TopologyTestDriver(
                        MetricsStreamsTopology.buildTopology(
                                config, serdes, registry, new SourcePartitions(1, 1)),
                        properties,
                        Instant.EPOCH);
        ByteArraySerializer bytes = new ByteArraySerializer();
        reports = driver.createInputTopic(Topics.EXECUTION_REPORTS.name(), bytes, bytes);
        samples = driver.createInputTopic(Topics.FUNCTION_SAMPLES.name(), bytes, bytes);
        languageStats =
                driver.createOutputTopic(
                        Topics.LANGUAGE_STATS.name(),
                        new StringDeserializer(),
                        serdes.serde(LanguageStats.class));
        functionStats =
                driver.createOutputTopic(
                        Topics.FUNCTION_STATS.name(),
                        new StringDeserializer(),
                        serdes.serde(FunctionStats.class));
        deadLetters =
                driver.createOutputTopic(
                        Topics.DEAD_LETTERS.name(),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
    }

    /** Pipes a report with the given record timestamp. */
    void report(ExecutionReport report, long timestampMs) {
        reports.pipeInput(
                report.getSubmissionId().getBytes(),
                serdes.serde(ExecutionReport.class).serialize("", report),
                timestampMs);
    }

    /** Pipes a sample with the given record timestamp. */
    void sample(FunctionSample sample, long timestampMs) {
        samples.pipeInput(
                sample.getFunction().getBytes(),
                serdes.serde(FunctionSample.class).serialize("", sample),
                timestampMs);
    }

    /** Returns the sum of a counter over its tags. */
    double counter(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}
