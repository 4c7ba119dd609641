package dev.codepulse.optimizer.internals.http;

import static dev.codepulse.optimizer.Aggregates.language;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.common.http.HttpEndpoint.Response;
import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.optimizer.OptimizerHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OptimizerRoutesTest {
    private OptimizerHarness harness;
    private OptimizerRoutes routes;

    @BeforeEach
    void evaluateTwoWindows() {
        harness = new OptimizerHarness();
        routes = new OptimizerRoutes(harness.view, new OptimizerConfig(Map.of()));
        harness.window(
                language("python", 0, 100).verdict("RUNTIME_ERROR", 12).build(),
                language("java", 0, 100).verdict("TIME_LIMIT_EXCEEDED", 40).build());
        harness.window(
                language("python", 1, 100).verdict("RUNTIME_ERROR", 25).build(),
                language("java", 1, 10).build());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Response response) {
        return (List<Map<String, Object>>)
                ((Map<String, Object>) response.body()).get("recommendations");
    }

    @Test
    void shouldFilterRecommendationsBySeverityStateAndTarget() {
        Response high = routes.recommendations(Map.of("severity", "HIGH"));
        Response updated = routes.recommendations(Map.of("state", "UPDATED"));
        Response java = routes.recommendations(Map.of("target", "java"));
        Response all = routes.recommendations(Map.of());

        assertThat(items(high))
                .extracting(item -> item.get("id"))
                .containsExactly("time-limit-rate:java");
        assertThat(items(updated))
                .extracting(item -> item.get("id"))
                .containsExactly("runtime-error-rate:python");
        assertThat(items(java)).hasSize(1);
        assertThat(items(all))
                .extracting(item -> item.get("id"))
                .containsExactly("time-limit-rate:java", "runtime-error-rate:python");
    }

    @Test
    void shouldListRevisionsOfOneRecommendation() {
        Response history = routes.history(Map.of("id", "runtime-error-rate:python"));
        Response missing = routes.history(Map.of("id", "nothing:here"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> revisions =
                (List<Map<String, Object>>) ((Map<String, Object>) history.body()).get("revisions");
        assertThat(revisions)
                .extracting(revision -> revision.get("state"))
                .containsExactly("OPEN", "UPDATED");
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void shouldRejectUnknownSeverity() {
        assertThatThrownBy(() -> routes.recommendations(Map.of("severity", "URGENT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URGENT");
    }

    @Test
    void shouldShowWhyRuleStayedSilent() {
        List<Map<String, Object>> rules = routes.rules();

        Map<String, Object> timeLimit =
                rules.stream()
                        .filter(rule -> rule.get("rule").equals("time-limit-rate"))
                        .findFirst()
                        .orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> lastWindow = (Map<String, Object>) timeLimit.get("lastWindow");
        assertThat(lastWindow.get("silent")).isEqualTo(1);
        assertThat(lastWindow.get("silentTargets").toString())
                .contains("java", "insufficient-samples", "10 samples, need at least 50");
        assertThat(rules).hasSize(10);
    }

    @Test
    void shouldReturnHealthScoresPerScope() {
        Response overall = routes.healthScores(Map.of("scope", "overall"));
        Response unknown = routes.healthScores(Map.of("scope", "language:cobol"));

        assertThat(overall.status()).isEqualTo(200);
        assertThat(overall.body().toString()).contains("windowStart=2024-05-01T10:01:00Z");
        assertThat(unknown.status()).isEqualTo(404);
    }
}
