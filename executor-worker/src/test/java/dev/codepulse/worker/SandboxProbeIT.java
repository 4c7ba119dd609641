package dev.codepulse.worker;

import static dev.codepulse.worker.TestSubmissions.MIB;
import static dev.codepulse.worker.TestSubmissions.limits;
import static dev.codepulse.worker.TestSubmissions.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.testsupport.LogCapture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the start-up probe decides when parts of the sandbox are missing. */
class SandboxProbeIT {
    private static final String SUM_PYTHON = "a, b = map(int, input().split())\nprint(a + b)\n";
    private static final Map<String, Object> WITHOUT_BWRAP =
            Map.of(
                    ExecutionConfig.SANDBOX_BWRAP_PATH_CONFIG, "/nonexistent/bwrap",
                    ExecutionConfig.LANGUAGES_CONFIG, "python");

    @Test
    void shouldRefuseToStartWithoutIsolation() {
        assertThatThrownBy(() -> TestExecutors.start(WITHOUT_BWRAP))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("cannot isolate untrusted code")
                .hasMessageContaining("bubblewrap not found at /nonexistent/bwrap")
                .hasMessageContaining("sandbox.allow.insecure=true");
    }

    @Test
    void shouldWarnLoudlyWhenInsecure() {
        Map<String, Object> insecure = new HashMap<>(WITHOUT_BWRAP);
        insecure.put(ExecutionConfig.SANDBOX_ALLOW_INSECURE_CONFIG, true);

        try (LogCapture logs = LogCapture.start("dev.codepulse.worker");
                SubmissionExecutor executor = TestExecutors.start(insecure)) {
            ExecutionOutcome outcome =
                    executor.execute(
                            TestSubmissions.submission(
                                    "python",
                                    SUM_PYTHON,
                                    List.of(TestSubmissions.test("sum", "2 3", "5"))));

            assertThat(executor.isolationLevel()).isEqualTo(IsolationLevel.NONE);
            assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.ACCEPTED);
            assertThat(outcome.isolationLevel()).isEqualTo(IsolationLevel.NONE);
            assertThat(logs.messages(Level.WARN))
                    .anyMatch(message -> message.startsWith("INSECURE"));
        }
    }

    @Test
    void shouldDegradeWithoutCgroups() {
        Map<String, Object> withoutCgroups =
                Map.of(
                        ExecutionConfig.SANDBOX_CGROUP_MODE_CONFIG, "none",
                        ExecutionConfig.LANGUAGES_CONFIG, "python");

        try (LogCapture logs = LogCapture.start("dev.codepulse.worker");
                SubmissionExecutor executor = TestExecutors.start(withoutCgroups)) {
            ExecutionOutcome outcome =
                    executor.execute(
                            single(
                                    "python",
                                    "items = [0] * (10 ** 9)\n",
                                    "",
                                    limits(5_000, 10_000, 256 * MIB, MIB)));

            assertThat(executor.isolationLevel()).isEqualTo(IsolationLevel.DEGRADED);
            assertThat(executor.sandboxCapabilities().missing())
                    .contains("cgroups: disabled by configuration");
            assertThat(logs.messages(Level.INFO))
                    .anyMatch(message -> message.contains("isolation=DEGRADED"));
            // Without a memory cgroup, RLIMIT_AS makes Python raise MemoryError.
            assertThat(outcome.verdict())
                    .as(outcome.toString())
                    .isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
            assertThat(outcome.limitExceeded()).isEqualTo(LimitKind.MEMORY);
            assertThat(outcome.tests().get(0).getStderrExcerpt()).contains("MemoryError");
        }
    }
}
