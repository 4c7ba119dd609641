package dev.codepulse.worker.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.worker.ToolchainUnavailableException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void shouldRequireClassForUnknownLanguage() {
        assertThatThrownBy(() -> Languages.load(List.of("ruby"), id -> Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("language.ruby.class")
                .hasMessageContaining("not built in");
    }

    @Test
    void shouldRejectClassThatIsNoLanguage() {
        Map<String, Object> configs = Map.of("class", String.class.getName());

        assertThatThrownBy(() -> Languages.load(List.of("text"), id -> configs))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not implement");
    }

    @Test
    void shouldReportMissingToolchainWithItsKey() {
        Map<String, Object> configs = Map.of("interpreter.path", "/nonexistent/python3");

        assertThatThrownBy(() -> Languages.load(List.of("python"), id -> configs))
                .isInstanceOf(ToolchainUnavailableException.class)
                .hasMessageContaining("/nonexistent/python3 (language.python.interpreter.path)");
    }

    @Test
    void shouldBuildCompileCommandFromFlags() {
        Map<String, Object> configs = Map.of("compile.flags", "-O1  -Wall", "link.flags", "-lm");

        Languages languages = Languages.load(List.of("c"), id -> configs);
        Language c = languages.find("c").orElseThrow();

        assertThat(c.compileCommand("/work").orElseThrow())
                .containsExactly(
                        "/usr/bin/gcc", "-O1", "-Wall", "-o", "/work/main", "/work/main.c", "-lm");
        assertThat(c.runCommand("/work", 1 << 26)).containsExactly("/work/main");
        assertThat(c.compileFlags()).containsExactly("-O1", "-Wall", "-lm");
        assertThat(c.toolchain().display()).startsWith("gcc ");
    }

    @Test
    void shouldSizeManagedHeapsInsideMemoryLimit() {
        assertThat(ManagedHeap.heapBytes(256 * ManagedHeap.MIB, 64 * ManagedHeap.MIB))
                .isEqualTo(192 * ManagedHeap.MIB);
        assertThat(ManagedHeap.heapBytes(32 * ManagedHeap.MIB, 64 * ManagedHeap.MIB))
                .isEqualTo(16 * ManagedHeap.MIB);
    }
}
