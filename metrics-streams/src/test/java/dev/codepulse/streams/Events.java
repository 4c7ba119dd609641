package dev.codepulse.streams;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.codepulse.schemas.CacheOutcome;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.CompileResult;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.Sketches;
import dev.codepulse.schemas.TestResult;
import dev.codepulse.schemas.Verdict;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builders of input events for tests. */
final class Events {
    private Events() {}

    /** Returns an accepted report of one language with one test run per wall time given. */
    static ExecutionReport.Builder report(String language, long... runWallMs) {
        List<TestResult> tests = new ArrayList<>();
        for (int i = 0; i < runWallMs.length; i++) {
            tests.add(
                    TestResult.newBuilder()
                            .setName("test-" + i)
                            .setVerdict(Verdict.ACCEPTED)
                            .setCpuMs(runWallMs[i])
                            .setWallMs(runWallMs[i])
                            .setPeakMemoryBytes(8_000_000)
                            .setExitCode(0)
                            .setStdoutExcerpt("ok")
                            .setStdoutTruncated(false)
                            .setStderrExcerpt("")
                            .setStderrTruncated(false)
                            .build());
        }
        return ExecutionReport.newBuilder()
                .setSubmissionId("submission")
                .setProblemId("problem")
                .setLanguage(language)
                .setVerdict(Verdict.ACCEPTED)
                .setCompile(null)
                .setTests(tests)
                .setQueueMs(5)
                .setProcessingMicros(30_000)
                .setCache(
                        CacheOutcome.newBuilder()
                                .setHit(false)
                                .setTier(CacheTier.NONE)
                                .setLookupMicros(50)
                                .build())
                .setToolchain("python 3.11")
                .setWorkerId("worker-1")
                .setIsolationLevel(IsolationLevel.values()[0])
                .setStartedAt(Instant.EPOCH)
                .setCompletedAt(Instant.EPOCH)
                .setAttributes(Map.of());
    }

    /** Returns a successful compile step of the given wall time. */
    static CompileResult compile(long wallMs) {
        return CompileResult.newBuilder()
                .setSucceeded(true)
                .setWallMs(wallMs)
                .setCpuMs(wallMs)
                .setPeakMemoryBytes(50_000_000)
                .setExitCode(0)
                .setOutput("")
                .setOutputTruncated(false)
                .build();
    }

    /** Returns a sample of one function from one instance over [startMs, endMs). */
    static FunctionSample sample(
            String function, String instance, long startMs, long endMs, long... wallNanos) {
        DDSketch sketch = Sketches.newSketch();
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long value : wallNanos) {
            sketch.accept(value);
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return FunctionSample.newBuilder()
                .setFunction(function)
                .setInstance(instance)
                .setIntervalStart(Instant.ofEpochMilli(startMs))
                .setIntervalEnd(Instant.ofEpochMilli(endMs))
                .setCount(wallNanos.length)
                .setErrors(0)
                .setSumWallNanos(sum)
                .setMinWallNanos(wallNanos.length == 0 ? 0 : min)
                .setMaxWallNanos(max)
                .setCpuNanos(sum / 2)
                .setAllocatedBytes(1_024L * wallNanos.length)
                .setLatencySketch(ByteBuffer.wrap(Sketches.encode(sketch)))
                .build();
    }
}
