package dev.codepulse.schemas;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/**
 * Realistic, fully populated events of every type, for tests of this and other modules (through the
 * schemas test jar).
 *
 * <p>Each method returns a builder, so a test overrides only the fields it cares about: {@code
 * TestEvents.submission().setId("s-2").build()}. Values are deterministic; timestamps have
 * millisecond precision, as the schemas store them, so decoded events compare equal.
 */
public final class TestEvents {
    /** Start of the window that every sample event falls in. */
    public static final Instant WINDOW_START = Instant.parse("2025-03-14T09:26:00Z");

    /** End of that window, exclusive: one minute after the start. */
    public static final Instant WINDOW_END = WINDOW_START.plusSeconds(60);

    private TestEvents() {}

    /** Returns one event of every value type, with union fields both null and set. */
    public static List<SpecificRecord> all() {
        return List.of(
                submission().build(),
                executionReport().build(),
                internalErrorReport().build(),
                functionSample().build(),
                languageStats().build(),
                functionStats().build(),
                recommendation().build(),
                healthScore().build(),
                optimizerAction().build());
    }

    /** Returns a C++ submission with two tests and labels. */
    public static Submission.Builder submission() {
        return Submission.newBuilder()
                .setId("sub-7f3c2a")
                .setProblemId("two-sum")
                .setLanguage("cpp")
                .setSource(
                        "#include <iostream>\n"
                                + "int main() { long a, b; std::cin >> a >> b;"
                                + " std::cout << a + b << \"\\n\"; }\n"
                                + "// naïve — 合計\n")
                .setTests(
                        List.of(
                                new TestCase("small", "1 2\n", "3\n"),
                                new TestCase("large", "9000000000 1\n", "9000000001\n")))
                .setLimits(new Limits(2_000, 5_000, 256L << 20, 64L << 10))
                .setCheckerMode(CheckerMode.EXACT)
                .setSubmittedAt(WINDOW_START.plusMillis(1_250))
                .setAttributes(Map.of("tenant", "acme", "interview", "int-42"));
    }

    /** Returns a report of a submission whose second test ran out of CPU time. */
    public static ExecutionReport.Builder executionReport() {
        return ExecutionReport.newBuilder()
                .setSubmissionId("sub-7f3c2a")
                .setProblemId("two-sum")
                .setLanguage("cpp")
                .setVerdict(Verdict.TIME_LIMIT_EXCEEDED)
                .setLimitExceeded(LimitKind.CPU_TIME)
                .setReason(null)
                .setCompile(
                        new CompileResult(
                                true, 632L, 598L, 187L << 20, 0, "warning: unused variable", false))
                .setTests(List.of(acceptedTest(), timedOutTest()))
                .setQueueMs(42)
                .setProcessingMicros(2_731_500)
                .setCache(new CacheOutcome(false, CacheTier.NONE, 850L, true))
                .setToolchain("g++ 12.2.0")
                .setWorkerId("worker-1")
                .setIsolationLevel(IsolationLevel.FULL)
                .setStartedAt(WINDOW_START.plusMillis(1_292))
                .setCompletedAt(WINDOW_START.plusMillis(4_023))
                .setAttributes(Map.of("tenant", "acme"));
    }

    /** Returns a report with the platform at fault: a reason, no compile step and no tests. */
    public static ExecutionReport.Builder internalErrorReport() {
        return executionReport()
                .setSubmissionId("sub-91d0e4")
                .setVerdict(Verdict.INTERNAL_ERROR)
                .setLimitExceeded(null)
                .setReason("The sandbox failed to start: bwrap exited with status 1")
                .setCompile(null)
                .setTests(List.of())
                .setCache(new CacheOutcome(false, CacheTier.NONE, 0L, false))
                .setIsolationLevel(IsolationLevel.DEGRADED)
                .setAttributes(Map.of());
    }

    /** Returns one interval of timings of the compile step, with a latency sketch. */
    public static FunctionSample.Builder functionSample() {
        return FunctionSample.newBuilder()
                .setFunction("worker.compile.cpp")
                .setInstance("worker-1")
                .setIntervalStart(WINDOW_START)
                .setIntervalEnd(WINDOW_START.plusSeconds(10))
                .setCount(17)
                .setErrors(2)
                .setSumWallNanos(10_744_000_000L)
                .setMinWallNanos(598_000_000L)
                .setMaxWallNanos(702_000_000L)
                .setCpuNanos(10_165_000_000L)
                .setAllocatedBytes(48_234_496L)
                .setLatencySketch(ByteBuffer.wrap(sketchBytes(17, 598e6, 702e6)));
    }

    /** Returns a closed one-minute window of C++ reports. */
    public static LanguageStats.Builder languageStats() {
        return LanguageStats.newBuilder()
                .setLanguage("cpp")
                .setWindowStart(WINDOW_START)
                .setWindowEnd(WINDOW_END)
                .setCount(120)
                .setVerdictCounts(
                        Map.of("ACCEPTED", 97L, "WRONG_ANSWER", 15L, "TIME_LIMIT_EXCEEDED", 8L))
                .setErrorCount(8)
                .setCacheHits(Map.of("LOCAL", 30L, "REDIS", 12L))
                .setCacheMisses(78)
                .setCompileMillis(distribution(78, 580, 720))
                .setRunCpuMillis(distribution(190, 1, 2_000))
                .setRunWallMillis(distribution(190, 2, 2_040))
                .setQueueMillis(distribution(120, 0, 310))
                .setPeakMemoryBytes(distribution(190, 3_145_728, 41_943_040))
                .setProcessingMillis(distribution(120, 2, 2_800))
                .setSampleCount(120)
                .setComplete(true)
                .setLateRecordsDropped(3);
    }

    /** Returns a window of the compile step merged over two workers. */
    public static FunctionStats.Builder functionStats() {
        return FunctionStats.newBuilder()
                .setFunction("worker.compile.cpp")
                .setWindowStart(WINDOW_START)
                .setWindowEnd(WINDOW_END)
                .setCount(102)
                .setErrors(5)
                .setInstances(List.of("worker-1", "worker-2"))
                .setWallNanos(distribution(102, 580e6, 720e6))
                .setCpuNanos(60_990_000_000L)
                .setAllocatedBytes(289_406_976L)
                .setSampleCount(12)
                .setComplete(false)
                .setLateRecordsDropped(1);
    }

    /** Returns an updated slow-compilation finding with its evidence. */
    public static Recommendation.Builder recommendation() {
        Evidence evidence =
                new Evidence(
                        "compile.wall.p95",
                        "ms",
                        0.0,
                        500.0,
                        712.4,
                        WINDOW_START,
                        WINDOW_END,
                        78L,
                        "expected 0 to 500 ms, observed 712.4 ms over 78 samples in"
                                + " 2025-03-14T09:26:00Z/PT1M");
        return Recommendation.newBuilder()
                .setId("slow-compilation:cpp")
                .setRule("slow-compilation")
                .setTargetKind(TargetKind.LANGUAGE)
                .setTarget("cpp")
                .setSeverity(Severity.HIGH)
                .setImpactScore(234.0)
                .setState(RecommendationState.UPDATED)
                .setRevision(3)
                .setEvidence(List.of(evidence))
                .setSuggestedAction("Raise the result-cache TTL for cpp from 10 to 30 minutes")
                .setAutoApplicable(true)
                .setFirstSeen(WINDOW_START.minusSeconds(180))
                .setUpdatedAt(WINDOW_END);
    }

    /** Returns the health of C++ with two weighted parts. */
    public static HealthScore.Builder healthScore() {
        return HealthScore.newBuilder()
                .setScope("language:cpp")
                .setScore(81)
                .setParts(
                        List.of(
                                new HealthPart(
                                        "success-rate", 93.3, 0.6, "112 of 120 reports succeeded"),
                                new HealthPart(
                                        "latency", 63.5, 0.4, "run p95 1.42 s against 1 s budget")))
                .setWindowStart(WINDOW_START)
                .setWindowEnd(WINDOW_END)
                .setOpenRecommendations(1);
    }

    /** Returns a dry-run change of the cache TTL that a recommendation led to. */
    public static OptimizerAction.Builder optimizerAction() {
        return OptimizerAction.newBuilder()
                .setId("cache-ttl:cpp:3")
                .setType("cache-ttl")
                .setTarget("cpp")
                .setParameter("cache.ttl.ms")
                .setPreviousValue(600_000)
                .setNewValue(1_800_000)
                .setMinValue(60_000)
                .setMaxValue(3_600_000)
                .setStatus(ActionStatus.DRY_RUN)
                .setReason("Cache hit rate 0.35 is below 0.6 over 120 reports")
                .setRecommendationId("slow-compilation:cpp")
                .setIssuedBy("optimizer")
                .setIssuedAt(WINDOW_END.plusMillis(15));
    }

    private static TestResult acceptedTest() {
        return TestResult.newBuilder()
                .setName("small")
                .setVerdict(Verdict.ACCEPTED)
                .setLimitExceeded(null)
                .setCpuMs(1)
                .setWallMs(3)
                .setPeakMemoryBytes(3_407_872)
                .setExitCode(0)
                .setSignal(null)
                .setStdoutExcerpt("3\n")
                .setStdoutTruncated(false)
                .setStderrExcerpt("")
                .setStderrTruncated(false)
                .build();
    }

    private static TestResult timedOutTest() {
        return TestResult.newBuilder()
                .setName("large")
                .setVerdict(Verdict.TIME_LIMIT_EXCEEDED)
                .setLimitExceeded(LimitKind.CPU_TIME)
                .setCpuMs(2_013)
                .setWallMs(2_040)
                .setPeakMemoryBytes(3_538_944)
                .setExitCode(null)
                .setSignal(9)
                .setStdoutExcerpt("9".repeat(64))
                .setStdoutTruncated(true)
                .setStderrExcerpt("Killed")
                .setStderrTruncated(false)
                .build();
    }

    private static Distribution distribution(long count, double min, double max) {
        DDSketch sketch = sketch(count, min, max);
        return Distribution.newBuilder()
                .setCount(count)
                .setSum(sketch.getSum())
                .setMin(min)
                .setMax(max)
                .setP50(sketch.getValueAtQuantile(0.50))
                .setP90(sketch.getValueAtQuantile(0.90))
                .setP95(sketch.getValueAtQuantile(0.95))
                .setP99(sketch.getValueAtQuantile(0.99))
                .setRelativeAccuracy(Sketches.RELATIVE_ACCURACY)
                .setSketch(ByteBuffer.wrap(Sketches.encode(sketch)))
                .build();
    }

    private static byte[] sketchBytes(long count, double min, double max) {
        return Sketches.encode(sketch(count, min, max));
    }

    // Values spread between min and max, both included, from a fixed seed.
    private static DDSketch sketch(long count, double min, double max) {
        DDSketch sketch = Sketches.newSketch();
        Random random = new Random(count);
        sketch.accept(min);
        sketch.accept(max);
        for (long i = 2; i < count; i++) {
            sketch.accept(min + random.nextDouble() * (max - min));
        }
        return sketch;
    }
}
