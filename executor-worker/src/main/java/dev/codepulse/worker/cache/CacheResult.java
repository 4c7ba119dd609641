package dev.codepulse.worker.cache;

import dev.codepulse.schemas.CacheOutcome;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.ExecutionReport;
import java.util.Objects;

/**
 * The report for a submission and what the cache did to obtain it.
 *
 * <p>On a hit, {@code report} is a fresh copy of the stored {@linkplain
 * CachePolicy#deterministicPart deterministic part}, which the caller completes with its own
 * submission id, timings and cache outcome. On a miss, it is the report returned by the caller's
 * computation, unchanged.
 *
 * @param report the report; never null
 * @param hit true when the report came from the cache and the computation did not run
 * @param tier tier that served the report: LOCAL (in-process, also when this process was computing
 *     the same key), REDIS, or NONE on a miss
 * @param lookupMicros time spent in the cache before the report was found or the computation
 *     started, in microseconds, including any wait for another worker or thread computing the same
 *     key
 * @param stored true when the computed report was written to at least one tier
 */
public record CacheResult(
        ExecutionReport report, boolean hit, CacheTier tier, long lookupMicros, boolean stored) {
    public CacheResult {
        Objects.requireNonNull(report, "report can't be null");
        Objects.requireNonNull(tier, "tier can't be null");
    }

    /** Returns the cache part of an execution report. */
    public CacheOutcome outcome() {
        return new CacheOutcome(hit, tier, lookupMicros, stored);
    }
}
