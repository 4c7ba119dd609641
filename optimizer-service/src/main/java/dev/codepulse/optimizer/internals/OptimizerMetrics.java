package dev.codepulse.optimizer.internals;

import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.schemas.ActionStatus;
import dev.codepulse.schemas.RecommendationState;
import dev.codepulse.schemas.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The optimizer's meters, all named {@code codepulse.optimizer.*}. */
public final class OptimizerMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> healthScores = new ConcurrentHashMap<>();
    private final Map<Severity, AtomicInteger> openBySeverity = new EnumMap<>(Severity.class);

    public OptimizerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Severity severity : Severity.values()) {
            AtomicInteger open = new AtomicInteger();
            openBySeverity.put(severity, open);
            Gauge.builder("codepulse.optimizer.recommendations.open", open, AtomicInteger::get)
                    .description("Recommendations in state OPEN or UPDATED")
                    .tag("severity", severity.name())
                    .register(registry);
        }
    }

    /** Returns the registry the meters live in. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Counts an aggregate or acknowledgement that reached the evaluator. */
    public void inputReceived(String kind) {
        counter(
                        "codepulse.optimizer.inputs.received",
                        "Inputs received by the evaluator",
                        "kind",
                        kind)
                .increment();
    }

    /** Counts an aggregate dropped without evaluation, with the reason. */
    public void aggregateDropped(String reason) {
        counter(
                        "codepulse.optimizer.aggregates.dropped",
                        "Aggregates not evaluated, by reason",
                        "reason",
                        reason)
                .increment();
    }

    /** Counts an evaluated window. */
    public void windowEvaluated() {
        registry.counter("codepulse.optimizer.windows.evaluated").increment();
    }

    /** Counts what a rule concluded about one target, and why it stayed silent. */
    public void observation(String rule, Observation observation) {
        Counter.builder("codepulse.optimizer.rule.observations")
                .description("Rule conclusions per target and window, by status")
                .tag("rule", rule)
                .tag("status", observation.status().name())
                .register(registry)
                .increment();
        if (observation.silentReason() != null) {
            Counter.builder("codepulse.optimizer.rule.silent")
                    .description("Targets a rule stayed silent about, by reason")
                    .tag("rule", rule)
                    .tag("reason", observation.silentReason().label())
                    .register(registry)
                    .increment();
        }
    }

    /** Counts a published recommendation revision. */
    public void recommendationPublished(String rule, RecommendationState state) {
        Counter.builder("codepulse.optimizer.recommendations.published")
                .description("Recommendation revisions published")
                .tag("rule", rule)
                .tag("state", state.name())
                .register(registry)
                .increment();
    }

    /** Sets the number of open recommendations of one severity. */
    public void openRecommendations(Severity severity, int count) {
        openBySeverity.get(severity).set(count);
    }

    /** Sets the latest health score of a scope. */
    public void healthScore(String scope, int score) {
        healthScores
                .computeIfAbsent(
                        scope,
                        key -> {
                            AtomicInteger value = new AtomicInteger();
                            Gauge.builder(
                                            "codepulse.optimizer.health.score",
                                            value,
                                            AtomicInteger::get)
                                    .description("Latest health score from 0 to 100")
                                    .tag("scope", key)
                                    .register(registry);
                            return value;
                        })
                .set(score);
    }

    /** Counts a published action. */
    public void actionPublished(String type, ActionStatus status) {
        counter("codepulse.optimizer.actions.published", "Actions published", "type", type, status)
                .increment();
    }

    /** Counts a worker acknowledgement. */
    public void actionAcknowledged(String type, ActionStatus status) {
        counter(
                        "codepulse.optimizer.actions.acknowledged",
                        "Worker acknowledgements read",
                        "type",
                        type,
                        status)
                .increment();
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }

    private Counter counter(
            String name, String description, String tag, String value, ActionStatus status) {
        return Counter.builder(name)
                .description(description)
                .tag(tag, value)
                .tag("status", status.name())
                .register(registry);
    }
}
