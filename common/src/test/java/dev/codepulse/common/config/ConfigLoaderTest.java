package dev.codepulse.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.common.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void shouldMapEnvironmentVariablesToKeys() {
        assertThat(ConfigLoader.keyOf("CODEPULSE_EXECUTOR_SLOTS")).isEqualTo("executor.slots");
        assertThat(ConfigLoader.keyOf("CODEPULSE_KAFKA_SECURITY_PROTOCOL"))
                .isEqualTo("kafka.security.protocol");
        assertThat(ConfigLoader.keyOf("HOME")).isNull();
        assertThat(ConfigLoader.keyOf("CODEPULSE_")).isNull();
        assertThat(ConfigLoader.variableOf("executor.slots")).isEqualTo("CODEPULSE_EXECUTOR_SLOTS");
    }

    @Test
    void shouldLetLaterSourcesOverrideEarlierOnes(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("worker.properties");
        Files.writeString(file, "a=file\nb=file\nc=file\n");

        Map<String, String> merged =
                new ConfigLoader(Map.of("a", "default", "d", "default"))
                        .withFile(file)
                        .withEnvironment(
                                Map.of("CODEPULSE_B", "env", "CODEPULSE_C", "env", "PATH", "/bin"))
                        .withOverrides(Map.of("c", "override"))
                        .load();

        assertThat(merged)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("a", "file", "b", "env", "c", "override", "d", "default"));
    }

    @Test
    void shouldNameMissingFile(@TempDir Path directory) {
        Path missing = directory.resolve("missing.properties");

        assertThatThrownBy(() -> new ConfigLoader().withFile(missing))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(missing.toString());
    }
}
