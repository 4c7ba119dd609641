package dev.codepulse.optimizer.internals.engine;

import dev.codepulse.optimizer.internals.state.ActionData;
import dev.codepulse.optimizer.internals.state.HealthData;
import dev.codepulse.optimizer.internals.state.RecommendationData;
import java.util.List;

/** What evaluating one window publishes, in publication order. */
public record WindowResult(
        long windowStartMs,
        long windowEndMs,
        List<RecommendationData> recommendations,
        List<HealthData> health,
        List<ActionData> actions) {
    public WindowResult {
        recommendations = List.copyOf(recommendations);
        health = List.copyOf(health);
        actions = List.copyOf(actions);
    }
}
