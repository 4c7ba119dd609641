package dev.codepulse.worker;

import static dev.codepulse.worker.TestSubmissions.MIB;
import static dev.codepulse.worker.TestSubmissions.limits;
import static dev.codepulse.worker.TestSubmissions.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Memory limits per language: the memory cgroup for all, plus the JVM's and V8's own heaps. */
class MemoryLimitIT {
    private static SubmissionExecutor executor;

    @BeforeAll
    static void startExecutor() {
        executor = TestExecutors.start();
    }

    @AfterAll
    static void closeExecutor() {
        executor.close();
    }

    @Test
    void shouldRunSmallJavaIn256Mib() {
        String source =
                "public class Main { public static void main(String[] args) {"
                        + " System.out.println(\"hello\"); } }\n";

        ExecutionOutcome outcome =
                executor.execute(
                        single("java", source, "hello\n", limits(5_000, 10_000, 256 * MIB, MIB)));

        assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.ACCEPTED);
        assertThat(outcome.tests().get(0).getPeakMemoryBytes()).isBetween(1L, 256 * MIB);
    }

    @Test
    void shouldStopCppFilling700Mib() {
        String source =
                "#include <cstdio>\n#include <vector>\n"
                        + "int main() { std::vector<char> v(700u << 20, 1);"
                        + " std::printf(\"%d\\n\", v[v.size() - 1]); }\n";

        ExecutionOutcome outcome =
                executor.execute(
                        single("cpp", source, "1\n", limits(5_000, 10_000, 512 * MIB, MIB)));

        assertThat(outcome.verdict())
                .as(outcome.toString())
                .isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        assertThat(outcome.limitExceeded()).isEqualTo(LimitKind.MEMORY);
        assertThat(outcome.tests().get(0).getPeakMemoryBytes()).isGreaterThan(256 * MIB);
    }

    @Test
    void shouldStopHugePythonList() {
        String source = "items = [0] * (10 ** 9)\nprint(len(items))\n";

        ExecutionOutcome outcome =
                executor.execute(
                        single(
                                "python",
                                source,
                                "1000000000\n",
                                limits(5_000, 10_000, 256 * MIB, MIB)));

        assertThat(outcome.verdict())
                .as(outcome.toString())
                .isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        assertThat(outcome.limitExceeded()).isEqualTo(LimitKind.MEMORY);
        assertThat(outcome.tests().get(0).getPeakMemoryBytes()).isGreaterThan(128 * MIB);
    }

    @Test
    void shouldStopJavaAllocating800Mib() {
        String source =
                "public class Main { public static void main(String[] args) {"
                        + " byte[][] chunks = new byte[800][];"
                        + " for (int i = 0; i < chunks.length; i++) { chunks[i] = new byte[1 << 20]; }"
                        + " System.out.println(chunks.length); } }\n";

        ExecutionOutcome outcome =
                executor.execute(
                        single("java", source, "800\n", limits(5_000, 10_000, 256 * MIB, MIB)));

        assertThat(outcome.verdict())
                .as(outcome.toString())
                .isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        assertThat(outcome.limitExceeded()).isEqualTo(LimitKind.MEMORY);
        assertThat(outcome.tests().get(0).getStderrExcerpt())
                .contains("java.lang.OutOfMemoryError");
        assertThat(outcome.tests().get(0).getPeakMemoryBytes()).isGreaterThan(128 * MIB);
    }

    @Test
    void shouldStopJavaScriptHeapGrowth() {
        String source =
                "const chunks = [];\n"
                        + "for (let i = 0; i < 1000; i++) { chunks.push(new Array(1 << 20).fill(i)); }\n"
                        + "console.log(chunks.length);\n";

        ExecutionOutcome outcome =
                executor.execute(
                        single(
                                "javascript",
                                source,
                                "1000\n",
                                limits(10_000, 20_000, 256 * MIB, MIB)));

        assertThat(outcome.verdict())
                .as(outcome.toString())
                .isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        assertThat(outcome.limitExceeded()).isEqualTo(LimitKind.MEMORY);
        assertThat(outcome.tests().get(0).getPeakMemoryBytes()).isGreaterThan(64 * MIB);
    }
}
