package dev.codepulse.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.schemas.Limits;
import dev.codepulse.worker.sandbox.CgroupMode;
import dev.codepulse.worker.sandbox.RunLimits;
import dev.codepulse.worker.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ExecutionConfigTest {

    @Test
    void shouldStartFromDefaults() {
        ExecutionConfig config = new ExecutionConfig(Map.of());

        SandboxSettings sandbox = config.sandboxSettings(List.of(Path.of("/opt/jdk")));

        assertThat(config.languages()).containsExactly("python", "c", "cpp", "java", "javascript");
        assertThat(sandbox.slots()).isEqualTo(2);
        assertThat(sandbox.allowInsecure()).isFalse();
        assertThat(sandbox.cgroupMode()).isEqualTo(CgroupMode.AUTO);
        assertThat(sandbox.readOnlyPaths())
                .contains(Path.of("/etc/alternatives"), Path.of("/opt/jdk"));
        assertThat(config.compileLimits().cpuMs()).isEqualTo(10_000);
    }

    @Test
    void shouldDocumentEveryKeyWithUnitOrRange() {
        ConfigDef definition = ExecutionConfig.configDef();

        for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
            assertThat(key.name).matches("[a-z0-9.]+");
            assertThat(key.documentation).as(key.name).isNotBlank();
            if (key.name.endsWith(".ms") || key.name.endsWith(".bytes")) {
                assertThat(key.validator).as(key.name).isNotNull();
            }
        }
    }

    @Test
    void shouldMapSubmissionLimitsToRunLimits() {
        ExecutionConfig config =
                new ExecutionConfig(Map.of(ExecutionConfig.SANDBOX_PIDS_MAX_CONFIG, 32));
        Limits limits =
                Limits.newBuilder()
                        .setCpuMs(100)
                        .setWallMs(200)
                        .setMemoryBytes(1 << 24)
                        .setOutputBytes(10)
                        .build();

        RunLimits run = config.runLimits(limits);

        assertThat(run.cpuMs()).isEqualTo(100);
        assertThat(run.wallMs()).isEqualTo(200);
        assertThat(run.memoryBytes()).isEqualTo(1 << 24);
        assertThat(run.outputBytes()).isEqualTo(10);
        assertThat(run.pidsMax()).isEqualTo(32);
    }

    @Test
    void shouldPassLanguageKeysWithoutPrefix() {
        ExecutionConfig config =
                new ExecutionConfig(
                        Map.of(
                                "language.cpp.compile.flags",
                                "-O3",
                                "language.c.compile.flags",
                                "-O1"));

        assertThat(config.languageConfigs("cpp")).isEqualTo(Map.of("compile.flags", "-O3"));
    }

    @Test
    void shouldRejectMinimumAboveMaximum() {
        Map<String, Object> values =
                Map.of(
                        ExecutionConfig.LIMITS_CPU_MS_MIN_CONFIG,
                        5000,
                        ExecutionConfig.LIMITS_CPU_MS_MAX_CONFIG,
                        1000);

        assertThatThrownBy(() -> new ExecutionConfig(values))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "limits.cpu.ms.min=5000 is greater than limits.cpu.ms.max=1000; the minimum must not exceed the maximum");
    }

    @Test
    void shouldRejectMoreSlotsThanUids() {
        Map<String, Object> values =
                Map.of(
                        ExecutionConfig.EXECUTOR_SLOTS_CONFIG,
                        8,
                        ExecutionConfig.SANDBOX_UID_COUNT_CONFIG,
                        4);

        assertThatThrownBy(() -> new ExecutionConfig(values))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("executor.slots=8")
                .hasMessageContaining("sandbox.uid.count=4");
    }

    @Test
    void shouldRejectReportsThatCouldPassOneMebibyte() {
        Map<String, Object> values =
                Map.of(
                        ExecutionConfig.REPORT_EXCERPT_MAX_BYTES_CONFIG,
                        65536,
                        ExecutionConfig.SUBMISSION_TESTS_MAX_CONFIG,
                        100);

        assertThatThrownBy(() -> new ExecutionConfig(values))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max.request.size");
    }

    @Test
    void shouldRejectInvalidLanguageIds() {
        assertThatThrownBy(
                        () ->
                                new ExecutionConfig(
                                        Map.of(ExecutionConfig.LANGUAGES_CONFIG, "Python")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'Python'");
    }
}
