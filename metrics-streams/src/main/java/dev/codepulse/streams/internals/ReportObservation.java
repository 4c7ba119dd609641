package dev.codepulse.streams.internals;

import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.Verdict;

/**
 * The part of an execution report that the language windows aggregate, read from the report once it
 * is decoded and validated.
 *
 * @param verdict overall verdict
 * @param cacheHit true when the report was answered from the result cache
 * @param cacheTier tier that answered, NONE on a miss
 * @param compileMs compile wall time in milliseconds, or -1 when nothing was compiled
 * @param queueMs queue time, milliseconds
 * @param processingMicros worker time, microseconds
 * @param runCpuMs CPU time of each test run, milliseconds
 * @param runWallMs wall time of each test run, milliseconds
 * @param runPeakMemoryBytes peak memory of each test run, 0 when unknown
 */
public record ReportObservation(
        Verdict verdict,
        boolean cacheHit,
        CacheTier cacheTier,
        long compileMs,
        long queueMs,
        long processingMicros,
        long[] runCpuMs,
        long[] runWallMs,
        long[] runPeakMemoryBytes) {

    /** Returns the number of test runs. */
    public int runs() {
        return runWallMs.length;
    }
}
