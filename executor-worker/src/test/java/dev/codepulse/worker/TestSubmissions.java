package dev.codepulse.worker;

import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.Limits;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds submissions for tests. */
final class TestSubmissions {
    static final long MIB = 1024 * 1024;

    private TestSubmissions() {}

    static Limits limits(int cpuMs, int wallMs, long memoryBytes, long outputBytes) {
        return Limits.newBuilder()
                .setCpuMs(cpuMs)
                .setWallMs(wallMs)
                .setMemoryBytes(memoryBytes)
                .setOutputBytes(outputBytes)
                .build();
    }

    /** 2 s CPU, 5 s wall, 256 MiB memory, 1 MiB output. */
    static Limits defaultLimits() {
        return limits(2_000, 5_000, 256 * MIB, MIB);
    }

    static TestCase test(String name, String stdin, String expectedStdout) {
        return TestCase.newBuilder()
                .setName(name)
                .setStdin(stdin)
                .setExpectedStdout(expectedStdout)
                .build();
    }

    static Submission submission(String language, String source, List<TestCase> tests) {
        return submission(language, source, tests, defaultLimits());
    }

    static Submission submission(
            String language, String source, List<TestCase> tests, Limits limits) {
        return submission(language, source, tests, limits, CheckerMode.NORMALIZED);
    }

    static Submission submission(
            String language, String source, List<TestCase> tests, Limits limits, CheckerMode mode) {
        return Submission.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setProblemId("sum")
                .setLanguage(language)
                .setSource(source)
                .setTests(tests)
                .setLimits(limits)
                .setCheckerMode(mode)
                .setSubmittedAt(Instant.now())
                .build();
    }

    /** Builds a submission with one test of empty stdin and {@code expected} output. */
    static Submission single(String language, String source, String expected, Limits limits) {
        return submission(language, source, List.of(test("only", "", expected)), limits);
    }
}
