package dev.codepulse.streams.internals;

import dev.codepulse.schemas.CompileResult;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.TestResult;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;

/**
 * Decodes an execution report, rejects negative and absurd durations, and keeps what the language
 * windows need, keyed by language.
 */
public final class ReportReader implements EventReader<ReportObservation> {
    private final Deserializer<ExecutionReport> deserializer;
    private final long maxDurationMs;
    private final long maxQueueMs;

    /**
     * @param maxDurationMs largest plausible compile, run or processing time
     * @param maxQueueMs largest plausible queue time
     */
    public ReportReader(
            Deserializer<ExecutionReport> deserializer, long maxDurationMs, long maxQueueMs) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer can't be null");
        this.maxDurationMs = maxDurationMs;
        this.maxQueueMs = maxQueueMs;
    }

    @Override
    public KeyValue<String, ReportObservation> read(String topic, byte[] value) {
        ExecutionReport report = deserializer.deserialize(topic, value);
        if (report == null) {
            throw new IllegalArgumentException("Record has no value (tombstone)");
        }
        String language = report.getLanguage();
        EventChecks.checkNotEmpty("language", language);
        EventChecks.checkRange("queueMs", report.getQueueMs(), maxQueueMs);
        EventChecks.checkRange(
                "processingMicros", report.getProcessingMicros(), maxDurationMs * 1_000);
        long compileMs = compileMs(report.getCompile());
        List<TestResult> tests = report.getTests();
        long[] cpu = new long[tests.size()];
        long[] wall = new long[tests.size()];
        long[] memory = new long[tests.size()];
        for (int i = 0; i < tests.size(); i++) {
            TestResult test = tests.get(i);
            EventChecks.checkRange("tests[" + i + "].cpuMs", test.getCpuMs(), maxDurationMs);
            EventChecks.checkRange("tests[" + i + "].wallMs", test.getWallMs(), maxDurationMs);
            EventChecks.checkNotNegative(
                    "tests[" + i + "].peakMemoryBytes", test.getPeakMemoryBytes());
            cpu[i] = test.getCpuMs();
            wall[i] = test.getWallMs();
            memory[i] = test.getPeakMemoryBytes();
        }
        ReportObservation observation =
                new ReportObservation(
                        report.getVerdict(),
                        report.getCache().getHit(),
                        report.getCache().getTier(),
                        compileMs,
                        report.getQueueMs(),
                        report.getProcessingMicros(),
                        cpu,
                        wall,
                        memory);
        return KeyValue.pair(language, observation);
    }

    private long compileMs(CompileResult compile) {
        if (compile == null) {
            return -1;
        }
        EventChecks.checkRange("compile.wallMs", compile.getWallMs(), maxDurationMs);
        EventChecks.checkRange("compile.cpuMs", compile.getCpuMs(), maxDurationMs);
        return compile.getWallMs();
    }
}
