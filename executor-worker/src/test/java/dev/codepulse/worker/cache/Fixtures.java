package dev.codepulse.worker.cache;

import dev.codepulse.schemas.CacheOutcome;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.CompileResult;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.Limits;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import dev.codepulse.schemas.TestResult;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.schemas.serde.EventSerdes;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Submissions, reports and configurations shared by the cache tests. */
final class Fixtures {
    static final String TOOLCHAIN = "g++ 12.2.0";
    static final List<String> FLAGS = List.of("-O2", "-std=c++17");
    static final String RUNNER = "runner-1";

    static {
        // Avro copies records (newBuilder(record)) only after a serde has trusted our classes.
        EventSerdes.singleObject().serde(Submission.class);
    }

    private Fixtures() {}

    static Submission submission(String source) {
        return Submission.newBuilder()
                .setId("sub-1")
                .setProblemId("sum")
                .setLanguage("cpp")
                .setSource(source)
                .setTests(
                        List.of(
                                new TestCase("t1", "1 2\n", "3\n"),
                                new TestCase("t2", "5 5\n", "10\n")))
                .setLimits(new Limits(1000, 3000, 256L << 20, 1L << 20))
                .setCheckerMode(CheckerMode.NORMALIZED)
                .setSubmittedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();
    }

    static CacheKey key(String source) {
        return CacheKey.of(submission(source), TOOLCHAIN, FLAGS, RUNNER);
    }

    static ExecutionReport report(Verdict verdict, LimitKind limit) {
        return ExecutionReport.newBuilder()
                .setSubmissionId("sub-1")
                .setProblemId("sum")
                .setLanguage("cpp")
                .setVerdict(verdict)
                .setLimitExceeded(limit)
                .setCompile(new CompileResult(true, 640L, 600L, 50L << 20, 0, "", false))
                .setTests(List.of(testResult("t1", verdict, limit)))
                .setQueueMs(12)
                .setProcessingMicros(700_000)
                .setCache(new CacheOutcome(false, CacheTier.NONE, 40L, false))
                .setToolchain(TOOLCHAIN)
                .setWorkerId("worker-a")
                .setIsolationLevel(IsolationLevel.FULL)
                .setStartedAt(Instant.ofEpochMilli(1_700_000_000_100L))
                .setCompletedAt(Instant.ofEpochMilli(1_700_000_000_800L))
                .setAttributes(Map.of("tenant", "acme"))
                .build();
    }

    static ExecutionReport accepted() {
        return report(Verdict.ACCEPTED, null);
    }

    static TestResult testResult(String name, Verdict verdict, LimitKind limit) {
        return TestResult.newBuilder()
                .setName(name)
                .setVerdict(verdict)
                .setLimitExceeded(limit)
                .setCpuMs(3)
                .setWallMs(5)
                .setPeakMemoryBytes(4L << 20)
                .setExitCode(0)
                .setSignal(null)
                .setStdoutExcerpt("3\n")
                .setStdoutTruncated(false)
                .setStderrExcerpt("")
                .setStderrTruncated(false)
                .build();
    }

    /** Returns settings for a cache without Redis and without the summary log. */
    static Map<String, Object> localOnly() {
        Map<String, Object> config = new HashMap<>();
        config.put(CacheConfig.SUMMARY_INTERVAL_MS_CONFIG, 0L);
        return config;
    }

    /** Returns settings for a cache on {@code redisUrl} with short time limits for tests. */
    static Map<String, Object> withRedis(String redisUrl) {
        Map<String, Object> config = localOnly();
        config.put(CacheConfig.REDIS_URL_CONFIG, redisUrl);
        // Tests share one Redis: each cache instance group gets its own key space.
        config.put(CacheConfig.REDIS_KEY_PREFIX_CONFIG, "test-" + UUID.randomUUID() + ":");
        config.put(CacheConfig.REDIS_CONNECT_TIMEOUT_MS_CONFIG, 200);
        config.put(CacheConfig.REDIS_SOCKET_TIMEOUT_MS_CONFIG, 200);
        config.put(CacheConfig.REDIS_POOL_BORROW_TIMEOUT_MS_CONFIG, 200);
        config.put(CacheConfig.BREAKER_FAILURE_THRESHOLD_CONFIG, 3);
        config.put(CacheConfig.BREAKER_OPEN_MS_CONFIG, 300L);
        return config;
    }
}
