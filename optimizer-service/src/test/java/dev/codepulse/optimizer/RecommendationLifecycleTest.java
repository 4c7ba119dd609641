package dev.codepulse.optimizer;

import static dev.codepulse.optimizer.Aggregates.language;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.optimizer.internals.engine.WindowResult;
import dev.codepulse.optimizer.internals.state.RecommendationData;
import dev.codepulse.optimizer.internals.state.RuleStatus;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.RecommendationState;
import dev.codepulse.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationLifecycleTest {
    private static final String RUNTIME_ERRORS = "runtime-error-rate:python";

    private static LanguageStats python(int window, long reports, long runtimeErrors) {
        return language("python", window, reports).verdict("RUNTIME_ERROR", runtimeErrors).build();
    }

    @Test
    void shouldStaySilentWhenTooFewSamples() {
        OptimizerHarness harness = new OptimizerHarness();

        WindowResult result = harness.window(python(0, 10, 5));

        assertThat(result.recommendations()).isEmpty();
        RuleStatus status =
                harness.view.snapshot().rules().stream()
                        .filter(rule -> rule.rule().equals("runtime-error-rate"))
                        .findFirst()
                        .orElseThrow();
        assertThat(status.silentTargets())
                .containsExactly(
                        new RuleStatus.SilentTarget(
                                "python", "insufficient-samples", "10 samples, need at least 50"));
        assertThat(
                        harness.count(
                                "codepulse.optimizer.rule.silent",
                                "rule",
                                "runtime-error-rate",
                                "reason",
                                "insufficient-samples"))
                .isEqualTo(1.0);
    }

    @Test
    void shouldOpenUpdateAndResolveRate() {
        OptimizerHarness harness = new OptimizerHarness();

        harness.window(python(0, 100, 12));
        harness.window(python(1, 100, 25));
        harness.window(python(2, 100, 1));
        harness.window(python(3, 100, 1));
        harness.window(python(4, 100, 1));

        assertThat(harness.recommendations)
                .extracting(RecommendationData::id)
                .containsOnly(RUNTIME_ERRORS);
        List<RecommendationData> revisions = harness.revisions(RUNTIME_ERRORS);
        assertThat(revisions)
                .extracting(RecommendationData::state)
                .containsExactly(
                        RecommendationState.OPEN,
                        RecommendationState.UPDATED,
                        RecommendationState.RESOLVED);
        assertThat(revisions).extracting(RecommendationData::revision).containsExactly(1, 2, 3);
        assertThat(revisions)
                .extracting(RecommendationData::severity)
                .containsExactly(Severity.LOW, Severity.MEDIUM, Severity.MEDIUM);
        assertThat(revisions.get(2).updatedAtMs())
                .isEqualTo(Aggregates.windowStart(5).toEpochMilli());
        assertThat(revisions.get(0).firstSeenMs())
                .isEqualTo(Aggregates.windowStart(1).toEpochMilli());
    }

    @Test
    void shouldStayOpenWhenRecoveryIsInterrupted() {
        OptimizerHarness harness = new OptimizerHarness();

        harness.window(python(0, 100, 12));
        harness.window(python(1, 100, 1));
        harness.window(python(2, 100, 1));
        harness.window(python(3, 100, 12));
        harness.window(python(4, 100, 1));
        harness.window(python(5, 100, 1));

        assertThat(harness.revisions(RUNTIME_ERRORS))
                .extracting(RecommendationData::state)
                .containsExactly(RecommendationState.OPEN);
        assertThat(harness.view.snapshot().recommendations().get(0).recoveredWindows())
                .isEqualTo(2);
    }

    @Test
    void shouldNotPublishAgainWhenValueBarelyMoves() {
        OptimizerHarness harness = new OptimizerHarness();

        harness.window(python(0, 100, 12));
        harness.window(python(1, 100, 13));

        assertThat(harness.revisions(RUNTIME_ERRORS)).hasSize(1);
    }

    @Test
    void shouldPublishOnceWhenAggregateDeliveredTwice() {
        OptimizerHarness harness = new OptimizerHarness();
        LanguageStats failing = python(0, 100, 30);

        harness.offer(failing, failing);
        harness.settle();
        harness.offer(failing);
        List<WindowResult> late = harness.settle();

        assertThat(harness.recommendations).hasSize(1);
        assertThat(late).isEmpty();
        assertThat(
                        harness.count(
                                "codepulse.optimizer.aggregates.dropped",
                                "reason",
                                "window-already-evaluated"))
                .isEqualTo(1.0);
        assertThat(harness.results).hasSize(1);
    }

    @Test
    void shouldScoreImpactAsSeverityWeightTimesVolume() {
        OptimizerHarness harness = new OptimizerHarness();

        WindowResult result = harness.window(python(0, 100, 30));

        RecommendationData recommendation = result.recommendations().get(0);
        assertThat(recommendation.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(recommendation.impactScore()).isEqualTo(2.0 * 30);
        assertThat(recommendation.evidence().get(0).summary())
                .isEqualTo(
                        "expected 0–0.1, observed 0.3 over 100 samples in window"
                                + " 2024-05-01T10:00:00Z/2024-05-01T10:01:00Z");
    }

    @Test
    void shouldReopenWithNextRevisionAfterResolving() {
        OptimizerHarness harness = new OptimizerHarness();

        harness.window(python(0, 100, 60));
        for (int window = 1; window <= 3; window++) {
            harness.window(python(window, 100, 0));
        }
        harness.window(python(4, 100, 60));

        List<RecommendationData> revisions = harness.revisions(RUNTIME_ERRORS);
        assertThat(revisions)
                .extracting(RecommendationData::state)
                .containsExactly(
                        RecommendationState.OPEN,
                        RecommendationState.RESOLVED,
                        RecommendationState.OPEN);
        assertThat(revisions.get(2).revision()).isEqualTo(3);
        assertThat(revisions.get(0).severity()).isEqualTo(Severity.CRITICAL);
    }
}
