package dev.codepulse.worker;

import static dev.codepulse.worker.TestSubmissions.MIB;
import static dev.codepulse.worker.TestSubmissions.limits;
import static dev.codepulse.worker.TestSubmissions.single;
import static dev.codepulse.worker.TestSubmissions.submission;
import static dev.codepulse.worker.TestSubmissions.test;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.testsupport.ExpectErrorLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The executor's contract with its caller: phases, rejections, platform failures, facts. */
class ExecutorApiIT {
    private static final String SUM_C =
            "#include <stdio.h>\nint main(void) { int a, b; scanf(\"%d %d\", &a, &b);"
                    + " printf(\"%d\\n\", a + b); return 0; }\n";

    private static SubmissionExecutor executor;

    @BeforeAll
    static void startExecutor() {
        executor =
                TestExecutors.start(
                        Map.of(
                                ExecutionConfig.LANGUAGES_CONFIG,
                                "python,c,missing",
                                "language.missing.class",
                                MissingProgramLanguage.class.getName()));
    }

    @AfterAll
    static void closeExecutor() {
        executor.close();
    }

    @Test
    void shouldReportPhasesInOrder() {
        List<String> events = new ArrayList<>();
        PhaseTimer timer =
                phase -> {
                    events.add("start " + phase);
                    return () -> events.add("end " + phase);
                };

        ExecutionOutcome outcome =
                executor.execute(
                        submission(
                                "c", SUM_C, List.of(test("a", "1 2", "3"), test("b", "2 2", "4"))),
                        timer);

        assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.ACCEPTED);
        assertThat(events)
                .containsExactly(
                        "start compile",
                        "end compile",
                        "start run",
                        "end run",
                        "start judge",
                        "end judge",
                        "start run",
                        "end run",
                        "start judge",
                        "end judge");
    }

    @Test
    void shouldRejectUnknownLanguage() {
        ExecutionOutcome outcome =
                executor.execute(
                        single("cobol", "DISPLAY 'HI'.", "HI", TestSubmissions.defaultLimits()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(outcome.reason()).contains("'cobol'", "[c, missing, python]");
        assertThat(outcome.toolchain()).isEmpty();
        assertThat(outcome.tests()).isEmpty();
    }

    @Test
    void shouldRejectMemoryLimitOutOfRange() {
        ExecutionOutcome outcome =
                executor.execute(
                        single(
                                "python",
                                "print(1)",
                                "1",
                                limits(1_000, 1_000, 4 * 1024L * MIB, MIB)));

        assertThat(outcome.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(outcome.reason())
                .contains("limits.memoryBytes is 4294967296 bytes", "16777216 and 2147483648");
        assertThat(outcome.toolchain()).startsWith("python ");
    }

    @Test
    void shouldRejectMissingLanguage() {
        Submission valid = single("python", "print(1)", "1", TestSubmissions.defaultLimits());
        Submission withoutLanguage =
                new Submission(
                        valid.getId(),
                        valid.getProblemId(),
                        null,
                        valid.getSource(),
                        valid.getTests(),
                        valid.getLimits(),
                        valid.getCheckerMode(),
                        valid.getSubmittedAt(),
                        valid.getAttributes());

        ExecutionOutcome outcome = executor.execute(withoutLanguage);

        assertThat(outcome.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(outcome.reason())
                .isEqualTo(
                        "the language is missing; supported languages are [c, missing, python].");
    }

    @Test
    void shouldRejectNullSubmission() {
        ExecutionOutcome outcome = executor.execute(null);

        assertThat(outcome.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(outcome.reason()).isEqualTo("the submission is missing.");
    }

    @Test
    @ExpectErrorLogs("Execution failed on the platform's side")
    void shouldReportUnstartableProgram() {
        ExecutionOutcome outcome =
                executor.execute(
                        single("missing", "anything", "", TestSubmissions.defaultLimits()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.INTERNAL_ERROR);
        assertThat(outcome.reason())
                .contains(
                        "the sandbox failed to start the program", MissingProgramLanguage.PROGRAM);
        assertThat(outcome.toolchain()).isEqualTo("missing 1.0");
        assertThat(outcome.deterministic()).isFalse();
    }

    @Test
    void shouldExposeCacheKeyFacts() {
        LanguageInfo c = executor.language("c").orElseThrow();

        assertThat(c.toolchain()).isEqualTo("gcc " + c.toolchainVersion());
        assertThat(c.compileFlags()).contains("-O2", "-lm");
        assertThat(executor.language("cobol")).isEmpty();
        assertThat(SubmissionExecutor.RUNNER_VERSION).isNotBlank();
        assertThat(executor.isolationLevel()).isEqualTo(IsolationLevel.FULL);
        assertThat(executor.sandboxCapabilities().missing()).isEmpty();
    }
}
