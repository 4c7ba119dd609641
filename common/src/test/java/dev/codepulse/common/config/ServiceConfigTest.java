package dev.codepulse.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {
    private static final ConfigDef DEFINITION = ServiceConfig.define(new ConfigDef(), 8080);

    private static ServiceConfig config(Map<String, String> values) {
        return new ServiceConfig(DEFINITION, values);
    }

    @Test
    void shouldPassKafkaPrefixedKeysToClients() {
        ServiceConfig config =
                config(
                        Map.of(
                                "bootstrap.servers", "a:9092,b:9092",
                                "kafka.security.protocol", "SASL_SSL",
                                "kafka.acks", "1"));

        Map<String, Object> properties =
                config.clientProperties(Map.of("acks", "all", "linger.ms", "5"));

        assertThat(properties)
                .containsEntry("bootstrap.servers", "a:9092,b:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("acks", "1")
                .containsEntry("linger.ms", "5");
    }

    @Test
    void shouldMaskSecretsInDescription() {
        ServiceConfig config =
                config(
                        Map.of(
                                "kafka.sasl.jaas.config", "PlainLoginModule password=\"s3cret\"",
                                "kafka.ssl.key.password", "s3cret",
                                "schema.registry.basic.auth.user.info", "user:s3cret"));

        Map<String, String> description = config.describe();

        assertThat(description.toString()).doesNotContain("s3cret");
        assertThat(description).containsEntry("kafka.ssl.key.password", Secrets.MASK);
        assertThat(description).containsKey("schema.registry.basic.auth.user.info");
    }

    @Test
    void shouldPrefixTopics() {
        ServiceConfig config = config(Map.of("topic.prefix", "team-a."));

        assertThat(config.topic(Topics.SUBMISSIONS).name()).isEqualTo("team-a.submissions");
        assertThat(config(Map.of()).topic(Topics.SUBMISSIONS).name()).isEqualTo("submissions");
    }

    @Test
    void shouldRejectInvalidValuesNamingKeyAndValue() {
        assertThatThrownBy(() -> config(Map.of("topic.prefix", "bad prefix/")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.prefix")
                .hasMessageContaining("bad prefix/");
        assertThatThrownBy(() -> config(Map.of("topic.replication.factor", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.replication.factor");
        assertThatThrownBy(() -> config(Map.of("http.port", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port");
    }

    @Test
    void shouldDefaultInstanceIdToHostAndPid() {
        assertThat(config(Map.of()).instanceId()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(config(Map.of("instance.id", "worker-7")).instanceId()).isEqualTo("worker-7");
    }

    @Test
    void shouldDocumentEveryKeyWithItsVariable() {
        String table = ConfigDocs.markdownTable(DEFINITION);

        for (String key : DEFINITION.names()) {
            assertThat(table).contains("`" + key + "`").contains(ConfigLoader.variableOf(key));
        }
        assertThat(table)
                .contains("| `http.host` | `CODEPULSE_HTTP_HOST` | string | `127.0.0.1` |");
    }
}
