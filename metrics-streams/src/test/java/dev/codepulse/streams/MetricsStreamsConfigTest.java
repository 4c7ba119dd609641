package dev.codepulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.common.InvalidConfigurationException;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class MetricsStreamsConfigTest {
    @Test
    void shouldAlwaysUseExactlyOnceV2() {
        MetricsStreamsConfig config = new MetricsStreamsConfig(Map.of());

        Properties properties = config.streamsProperties("127.0.0.1:8082");

        assertThat(properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(properties.get(StreamsConfig.APPLICATION_SERVER_CONFIG))
                .isEqualTo("127.0.0.1:8082");
        assertThat(properties.get(StreamsConfig.APPLICATION_ID_CONFIG))
                .isEqualTo("codepulse-metrics-streams");
    }

    @Test
    void shouldRejectOtherProcessingGuarantee() {
        Map<String, String> settings = Map.of("kafka.processing.guarantee", "at_least_once");

        assertThatThrownBy(() -> new MetricsStreamsConfig(settings))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("kafka.processing.guarantee=at_least_once");
    }

    @Test
    void shouldPassKafkaSettingsThrough() {
        MetricsStreamsConfig config =
                new MetricsStreamsConfig(
                        Map.of(
                                "kafka.statestore.cache.max.bytes",
                                "1048576",
                                MetricsStreamsConfig.STREAM_THREADS_CONFIG,
                                "3"));

        Properties properties = config.streamsProperties(null);

        assertThat(properties.get("statestore.cache.max.bytes")).isEqualTo("1048576");
        assertThat(properties.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("3");
        assertThat(properties).doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
    }

    @Test
    void shouldRequireAdvertisedHostForWildcardBind() {
        Map<String, String> settings = Map.of(MetricsStreamsConfig.HTTP_HOST_CONFIG, "0.0.0.0");

        assertThatThrownBy(() -> new MetricsStreamsConfig(settings))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("http.advertised.host");
    }

    @Test
    void shouldAdvertiseConfiguredHost() {
        MetricsStreamsConfig config =
                new MetricsStreamsConfig(
                        Map.of(
                                MetricsStreamsConfig.HTTP_HOST_CONFIG, "0.0.0.0",
                                MetricsStreamsConfig.HTTP_ADVERTISED_HOST_CONFIG, "node-2"));

        assertThat(config.advertisedHttpHost()).isEqualTo("node-2");
    }

    @Test
    void shouldRejectWindowOutsideRange() {
        Map<String, String> settings = Map.of(MetricsStreamsConfig.WINDOW_SIZE_MS_CONFIG, "10");

        assertThatThrownBy(() -> new MetricsStreamsConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("window.size.ms");
    }
}
