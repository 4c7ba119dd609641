package dev.codepulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.common.config.ConfigDocs;
import dev.codepulse.common.config.ConfigLoader;
import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.streams.MetricsStreamsConfig;
import dev.codepulse.worker.WorkerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/** The configuration page and the compose properties files must match the code. */
class ConfigurationDocsTest {
    private static final Path ROOT = Path.of("..");
    private static final Path DOC = ROOT.resolve("docs/CONFIGURATION.md");

    @Test
    void shouldDocumentEveryKeyOfEveryService() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);

        for (ConfigCommand.Service service : ConfigCommand.Service.values()) {
            String table = ConfigDocs.markdownTable(ConfigCommand.definition(service));
            Path generated = Path.of("target", "configuration-" + service + ".md");
            Files.createDirectories(generated.getParent());
            Files.writeString(generated, table, StandardCharsets.UTF_8);
            assertThat(doc).as("docs/CONFIGURATION.md contains " + generated).contains(table);
        }
        assertThat(doc).contains(ConfigDocs.markdownTable(ConfigCommand.languageKeys()));
    }

    @Test
    void shouldAcceptComposePropertiesFiles() {
        Map<String, String> worker = load("executor-worker/config/worker.properties");
        Map<String, String> streams =
                new java.util.HashMap<>(load("metrics-streams/config/streams.properties"));
        // The image's entry point sets the advertised host to the container's host name.
        streams.put("http.advertised.host", "streams-1");
        Map<String, String> optimizer = load("optimizer-service/config/optimizer.properties");

        assertThat(new WorkerConfig(worker).getInt("executor.slots")).isEqualTo(2);
        assertThat(new MetricsStreamsConfig(streams).getLong("window.size.ms")).isEqualTo(60_000L);
        assertThat(new OptimizerConfig(optimizer).getBoolean("action.cache.ttl.enabled")).isFalse();
        assertThat(unknownKeys(worker, WorkerConfig.configDef())).isEmpty();
        assertThat(
                        unknownKeys(
                                load("metrics-streams/config/streams.properties"),
                                MetricsStreamsConfig.configDef()))
                .isEmpty();
        assertThat(unknownKeys(optimizer, OptimizerConfig.configDef())).isEmpty();
    }

    private static Map<String, String> load(String file) {
        return new ConfigLoader().withFile(ROOT.resolve(file)).load();
    }

    private static Set<String> unknownKeys(Map<String, String> values, ConfigDef definition) {
        Set<String> unknown = new java.util.TreeSet<>(values.keySet());
        unknown.removeAll(definition.names());
        return unknown;
    }
}
