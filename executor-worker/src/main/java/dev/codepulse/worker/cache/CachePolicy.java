package dev.codepulse.worker.cache;

import dev.codepulse.schemas.CacheOutcome;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.TestResult;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.schemas.serde.EventSerdes;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which judged outcomes the cache may store, and which part of a report is stored.
 *
 * <p>Only outcomes that a rerun of the same key would reproduce are stored. Not stored: {@code
 * INTERNAL_ERROR} (the platform failed), {@code REJECTED} (an invalid submission, judged without
 * running), {@code UNKNOWN}, a {@code TIME_LIMIT_EXCEEDED} unless its cause is the CPU limit (a
 * wall-clock kill depends on the load of the machine), any report with a test stopped by the wall
 * clock, and any report produced with isolation other than {@code FULL} (a degraded sandbox may
 * behave differently).
 *
 * <p>NOTE: a program that reads the clock, random numbers or its environment can change its output
 * between runs; its first stored outcome is served until the entry expires.
 */
public final class CachePolicy {
    static {
        // Copying a report through its builder makes Avro load the generated classes by name.
        EventSerdes.trustGeneratedTypes();
    }

    private CachePolicy() {}

    /** Returns why a report must not be stored, or empty when it may be. */
    public static Optional<NotCacheable> check(ExecutionReport report) {
        Objects.requireNonNull(report, "report can't be null");
        if (report.getIsolationLevel() != IsolationLevel.FULL) {
            return Optional.of(NotCacheable.DEGRADED_ISOLATION);
        }
        Verdict verdict = report.getVerdict();
        switch (verdict) {
            case INTERNAL_ERROR:
                return Optional.of(NotCacheable.INTERNAL_ERROR);
            case REJECTED:
                return Optional.of(NotCacheable.REJECTED);
            case UNKNOWN:
                return Optional.of(NotCacheable.UNKNOWN_VERDICT);
            case TIME_LIMIT_EXCEEDED:
                if (report.getLimitExceeded() != LimitKind.CPU_TIME) {
                    return Optional.of(NotCacheable.WALL_TIME_LIMIT);
                }
                break;
            default:
                break;
        }
        for (TestResult test : report.getTests()) {
            if (test.getLimitExceeded() == LimitKind.WALL_TIME) {
                return Optional.of(NotCacheable.WALL_TIME_LIMIT);
            }
        }
        return Optional.empty();
    }

    /** Returns true when {@link #check} finds nothing against storing the report. */
    public static boolean isCacheable(ExecutionReport report) {
        return check(report).isEmpty();
    }

    /**
     * Returns the part of a report that the cache stores: a copy with the fields that belong to one
     * submission cleared. Submission id, problem id and worker id become empty, queue and
     * processing times 0, start and completion times the epoch, attributes empty and the cache
     * outcome a miss. Verdict, limit, reason, compile result, test results, toolchain and isolation
     * level are kept. The caller of a cache hit fills the cleared fields for its own submission.
     */
    public static ExecutionReport deterministicPart(ExecutionReport report) {
        Objects.requireNonNull(report, "report can't be null");
        return ExecutionReport.newBuilder(report)
                .setSubmissionId("")
                .setProblemId("")
                .setWorkerId("")
                .setQueueMs(0)
                .setProcessingMicros(0)
                .setStartedAt(Instant.EPOCH)
                .setCompletedAt(Instant.EPOCH)
                .setAttributes(Map.of())
                .setCache(new CacheOutcome(false, CacheTier.NONE, 0L, false))
                .build();
    }

    /** Reason an outcome is not stored; its lowercase name tags the metric. */
    public enum NotCacheable {
        /** The platform failed, not the program. */
        INTERNAL_ERROR,
        /** The submission was invalid and did not run. */
        REJECTED,
        /** The verdict is unknown to this version. */
        UNKNOWN_VERDICT,
        /** A run was stopped by the wall clock, or a time limit has no CPU cause. */
        WALL_TIME_LIMIT,
        /** The sandbox ran with isolation other than FULL. */
        DEGRADED_ISOLATION
    }
}
