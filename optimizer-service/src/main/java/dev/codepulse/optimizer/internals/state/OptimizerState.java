package dev.codepulse.optimizer.internals.state;

import java.util.Objects;

/**
 * Every piece of optimizer state, as typed tables over one {@link RawStore}, so that the state
 * lives in a single Kafka Streams store and changelog topic.
 */
public final class OptimizerState {
    private static final String PROGRESS_KEY = "current";

    private final JsonTable<TrackedRecommendation> recommendations;
    private final JsonTable<MetricHistory> histories;
    private final JsonTable<ActionTrack> actions;
    private final JsonTable<PendingAggregate> pending;
    private final JsonTable<WindowMark> windows;
    private final JsonTable<Progress> progress;
    private final JsonTable<HealthData> health;
    private final JsonTable<RuleStatus> ruleStatus;

    public OptimizerState(RawStore store) {
        Objects.requireNonNull(store, "store can't be null");
        this.recommendations = new JsonTable<>(store, "rec/", TrackedRecommendation.class);
        this.histories = new JsonTable<>(store, "hist/", MetricHistory.class);
        this.actions = new JsonTable<>(store, "act/", ActionTrack.class);
        this.pending = new JsonTable<>(store, "pend/", PendingAggregate.class);
        this.windows = new JsonTable<>(store, "win/", WindowMark.class);
        this.progress = new JsonTable<>(store, "prog/", Progress.class);
        this.health = new JsonTable<>(store, "health/", HealthData.class);
        this.ruleStatus = new JsonTable<>(store, "rule/", RuleStatus.class);
    }

    /** Recommendations by id. */
    public JsonTable<TrackedRecommendation> recommendations() {
        return recommendations;
    }

    /** Metric histories by series name. */
    public JsonTable<MetricHistory> histories() {
        return histories;
    }

    /** Action tracks by {@link ActionTrack#key}. */
    public JsonTable<ActionTrack> actions() {
        return actions;
    }

    /** Aggregates waiting for evaluation, by window key, kind and name. */
    public JsonTable<PendingAggregate> pending() {
        return pending;
    }

    /** Windows waiting for evaluation, by window key. */
    public JsonTable<WindowMark> windows() {
        return windows;
    }

    /** Latest health score per scope. */
    public JsonTable<HealthData> health() {
        return health;
    }

    /** Latest status per rule id. */
    public JsonTable<RuleStatus> ruleStatus() {
        return ruleStatus;
    }

    /** Returns how far evaluation got. */
    public Progress progress() {
        return progress.get(PROGRESS_KEY).orElse(Progress.NONE);
    }

    /** Stores how far evaluation got. */
    public void progress(Progress value) {
        progress.put(PROGRESS_KEY, value);
    }
}
