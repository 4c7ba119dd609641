package dev.codepulse.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.worker.cache.CachePolicy.NotCacheable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CachePolicyTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "ACCEPTED, none",
                "WRONG_ANSWER, none",
                "RUNTIME_ERROR, none",
                "COMPILE_ERROR, none",
                "MEMORY_LIMIT_EXCEEDED, MEMORY",
                "OUTPUT_LIMIT_EXCEEDED, OUTPUT",
                "TIME_LIMIT_EXCEEDED, CPU_TIME"
            })
    void shouldCacheDeterministicOutcome(Verdict verdict, LimitKind limit) {
        ExecutionReport report = Fixtures.report(verdict, limit);

        Optional<NotCacheable> reason = CachePolicy.check(report);

        assertThat(reason).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "INTERNAL_ERROR, none, INTERNAL_ERROR",
                "REJECTED, none, REJECTED",
                "UNKNOWN, none, UNKNOWN_VERDICT",
                "TIME_LIMIT_EXCEEDED, WALL_TIME, WALL_TIME_LIMIT",
                "TIME_LIMIT_EXCEEDED, none, WALL_TIME_LIMIT",
                "TIME_LIMIT_EXCEEDED, OTHER, WALL_TIME_LIMIT"
            })
    void shouldNotCacheNondeterministicOutcome(
            Verdict verdict, LimitKind limit, NotCacheable expected) {
        ExecutionReport report = Fixtures.report(verdict, limit);

        Optional<NotCacheable> reason = CachePolicy.check(report);

        assertThat(reason).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"DEGRADED", "NONE"})
    void shouldNotCacheWithoutFullIsolation(IsolationLevel isolation) {
        ExecutionReport report =
                ExecutionReport.newBuilder(Fixtures.accepted())
                        .setIsolationLevel(isolation)
                        .build();

        Optional<NotCacheable> reason = CachePolicy.check(report);

        assertThat(reason).contains(NotCacheable.DEGRADED_ISOLATION);
    }

    @Test
    void shouldNotCacheTestKilledByWallClock() {
        ExecutionReport report =
                ExecutionReport.newBuilder(Fixtures.report(Verdict.RUNTIME_ERROR, null))
                        .setTests(
                                List.of(
                                        Fixtures.testResult("t1", Verdict.ACCEPTED, null),
                                        Fixtures.testResult(
                                                "t2", Verdict.RUNTIME_ERROR, LimitKind.WALL_TIME)))
                        .build();

        boolean cacheable = CachePolicy.isCacheable(report);

        assertThat(cacheable).isFalse();
    }

    @Test
    void shouldClearSubmissionFieldsInDeterministicPart() {
        ExecutionReport report = Fixtures.accepted();

        ExecutionReport part = CachePolicy.deterministicPart(report);

        assertThat(part.getSubmissionId()).isEmpty();
        assertThat(part.getProblemId()).isEmpty();
        assertThat(part.getWorkerId()).isEmpty();
        assertThat(part.getQueueMs()).isZero();
        assertThat(part.getProcessingMicros()).isZero();
        assertThat(part.getStartedAt()).isEqualTo(Instant.EPOCH);
        assertThat(part.getCompletedAt()).isEqualTo(Instant.EPOCH);
        assertThat(part.getAttributes()).isEmpty();
        assertThat(part.getCache().getHit()).isFalse();
        assertThat(part.getCache().getTier()).isEqualTo(CacheTier.NONE);
    }

    @Test
    void shouldKeepOutcomeInDeterministicPart() {
        ExecutionReport report = Fixtures.report(Verdict.TIME_LIMIT_EXCEEDED, LimitKind.CPU_TIME);

        ExecutionReport part = CachePolicy.deterministicPart(report);

        assertThat(part.getVerdict()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        assertThat(part.getLimitExceeded()).isEqualTo(LimitKind.CPU_TIME);
        assertThat(part.getLanguage()).isEqualTo(report.getLanguage());
        assertThat(part.getCompile()).isEqualTo(report.getCompile());
        assertThat(part.getTests()).isEqualTo(report.getTests());
        assertThat(part.getToolchain()).isEqualTo(report.getToolchain());
        assertThat(part.getIsolationLevel()).isEqualTo(IsolationLevel.FULL);
    }

    @Test
    void shouldLeaveOriginalReportUnchanged() {
        ExecutionReport report = Fixtures.accepted();

        CachePolicy.deterministicPart(report);

        assertThat(report.getSubmissionId()).isEqualTo("sub-1");
        assertThat(report.getAttributes()).containsEntry("tenant", "acme");
    }
}
