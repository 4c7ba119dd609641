package dev.codepulse.worker;

import static dev.codepulse.worker.TestSubmissions.MIB;
import static dev.codepulse.worker.TestSubmissions.limits;
import static dev.codepulse.worker.TestSubmissions.single;
import static dev.codepulse.worker.TestSubmissions.submission;
import static dev.codepulse.worker.TestSubmissions.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.TestResult;
import dev.codepulse.schemas.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Programs that break limits, crash or attack the host, each judged in the real sandbox. */
class LimitsIT {
    // A uid range of its own, so that the process check below finds only this class's runs and
    // not those of other sandboxes on the host, which lease uids from the default range.
    private static final int FIRST_UID = 65_000;
    private static final int UID_COUNT = 2;
    private static SubmissionExecutor executor;

    @BeforeAll
    static void startExecutor() {
        executor =
                TestExecutors.start(
                        Map.of(
                                ExecutionConfig.SANDBOX_UID_FIRST_CONFIG, FIRST_UID,
                                ExecutionConfig.SANDBOX_UID_COUNT_CONFIG, UID_COUNT));
    }

    @AfterAll
    static void closeExecutor() {
        executor.close();
    }

    @Test
    void shouldStopBusyLoopAtCpuLimit() {
        ExecutionOutcome outcome =
                executor.execute(
                        single(
                                "python",
                                "while True:\n    pass\n",
                                "",
                                limits(500, 10_000, 64 * MIB, MIB)));

        assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        assertThat(outcome.limitExceeded()).isEqualTo(LimitKind.CPU_TIME);
        assertThat(outcome.tests().get(0).getCpuMs()).isGreaterThanOrEqualTo(500);
        assertThat(outcome.deterministic()).isTrue();
    }

    @Test
    void shouldStopSleeperAtWallLimit() {
        ExecutionOutcome outcome =
                executor.execute(
                        single(
                                "python",
                                "import time\ntime.sleep(30)\n",
                                "",
                                limits(2_000, 1_000, 64 * MIB, MIB)));

        assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        assertThat(outcome.limitExceeded()).isEqualTo(LimitKind.WALL_TIME);
        assertThat(outcome.tests().get(0).getWallMs()).isGreaterThanOrEqualTo(1_000);
        assertThat(outcome.deterministic()).isFalse();
    }

    @Test
    void shouldReportExitCodeOfFailingProgram() {
        ExecutionOutcome outcome =
                executor.execute(
                        single(
                                "python",
                                "import sys\nsys.exit(3)\n",
                                "",
                                TestSubmissions.defaultLimits()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
        assertThat(outcome.limitExceeded()).isNull();
        assertThat(outcome.tests().get(0).getExitCode()).isEqualTo(3);
        assertThat(outcome.tests().get(0).getSignal()).isNull();
    }

    @Test
    void shouldReportSignalOfSegfault() {
        String source = "int main(void) { volatile int *p = 0; *p = 1; return 0; }\n";

        ExecutionOutcome outcome =
                executor.execute(single("c", source, "", TestSubmissions.defaultLimits()));

        assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.RUNTIME_ERROR);
        assertThat(outcome.tests().get(0).getSignal()).isEqualTo(11);
        assertThat(outcome.tests().get(0).getExitCode()).isNull();
    }

    @Test
    void shouldKillEndlessPrinterAtOutputLimit() {
        String source = "line = 'x' * 1023\nwhile True:\n    print(line)\n";

        ExecutionOutcome outcome =
                executor.execute(
                        single("python", source, "", limits(20_000, 20_000, 64 * MIB, MIB)));

        TestResult result = outcome.tests().get(0);
        assertThat(outcome.verdict())
                .as(outcome.toString())
                .isEqualTo(Verdict.OUTPUT_LIMIT_EXCEEDED);
        // OUTPUT rather than CPU_TIME or WALL_TIME: the output cap fired long before the time
        // limits.
        assertThat(outcome.limitExceeded()).isEqualTo(LimitKind.OUTPUT);
        assertThat(result.getSignal()).isEqualTo(9);
        assertThat(result.getStdoutTruncated()).isTrue();
        assertThat(result.getStdoutExcerpt()).hasSizeLessThanOrEqualTo(1024);
    }

    @Test
    void shouldStopFileWriterAtTmpfsSize() {
        String source =
                "chunk = b'x' * (1 << 20)\n"
                        + "with open('/tmp/fill', 'wb') as f:\n"
                        + "    for _ in range(10 * 1024):\n"
                        + "        f.write(chunk)\n";

        ExecutionOutcome outcome =
                executor.execute(
                        single("python", source, "", limits(10_000, 10_000, 256 * MIB, MIB)));

        // The 64 MiB tmpfs fills first (ENOSPC), before the 64 MiB RLIMIT_FSIZE could fire.
        assertThat(outcome.verdict())
                .as(outcome.toString())
                .isIn(Verdict.RUNTIME_ERROR, Verdict.OUTPUT_LIMIT_EXCEEDED);
        assertThat(outcome.tests().get(0).getStderrExcerpt())
                .containsAnyOf("No space left", "File too large");
    }

    @Test
    void shouldContainForkBomb() throws Exception {
        String bomb = "#include <unistd.h>\nint main(void) { for (;;) fork(); }\n";

        ExecutionOutcome outcome =
                executor.execute(single("c", bomb, "", limits(1_000, 5_000, 128 * MIB, MIB)));

        assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        assertThat(outcome.limitExceeded()).isIn(LimitKind.CPU_TIME, LimitKind.WALL_TIME);
        // Zombies of the run may linger until the host's init reaps them, but nothing runs.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                SandboxUids.processesOf(
                                                        FIRST_UID, FIRST_UID + UID_COUNT - 1))
                                        .isEmpty());
        ExecutionOutcome next =
                executor.execute(
                        submission(
                                "python",
                                "a, b = map(int, input().split())\nprint(a + b)\n",
                                List.of(test("sum", "1 2\n", "3\n"))));
        assertThat(next.verdict()).as(next.toString()).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void shouldRunNothingAfterFailingTest() {
        String source = "import sys\nprint(sys.stdin.read().strip())\n";
        List<dev.codepulse.schemas.TestCase> tests =
                List.of(
                        test("first", "a", "a"),
                        test("second", "b", "wrong"),
                        test("third", "c", "c"));

        ExecutionOutcome outcome = executor.execute(submission("python", source, tests));

        assertThat(outcome.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(outcome.tests())
                .extracting(TestResult::getName)
                .containsExactly("first", "second");
    }
}
