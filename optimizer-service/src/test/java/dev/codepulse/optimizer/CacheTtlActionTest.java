package dev.codepulse.optimizer;

import static dev.codepulse.optimizer.Aggregates.language;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.optimizer.internals.engine.AvroMapping;
import dev.codepulse.optimizer.internals.engine.WindowResult;
import dev.codepulse.optimizer.internals.state.ActionData;
import dev.codepulse.optimizer.internals.state.ActionTrack;
import dev.codepulse.schemas.ActionStatus;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.OptimizerActions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheTtlActionTest {
    private static LanguageStats lowHitRate(int window) {
        return language("java", window, 200).cache(20, 180).build();
    }

    @Test
    void shouldIssueDryRunByDefault() {
        OptimizerHarness harness = new OptimizerHarness();

        WindowResult result = harness.window(lowHitRate(0));

        assertThat(result.actions()).hasSize(1);
        ActionData action = result.actions().get(0);
        assertThat(action.status()).isEqualTo(ActionStatus.DRY_RUN);
        assertThat(action.type()).isEqualTo(OptimizerActions.CACHE_TTL_TYPE);
        assertThat(action.parameter()).isEqualTo("cache.ttl.ms");
        assertThat(action.target()).isEqualTo("java");
        assertThat(action.previousValue()).isEqualTo(3_600_000L);
        assertThat(action.newValue()).isEqualTo(7_200_000L);
        assertThat(action.minValue()).isEqualTo(60_000L);
        assertThat(action.maxValue()).isEqualTo(86_400_000L);
        assertThat(action.recommendationId()).isEqualTo("cache-hit-rate:java");
        assertThat(action.issuedBy()).isEqualTo("optimizer");
        assertThat(result.recommendations().get(0).autoApplicable()).isTrue();
        assertThat(result.recommendations().get(0).suggestedAction()).contains("dry run");
    }

    @Test
    void shouldRequestWhenTypeEnabled() {
        OptimizerHarness harness =
                new OptimizerHarness(Map.of(OptimizerConfig.CACHE_TTL_ENABLED_CONFIG, "true"));

        WindowResult result = harness.window(lowHitRate(0));

        assertThat(result.actions())
                .extracting(ActionData::status)
                .containsExactly(ActionStatus.REQUESTED);
    }

    @Test
    void shouldWaitForCooldownBeforeNextAction() {
        OptimizerHarness harness = new OptimizerHarness();

        harness.window(lowHitRate(0));
        harness.window(lowHitRate(1));
        harness.window(lowHitRate(2));
        harness.window(lowHitRate(3));

        assertThat(harness.actions).hasSize(2);
        assertThat(harness.actions.get(1).id())
                .isEqualTo("cache-ttl:java:" + Aggregates.windowStart(4).toEpochMilli());
    }

    @Test
    void shouldStartFromAppliedValue() {
        OptimizerHarness harness =
                new OptimizerHarness(Map.of(OptimizerConfig.CACHE_TTL_ENABLED_CONFIG, "true"));
        harness.window(lowHitRate(0));
        ActionData requested = harness.actions.get(0);

        harness.optimizer.acknowledge(
                OptimizerActions.acknowledge(
                        AvroMapping.toAvro(
                                new ActionData(
                                        requested.id(),
                                        requested.type(),
                                        requested.target(),
                                        requested.parameter(),
                                        requested.previousValue(),
                                        60_000_000L,
                                        requested.minValue(),
                                        requested.maxValue(),
                                        requested.status(),
                                        requested.reason(),
                                        requested.recommendationId(),
                                        requested.issuedBy(),
                                        requested.issuedAtMs())),
                        ActionStatus.APPLIED,
                        "worker-1",
                        "",
                        Instant.parse("2024-05-01T10:02:00Z")));
        for (int window = 1; window <= 3; window++) {
            harness.window(lowHitRate(window));
        }

        assertThat(harness.actions).hasSize(2);
        ActionData next = harness.actions.get(1);
        assertThat(next.previousValue()).isEqualTo(60_000_000L);
        assertThat(next.newValue()).isEqualTo(86_400_000L);
        ActionTrack track = harness.view.snapshot().actions().get(0);
        assertThat(track.appliedValue()).isEqualTo(60_000_000L);
        assertThat(track.acknowledgements()).containsOnlyKeys("worker-1");
    }

    @Test
    void shouldIssueNothingAtMaximumTtl() {
        OptimizerHarness harness =
                new OptimizerHarness(
                        Map.of(OptimizerConfig.CACHE_TTL_CURRENT_MS_CONFIG, "86400000"));

        WindowResult result = harness.window(lowHitRate(0));

        assertThat(result.actions()).isEmpty();
        assertThat(result.recommendations().get(0).autoApplicable()).isFalse();
        assertThat(result.recommendations().get(0).suggestedAction())
                .contains("already at its maximum");
    }

    @Test
    void shouldIssueNothingBelowMinimumSeverity() {
        OptimizerHarness harness = new OptimizerHarness();

        WindowResult result = harness.window(language("java", 0, 200).cache(80, 120).build());

        assertThat(result.recommendations()).hasSize(1);
        assertThat(result.actions()).isEmpty();
    }
}
