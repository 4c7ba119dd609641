package dev.codepulse.worker;

import static dev.codepulse.worker.TestSubmissions.submission;
import static dev.codepulse.worker.TestSubmissions.test;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.TestCase;
import dev.codepulse.schemas.Verdict;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same problem, read two integers and print their sum, in every language. */
class LanguagesIT {
    private static final List<TestCase> TESTS =
            List.of(test("small", "3 4\n", "7\n"), test("negative", "-10 25\n", "15\n"));

    private static SubmissionExecutor executor;

    @BeforeAll
    static void startExecutor() {
        executor = TestExecutors.start();
    }

    @AfterAll
    static void closeExecutor() {
        executor.close();
    }

    static Stream<Arguments> correctSolutions() {
        return Stream.of(
                Arguments.of("python", "a, b = map(int, input().split())\nprint(a + b)\n"),
                Arguments.of(
                        "c",
                        "#include <stdio.h>\n"
                                + "int main(void) { long a, b; scanf(\"%ld %ld\", &a, &b);"
                                + " printf(\"%ld\\n\", a + b); return 0; }\n"),
                Arguments.of(
                        "cpp",
                        "#include <iostream>\n"
                                + "int main() { long a, b; std::cin >> a >> b;"
                                + " std::cout << a + b << '\\n'; }\n"),
                Arguments.of(
                        "java",
                        "import java.util.Scanner;\n"
                                + "public class Main { public static void main(String[] args) {"
                                + " Scanner in = new Scanner(System.in);"
                                + " System.out.println(in.nextLong() + in.nextLong()); } }\n"),
                Arguments.of(
                        "javascript",
                        "const [a, b] = require('fs').readFileSync(0, 'utf8').trim()"
                                + ".split(/\\s+/).map(Number);\nconsole.log(a + b);\n"));
    }

    static Stream<Arguments> wrongSolutions() {
        return Stream.of(
                Arguments.of("python", "a, b = map(int, input().split())\nprint(a - b)\n"),
                Arguments.of(
                        "c",
                        "#include <stdio.h>\n"
                                + "int main(void) { long a, b; scanf(\"%ld %ld\", &a, &b);"
                                + " printf(\"%ld\\n\", a * b); return 0; }\n"),
                Arguments.of(
                        "cpp",
                        "#include <iostream>\n"
                                + "int main() { long a, b; std::cin >> a >> b;"
                                + " std::cout << a << b << '\\n'; }\n"),
                Arguments.of(
                        "java",
                        "public class Main { public static void main(String[] args) {"
                                + " System.out.println(42); } }\n"),
                Arguments.of("javascript", "console.log('0');\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correctSolutions")
    void shouldAcceptCorrectSum(String language, String source) {
        ExecutionOutcome outcome = executor.execute(submission(language, source, TESTS));

        assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.ACCEPTED);
        assertThat(outcome.tests()).hasSize(2);
        assertThat(outcome.toolchain()).isNotBlank();
        assertThat(outcome.isolationLevel()).isEqualTo(IsolationLevel.FULL);
        assertThat(outcome.tests().get(0).getWallMs()).isPositive();
        assertThat(outcome.tests().get(0).getPeakMemoryBytes()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongSolutions")
    void shouldRejectWrongSum(String language, String source) {
        ExecutionOutcome outcome = executor.execute(submission(language, source, TESTS));

        assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(outcome.tests()).hasSize(1);
        assertThat(outcome.tests().get(0).getExitCode()).isZero();
    }

    @Test
    void shouldReportToolchainVersions() {
        Map<String, String> expectedNames =
                Map.of(
                        "python", "python ",
                        "c", "gcc ",
                        "cpp", "g++ ",
                        "java", "openjdk ",
                        "javascript", "node ");

        for (Map.Entry<String, String> entry : expectedNames.entrySet()) {
            LanguageInfo info = executor.language(entry.getKey()).orElseThrow();
            assertThat(info.toolchain()).startsWith(entry.getValue());
            assertThat(info.toolchainVersion()).matches("\\d+(\\.\\d+)+.*");
        }
    }
}
