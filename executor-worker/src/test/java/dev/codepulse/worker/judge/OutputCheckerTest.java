package dev.codepulse.worker.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.CheckerMode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputCheckerTest {

    private static boolean matches(String actual, String expected, CheckerMode mode) {
        return OutputChecker.matches(
                unescape(actual).getBytes(StandardCharsets.UTF_8), unescape(expected), mode);
    }

    // CSV cannot hold CR and LF, so the cases write them as \r and \n.
    private static String unescape(String text) {
        return text == null
                ? ""
                : text.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }

    @ParameterizedTest(name = "[{0}] ~ [{1}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "1 2 \\r\\n\\r\\n | 1 2",
                "1 2 | 1 2\\n",
                "1 2\\n | 1 2\\n\\n\\n",
                "a\\r\\nb\\r\\n | a\\nb",
                "a\\t \\nb | a\\nb \\t",
                "|",
                "\\n\\n | ",
                " | \\n \\n",
                "x\\n\\ny | x\\n\\ny",
            })
    void shouldMatchInNormalizedMode(String actual, String expected) {
        assertThat(matches(actual, expected, CheckerMode.NORMALIZED)).isTrue();
    }

    @ParameterizedTest(name = "[{0}] !~ [{1}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "12 | 1 2",
                "1  2 | 1 2",
                "' 1 2' | 1 2",
                "a\\nb | a\\n\\nb",
                "A | a",
                "1 2\\n3 | 1 2",
                "1 2 | 1 2\\n3",
                "| x",
                "a\\rb | ab",
            })
    void shouldDifferInNormalizedMode(String actual, String expected) {
        assertThat(matches(actual, expected, CheckerMode.NORMALIZED)).isFalse();
    }

    @ParameterizedTest(name = "[{0}] vs [{1}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "1 2 | 1 2 | true",
                "1 2\\n | 1 2\\n | true",
                "1 2\\n | 1 2 | false",
                "1 2 \\r\\n\\r\\n | 1 2 | false",
                "1 2\\r\\n | 1 2\\n | false",
            })
    void shouldCompareBytesInExactMode(String actual, String expected, boolean equal) {
        assertThat(matches(actual, expected, CheckerMode.EXACT)).isEqualTo(equal);
    }
}
