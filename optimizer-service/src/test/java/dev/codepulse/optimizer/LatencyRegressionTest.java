package dev.codepulse.optimizer;

import static dev.codepulse.optimizer.Aggregates.function;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.optimizer.internals.engine.WindowResult;
import dev.codepulse.optimizer.internals.state.RecommendationData;
import dev.codepulse.optimizer.internals.state.RuleStatus;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRegressionTest {
    private static final List<String> FUNCTIONS =
            List.of("executor.compile", "executor.run", "executor.judge", "cache.lookup");

    private static FunctionStats[] window(int index, double compileP95Ms, double othersP95Ms) {
        return FUNCTIONS.stream()
                .map(
                        name ->
                                function(
                                        name,
                                        index,
                                        100,
                                        name.equals("executor.compile")
                                                ? compileP95Ms
                                                : othersP95Ms))
                .toArray(FunctionStats[]::new);
    }

    private static OptimizerHarness withHistory() {
        OptimizerHarness harness = new OptimizerHarness();
        for (int index = 0; index < 3; index++) {
            harness.window((Object[]) window(index, 10, 10));
        }
        return harness;
    }

    @Test
    void shouldFindRegressionWhenOneFunctionDoubles() {
        OptimizerHarness harness = withHistory();

        WindowResult result = harness.window((Object[]) window(3, 20, 10));

        assertThat(result.recommendations())
                .extracting(RecommendationData::id)
                .containsExactly("latency-regression:executor.compile");
        RecommendationData regression = result.recommendations().get(0);
        assertThat(regression.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(regression.evidence().get(0).observed()).isEqualTo(20.0);
        assertThat(regression.evidence().get(0).expectedHigh()).isEqualTo(15.0);
        assertThat(regression.evidence().get(1).metric()).isEqualTo("peers.wall.p95.ratio");
        assertThat(regression.evidence().get(1).observed()).isEqualTo(1.0);
    }

    @Test
    void shouldIgnoreSharedSlowdown() {
        OptimizerHarness harness = withHistory();

        WindowResult result = harness.window((Object[]) window(3, 20, 20));

        assertThat(result.recommendations()).isEmpty();
        assertThat(harness.recommendations).isEmpty();
    }

    @Test
    void shouldStaySilentWithoutHistory() {
        OptimizerHarness harness = new OptimizerHarness();

        WindowResult result = harness.window((Object[]) window(0, 20, 10));

        assertThat(result.recommendations()).isEmpty();
        RuleStatus status =
                harness.view.snapshot().rules().stream()
                        .filter(rule -> rule.rule().equals("latency-regression"))
                        .findFirst()
                        .orElseThrow();
        assertThat(status.silent()).isEqualTo(4);
        assertThat(status.silentTargets().get(0).reason()).isEqualTo("insufficient-history");
    }

    @Test
    void shouldUseOwnHistoryWithoutPeers() {
        OptimizerHarness harness = new OptimizerHarness();
        for (int index = 0; index < 3; index++) {
            harness.window(function("executor.run", index, 100, 10));
        }

        WindowResult result = harness.window(function("executor.run", 3, 100, 35));

        assertThat(result.recommendations()).hasSize(1);
        assertThat(result.recommendations().get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(result.recommendations().get(0).evidence()).hasSize(1);
    }

    @Test
    void shouldFireSlowFunctionOverItsOverrideBudget() {
        OptimizerHarness harness =
                new OptimizerHarness(
                        java.util.Map.of("rule.slow.function.budget.overrides", "cache.lookup:5"));

        WindowResult result = harness.window(function("cache.lookup", 0, 100, 26));

        assertThat(result.recommendations()).hasSize(1);
        RecommendationData slow = result.recommendations().get(0);
        assertThat(slow.id()).isEqualTo("slow-function:cache.lookup");
        assertThat(slow.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(slow.impactScore()).isEqualTo(8.0 * 100);
        assertThat(slow.evidence().get(0).expectedHigh()).isEqualTo(5.0);
    }
}
