package dev.codepulse.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionOutcomeTest {

    private static ExecutionOutcome outcome(Verdict verdict, LimitKind limit) {
        return new ExecutionOutcome(
                verdict, limit, null, null, List.of(), "g++ 12.2.0", IsolationLevel.FULL);
    }

    @Test
    void shouldCacheOnlyReproducibleOutcomes() {
        assertThat(outcome(Verdict.ACCEPTED, null).deterministic()).isTrue();
        assertThat(outcome(Verdict.TIME_LIMIT_EXCEEDED, LimitKind.CPU_TIME).deterministic())
                .isTrue();
        assertThat(outcome(Verdict.REJECTED, null).deterministic()).isTrue();
        assertThat(outcome(Verdict.TIME_LIMIT_EXCEEDED, LimitKind.WALL_TIME).deterministic())
                .isFalse();
        assertThat(outcome(Verdict.INTERNAL_ERROR, null).deterministic()).isFalse();
    }

    @Test
    void shouldCopyFieldsIntoReport() {
        ExecutionOutcome outcome = outcome(Verdict.MEMORY_LIMIT_EXCEEDED, LimitKind.MEMORY);

        ExecutionReport.Builder report = outcome.applyTo(ExecutionReport.newBuilder());

        assertThat(report.getVerdict()).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        assertThat(report.getLimitExceeded()).isEqualTo(LimitKind.MEMORY);
        assertThat(report.getToolchain()).isEqualTo("g++ 12.2.0");
        assertThat(report.getIsolationLevel()).isEqualTo(IsolationLevel.FULL);
        assertThat(report.getTests()).isEmpty();
    }
}
