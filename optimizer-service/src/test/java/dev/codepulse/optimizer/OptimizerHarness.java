package dev.codepulse.optimizer;

import dev.codepulse.optimizer.internals.OptimizerMetrics;
import dev.codepulse.optimizer.internals.OptimizerView;
import dev.codepulse.optimizer.internals.engine.Optimizer;
import dev.codepulse.optimizer.internals.engine.WindowResult;
import dev.codepulse.optimizer.internals.state.ActionData;
import dev.codepulse.optimizer.internals.state.InMemoryRawStore;
import dev.codepulse.optimizer.internals.state.RecommendationData;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.LanguageStats;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives an {@link Optimizer} over an in-memory store with a manual clock, window by window, and
 * keeps everything it published.
 */
public final class OptimizerHarness {
    private static final long SETTLE_MS = 5_000;

    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final OptimizerView view = new OptimizerView();
    public final InMemoryRawStore store = new InMemoryRawStore();
    public final List<RecommendationData> recommendations = new ArrayList<>();
    public final List<ActionData> actions = new ArrayList<>();
    public final List<WindowResult> results = new ArrayList<>();
    public final Optimizer optimizer;
    private long nowMs = Aggregates.T0.toEpochMilli();

    public OptimizerHarness(Map<String, String> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(OptimizerConfig.WINDOW_SETTLE_MS_CONFIG, Long.toString(SETTLE_MS));
        properties.put(OptimizerConfig.INSTANCE_ID_CONFIG, "optimizer-test");
        properties.putAll(overrides);
        OptimizerConfig config = new OptimizerConfig(properties);
        optimizer = new Optimizer(config, store, new OptimizerMetrics(registry), view);
    }

    public OptimizerHarness() {
        this(Map.of());
    }

    /** Offers the aggregates of one window, lets it settle, and returns what it published. */
    public WindowResult window(Object... aggregates) {
        offer(aggregates);
        List<WindowResult> due = settle();
        if (due.size() != 1) {
            throw new AssertionError("Expected one evaluated window, got " + due.size());
        }
        return due.get(0);
    }

    /** Offers aggregates without letting their window settle. */
    public void offer(Object... aggregates) {
        for (Object aggregate : aggregates) {
            if (aggregate instanceof LanguageStats language) {
                optimizer.accept(language, nowMs, "test");
            } else if (aggregate instanceof FunctionStats function) {
                optimizer.accept(function, nowMs, "test");
            } else {
                throw new IllegalArgumentException("Not an aggregate: " + aggregate);
            }
        }
    }

    /** Advances the clock past the settle time and returns the windows evaluated. */
    public List<WindowResult> settle() {
        nowMs += SETTLE_MS;
        List<WindowResult> due = optimizer.evaluateDue(nowMs);
        for (WindowResult result : due) {
            results.add(result);
            recommendations.addAll(result.recommendations());
            actions.addAll(result.actions());
        }
        return due;
    }

    /** Returns the published revisions of one recommendation id, in order. */
    public List<RecommendationData> revisions(String id) {
        return recommendations.stream().filter(r -> r.id().equals(id)).toList();
    }

    /** Returns the sum of a counter with the given tags. */
    public double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }
}
