package dev.codepulse.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SerdeConfigTest {
    @Test
    void shouldSelectSingleObjectWithoutUrl() {
        try (EventSerdes serdes = EventSerdes.fromConfig(Map.of("bootstrap.servers", "x:9092"))) {
            assertThat(serdes.describe()).isEqualTo("avro-single-object");
        }
    }

    @Test
    void shouldSelectRegistryWithUrl() {
        Map<String, String> config =
                Map.of(
                        SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                        "http://127.0.0.1:1/",
                        SerdeConfig.SCHEMA_REGISTRY_AUTO_REGISTER_CONFIG,
                        "false");

        try (EventSerdes serdes = EventSerdes.fromConfig(config)) {
            assertThat(serdes.describe())
                    .isEqualTo("confluent-registry url=http://127.0.0.1:1 autoRegister=false");
        }
    }

    @Test
    void shouldTreatBlankUrlAsNoRegistry() {
        SerdeConfig config = new SerdeConfig(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, " "));

        assertThat(config.usesRegistry()).isFalse();
    }

    @Test
    void shouldRejectInvalidUrlWithConfigException() {
        Map<String, String> config =
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "registry:8081");

        assertThatThrownBy(() -> EventSerdes.fromConfig(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG)
                .hasMessageContaining("http or https");
    }

    @Test
    void shouldRejectTimeoutOutOfRange() {
        Map<String, String> config =
                Map.of(SerdeConfig.SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_CONFIG, "10");

        assertThatThrownBy(() -> new SerdeConfig(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_CONFIG);
    }

    @Test
    void shouldRejectUserInfoWithoutColon() {
        Map<String, String> config =
                Map.of(SerdeConfig.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG, "justauser");

        assertThatThrownBy(() -> new SerdeConfig(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("USER:PASSWORD");
    }

    @Test
    void shouldDocumentEveryKey() {
        var keys = SerdeConfig.configDef().configKeys().values();

        assertThat(keys).hasSize(6);
        assertThat(keys).allSatisfy(key -> assertThat(key.documentation).isNotBlank());
    }
}
