package dev.codepulse.worker.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExcerptsTest {

    @Test
    void shouldCutBeforeSplitCharacter() {
        byte[] bytes = "aé€".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 bytes

        assertThat(Excerpts.utf8Prefix(bytes, 2)).isEqualTo("a");
        assertThat(Excerpts.utf8Prefix(bytes, 3)).isEqualTo("aé");
        assertThat(Excerpts.utf8Prefix(bytes, 5)).isEqualTo("aé");
        assertThat(Excerpts.utf8Prefix(bytes, 6)).isEqualTo("aé€");
        assertThat(Excerpts.utf8Prefix(bytes, 100)).isEqualTo("aé€");
        assertThat(Excerpts.utf8Prefix(bytes, 0)).isEmpty();
    }

    @Test
    void shouldReplaceInvalidBytes() {
        byte[] bytes = {'a', (byte) 0xFF, 'b'};

        assertThat(Excerpts.utf8Prefix(bytes, 3)).isEqualTo("a\uFFFDb");
    }

    @Test
    void shouldCountUtf8Length() {
        String text = "aé€\uD83D\uDE00";

        assertThat(Excerpts.utf8Length(text))
                .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(Excerpts.utf8Length("")).isZero();
    }
}
