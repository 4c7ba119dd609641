package dev.codepulse.profiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.profiler.internals.ProducerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ProfilerConfigTest {

    @Test
    void shouldApplyDefaults() {
        ProfilerConfig config = new ProfilerConfig(Map.of());

        assertThat(config.flushIntervalMs()).isEqualTo(10_000);
        assertThat(config.defaultMode()).isEqualTo(TimingMode.WALL);
        assertThat(config.topic()).isEqualTo("function-samples");
        assertThat(config.instanceId()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(config.bootstrapServers()).isEmpty();
    }

    @Test
    void shouldPrefixTopicName() {
        ProfilerConfig config =
                new ProfilerConfig(Map.of(ProfilerConfig.TOPIC_PREFIX_CONFIG, "it-3f2a9c1b."));

        assertThat(config.topic()).isEqualTo("it-3f2a9c1b.function-samples");
    }

    @Test
    void shouldReadModeCaseInsensitively() {
        ProfilerConfig config =
                new ProfilerConfig(Map.of(ProfilerConfig.DEFAULT_MODE_CONFIG, "sampled"));

        assertThat(config.defaultMode()).isEqualTo(TimingMode.SAMPLED);
    }

    @Test
    void shouldRejectUnknownMode() {
        Map<String, String> values = Map.of(ProfilerConfig.DEFAULT_MODE_CONFIG, "fast");

        assertThatThrownBy(() -> new ProfilerConfig(values))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ProfilerConfig.DEFAULT_MODE_CONFIG)
                .hasMessageContaining("fast");
    }

    @Test
    void shouldRejectTopicPrefixWithInvalidCharacters() {
        Map<String, String> values = Map.of(ProfilerConfig.TOPIC_PREFIX_CONFIG, "team/a");

        assertThatThrownBy(() -> new ProfilerConfig(values))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ProfilerConfig.TOPIC_PREFIX_CONFIG)
                .hasMessageContaining("letters, digits");
    }

    @Test
    void shouldRejectFlushIntervalBelowMinimum() {
        Map<String, String> values = Map.of(ProfilerConfig.FLUSH_INTERVAL_MS_CONFIG, "5");

        assertThatThrownBy(() -> new ProfilerConfig(values))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ProfilerConfig.FLUSH_INTERVAL_MS_CONFIG);
    }

    @Test
    void shouldPassOnlyConnectionKeysToProducer() {
        ProfilerConfig config =
                new ProfilerConfig(
                        Map.of(
                                "bootstrap.servers", "127.0.0.1:9092",
                                "security.protocol", "SASL_SSL",
                                "sasl.mechanism", "PLAIN",
                                "transactional.id", "worker-1",
                                "acks", "1"));

        Map<String, Object> producer = ProducerSettings.of(config);

        assertThat(producer)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("acks", "all")
                .doesNotContainKey("transactional.id");
    }

    @Test
    void shouldLetPrefixedProducerKeysOverrideDefaults() {
        ProfilerConfig config =
                new ProfilerConfig(
                        Map.of(
                                ProfilerConfig.PUBLISH_TIMEOUT_MS_CONFIG,
                                "5000",
                                ProfilerConfig.PRODUCER_PREFIX + "linger.ms",
                                "5"));

        Map<String, Object> producer = ProducerSettings.of(config);

        assertThat(producer)
                .containsEntry("linger.ms", "5")
                .containsEntry("delivery.timeout.ms", 5_000)
                .containsEntry("max.block.ms", 5_000);
    }

    @Test
    void shouldDocumentEveryKeyInReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        for (String key : ProfilerConfig.configDef().names()) {
            assertThat(readme).as("README entry of %s", key).contains("`" + key + "`");
        }
    }
}
