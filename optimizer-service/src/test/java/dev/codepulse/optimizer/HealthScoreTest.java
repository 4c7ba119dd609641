package dev.codepulse.optimizer;

import static dev.codepulse.optimizer.Aggregates.language;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.codepulse.optimizer.internals.engine.WindowResult;
import dev.codepulse.optimizer.internals.state.HealthData;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HealthScoreTest {
    private static Map<String, HealthData> byScope(WindowResult result) {
        return result.health().stream()
                .collect(Collectors.toMap(HealthData::scope, score -> score));
    }

    private static Map<String, HealthData.Part> parts(HealthData score) {
        return score.parts().stream()
                .collect(Collectors.toMap(HealthData.Part::name, part -> part));
    }

    @Test
    void shouldScoreLanguageFromItsParts() {
        OptimizerHarness harness = new OptimizerHarness();

        WindowResult result =
                harness.window(language("python", 0, 100).verdict("RUNTIME_ERROR", 10).build());

        HealthData python = byScope(result).get("language:python");
        Map<String, HealthData.Part> parts = parts(python);
        assertThat(parts.get("success-rate").score()).isCloseTo(90.0, within(1e-9));
        assertThat(parts.get("success-rate").weight()).isEqualTo(0.30);
        assertThat(parts.get("internal-errors").score()).isEqualTo(100.0);
        assertThat(parts.get("latency").score()).isEqualTo(100.0);
        assertThat(parts.get("queue").score()).isEqualTo(100.0);
        assertThat(parts.get("open-recommendations").score()).isEqualTo(95.0);
        assertThat(parts.get("open-recommendations").detail()).contains("1 open recommendations");
        assertThat(python.parts().stream().mapToDouble(HealthData.Part::weight).sum())
                .isCloseTo(1.0, within(1e-9));
        assertThat(python.score()).isEqualTo(96);
        assertThat(python.openRecommendations()).isEqualTo(1);
    }

    @Test
    void shouldWeightLanguagesByVolumeInOverallScore() {
        OptimizerHarness harness = new OptimizerHarness();

        WindowResult result =
                harness.window(
                        language("python", 0, 100).verdict("RUNTIME_ERROR", 10).build(),
                        language("java", 0, 300).build());

        HealthData overall = byScope(result).get("overall");
        Map<String, HealthData.Part> parts = parts(overall);
        assertThat(parts.get("language:python").weight()).isCloseTo(0.2, within(1e-9));
        assertThat(parts.get("language:java").weight()).isCloseTo(0.6, within(1e-9));
        assertThat(parts.get("functions").weight()).isEqualTo(0.2);
        assertThat(parts.get("functions").score()).isEqualTo(100.0);
        assertThat(overall.score()).isEqualTo(99);
        assertThat(overall.openRecommendations()).isEqualTo(1);
    }

    @Test
    void shouldLowerLatencyPartBeyondBudget() {
        OptimizerHarness harness = new OptimizerHarness();

        WindowResult result =
                harness.window(language("cpp", 0, 100).runWallP95(4_000).queueP95(4_000).build());

        Map<String, HealthData.Part> parts = parts(byScope(result).get("language:cpp"));
        assertThat(parts.get("latency").score()).isEqualTo(50.0);
        assertThat(parts.get("queue").score()).isEqualTo(25.0);
    }

    @Test
    void shouldSkipLanguageWithTooFewReports() {
        OptimizerHarness harness = new OptimizerHarness();

        WindowResult result = harness.window(language("python", 0, 5).build());

        assertThat(result.health()).isEmpty();
    }
}
