package dev.codepulse.bench;

import dev.codepulse.schemas.CacheOutcome;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.CompileResult;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.TestResult;
import dev.codepulse.schemas.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Execution reports that look like the executor's: five languages, one to five tests each with
 * short output excerpts, compile steps for compiled languages, a third answered from the cache, and
 * a few failing verdicts. Seeded, so every run sends the same events.
 */
final class ReportWorkload {
    private static final String[] LANGUAGES = {"python", "c", "cpp", "java", "javascript"};
    private static final String[] TOOLCHAINS = {
        "python 3.11.2", "gcc 12.2.0", "g++ 12.2.0", "openjdk 17.0.14", "node 18.19.0"
    };
    private static final long[] RUN_MS = {25, 3, 4, 70, 35};
    private static final long[] COMPILE_MS = {-1, 60, 650, 740, -1};

    private final SplittableRandom random;

    ReportWorkload(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Returns report number {@code index}, keyed by its submission id. */
    ExecutionReport next(long index) {
        int language = random.nextInt(LANGUAGES.length);
        boolean cacheHit = random.nextInt(3) == 0;
        return build(index, language, cacheHit, 1 + random.nextInt(5));
    }

    /** Returns report number {@code index} with {@code tests} test results. */
    ExecutionReport next(long index, int tests) {
        int language = random.nextInt(LANGUAGES.length);
        boolean cacheHit = random.nextInt(3) == 0;
        return build(index, language, cacheHit, tests);
    }

    private ExecutionReport build(long index, int language, boolean cacheHit, int tests) {
        Verdict verdict = verdict();
        return ExecutionReport.newBuilder()
                .setSubmissionId("submission-" + index)
                .setProblemId("problem-" + random.nextInt(200))
                .setLanguage(LANGUAGES[language])
                .setVerdict(verdict)
                .setCompile(cacheHit ? null : compile(language))
                .setTests(tests(language, tests, cacheHit))
                .setQueueMs(random.nextInt(200))
                .setProcessingMicros(
                        cacheHit ? 300 + random.nextInt(500) : 20_000 + random.nextInt(900_000))
                .setCache(
                        CacheOutcome.newBuilder()
                                .setHit(cacheHit)
                                .setTier(
                                        cacheHit
                                                ? (random.nextBoolean()
                                                        ? CacheTier.LOCAL
                                                        : CacheTier.REDIS)
                                                : CacheTier.NONE)
                                .setLookupMicros(20 + random.nextInt(400))
                                .setStored(!cacheHit)
                                .build())
                .setToolchain(TOOLCHAINS[language])
                .setWorkerId("worker-" + random.nextInt(4))
                .setIsolationLevel(IsolationLevel.values()[0])
                .setStartedAt(Instant.ofEpochMilli(1_700_000_000_000L + index))
                .setCompletedAt(Instant.ofEpochMilli(1_700_000_000_050L + index))
                .setAttributes(Map.of("source", "benchmark"))
                .build();
    }

    private Verdict verdict() {
        int roll = random.nextInt(100);
        if (roll < 80) {
            return Verdict.ACCEPTED;
        }
        if (roll < 90) {
            return Verdict.WRONG_ANSWER;
        }
        if (roll < 95) {
            return Verdict.RUNTIME_ERROR;
        }
        return Verdict.TIME_LIMIT_EXCEEDED;
    }

    private CompileResult compile(int language) {
        if (COMPILE_MS[language] < 0) {
            return null;
        }
        long wallMs = COMPILE_MS[language] + random.nextInt((int) COMPILE_MS[language]);
        return CompileResult.newBuilder()
                .setSucceeded(true)
                .setWallMs(wallMs)
                .setCpuMs(wallMs - wallMs / 10)
                .setPeakMemoryBytes(40_000_000 + random.nextInt(80_000_000))
                .setExitCode(0)
                .setOutput("")
                .setOutputTruncated(false)
                .build();
    }

    private List<TestResult> tests(int language, int count, boolean cacheHit) {
        List<TestResult> tests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long wallMs = RUN_MS[language] + random.nextInt((int) RUN_MS[language] * 3);
            tests.add(
                    TestResult.newBuilder()
                            .setName("test-" + i)
                            .setVerdict(Verdict.ACCEPTED)
                            .setCpuMs(cacheHit ? wallMs : wallMs - wallMs / 5)
                            .setWallMs(wallMs)
                            .setPeakMemoryBytes(5_000_000 + random.nextInt(60_000_000))
                            .setExitCode(0)
                            .setStdoutExcerpt("answer " + random.nextInt(1_000_000))
                            .setStdoutTruncated(false)
                            .setStderrExcerpt("")
                            .setStderrTruncated(false)
                            .build());
        }
        return tests;
    }
}
