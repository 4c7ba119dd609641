package dev.codepulse.worker.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.Limits;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubmissionValidatorTest {
    private static final long MIB = 1024 * 1024;
    private static final ValidationRules RULES =
            new ValidationRules(100, 3, 50, 10, 10_000, 10, 20_000, 16 * MIB, 512 * MIB, 1, MIB);
    private static final SubmissionValidator VALIDATOR =
            new SubmissionValidator(RULES, Set.of("python", "cpp"));

    private static TestCase test(String name, String stdin, String expected) {
        return TestCase.newBuilder()
                .setName(name)
                .setStdin(stdin)
                .setExpectedStdout(expected)
                .build();
    }

    private static Limits limits(int cpuMs, int wallMs, long memoryBytes, long outputBytes) {
        return Limits.newBuilder()
                .setCpuMs(cpuMs)
                .setWallMs(wallMs)
                .setMemoryBytes(memoryBytes)
                .setOutputBytes(outputBytes)
                .build();
    }

    private static Submission submission(
            String language, String source, List<TestCase> tests, Limits limits) {
        return Submission.newBuilder()
                .setId("s1")
                .setProblemId("p1")
                .setLanguage(language)
                .setSource(source)
                .setTests(tests)
                .setLimits(limits)
                .setCheckerMode(CheckerMode.NORMALIZED)
                .setSubmittedAt(Instant.EPOCH)
                .build();
    }

    private static Submission valid() {
        return submission(
                "python",
                "print(1)",
                List.of(test("a", "", "1")),
                limits(1000, 2000, 64 * MIB, 1024));
    }

    private static Optional<String> validate(Submission submission) {
        return VALIDATOR.validate(submission);
    }

    @Test
    void shouldAcceptValidSubmission() {
        assertThat(validate(valid())).isEmpty();
    }

    @Test
    void shouldRejectUnknownLanguage() {
        Submission submission = submission("cobol", "x", valid().getTests(), valid().getLimits());

        assertThat(validate(submission))
                .contains(
                        "language 'cobol' is not supported; supported languages are [cpp, python].");
    }

    @Test
    void shouldRejectEmptySource() {
        Submission submission =
                submission("python", "  \n", valid().getTests(), valid().getLimits());

        assertThat(validate(submission))
                .contains("the source is empty; it must have 1 to 100 bytes.");
    }

    @Test
    void shouldRejectOversizedSource() {
        Submission submission =
                submission("python", "é".repeat(51), valid().getTests(), valid().getLimits());

        assertThat(validate(submission))
                .contains("the source has 102 bytes; it must have 1 to 100 bytes.");
    }

    @Test
    void shouldRejectMissingTests() {
        Submission submission = submission("python", "x", List.of(), valid().getLimits());

        assertThat(validate(submission))
                .contains("the submission has no tests; it must have 1 to 3 tests.");
    }

    @Test
    void shouldRejectTooManyTests() {
        List<TestCase> tests =
                List.of(test("a", "", ""), test("b", "", ""), test("c", "", ""), test("d", "", ""));

        assertThat(validate(submission("python", "x", tests, valid().getLimits())))
                .contains("the submission has 4 tests; it must have 1 to 3 tests.");
    }

    @Test
    void shouldRejectDuplicateTestNames() {
        List<TestCase> tests = List.of(test("a", "", ""), test("a", "", ""));

        assertThat(validate(submission("python", "x", tests, valid().getLimits())))
                .contains("test name 'a' appears more than once; test names must be unique.");
    }

    @Test
    void shouldRejectOversizedTestInput() {
        List<TestCase> tests = List.of(test("big", "x".repeat(51), ""));

        assertThat(validate(submission("python", "x", tests, valid().getLimits())))
                .contains("the stdin of test 'big' has 51 bytes; it must have at most 50 bytes.");
    }

    @Test
    void shouldRejectExpectedOutputLargerThanOutputLimit() {
        List<TestCase> tests = List.of(test("long", "", "x".repeat(20)));
        Limits limits = limits(1000, 2000, 64 * MIB, 10);

        assertThat(validate(submission("python", "x", tests, limits)))
                .contains(
                        "the expected output of test 'long' has 20 bytes, more than"
                                + " limits.outputBytes (10 bytes), so no program could pass it.");
    }

    @Test
    void shouldRejectLimitsOutOfRange() {
        Limits cpu = limits(5, 2000, 64 * MIB, 1024);
        Limits wall = limits(1000, 30_000, 64 * MIB, 1024);
        Limits memory = limits(1000, 2000, MIB, 1024);
        Limits output = limits(1000, 2000, 64 * MIB, 0);

        assertThat(validate(submission("python", "x", valid().getTests(), cpu)))
                .contains("limits.cpuMs is 5 ms; it must be between 10 and 10000 ms.");
        assertThat(validate(submission("python", "x", valid().getTests(), wall)))
                .contains("limits.wallMs is 30000 ms; it must be between 10 and 20000 ms.");
        assertThat(validate(submission("python", "x", valid().getTests(), memory)))
                .contains(
                        "limits.memoryBytes is 1048576 bytes; it must be between 16777216 and 536870912 bytes.");
        assertThat(validate(submission("python", "x", valid().getTests(), output)))
                .contains("limits.outputBytes is 0 bytes; it must be between 1 and 1048576 bytes.");
    }

    @Test
    void shouldRejectMissingPieces() {
        Submission withoutLimits =
                new Submission(
                        "s1",
                        "p1",
                        "python",
                        "x",
                        valid().getTests(),
                        null,
                        CheckerMode.NORMALIZED,
                        Instant.EPOCH,
                        Map.of());
        Submission blankTestName =
                submission("python", "x", List.of(test(" ", "", "")), valid().getLimits());

        assertThat(validate(null)).contains("the submission is missing.");
        assertThat(validate(withoutLimits))
                .hasValueSatisfying(
                        reason -> assertThat(reason).startsWith("the limits are missing"));
        assertThat(validate(blankTestName))
                .contains("a test has no name; every test needs a unique, non-blank name.");
    }
}
