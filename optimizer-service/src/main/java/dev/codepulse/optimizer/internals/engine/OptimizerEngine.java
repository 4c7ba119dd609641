package dev.codepulse.optimizer.internals.engine;

import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.optimizer.internals.OptimizerMetrics;
import dev.codepulse.optimizer.internals.actions.ActionPlanner;
import dev.codepulse.optimizer.internals.state.ActionData;
import dev.codepulse.optimizer.internals.state.HealthData;
import dev.codepulse.optimizer.internals.state.OptimizerState;
import dev.codepulse.optimizer.internals.state.Progress;
import dev.codepulse.optimizer.internals.state.RecommendationData;
import dev.codepulse.optimizer.internals.state.RuleStatus;
import dev.codepulse.optimizer.internals.state.TrackedRecommendation;
import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates one complete window: runs every enabled rule, applies the observations to the
 * recommendations, plans actions, records history, and scores health. Keeps all of it in {@link
 * OptimizerState}; publishing is the caller's job.
 */
public final class OptimizerEngine {
    private static final Logger log = LoggerFactory.getLogger(OptimizerEngine.class);

    private final OptimizerConfig config;
    private final OptimizerState state;
    private final OptimizerMetrics metrics;
    private final List<ActionPlanner> planners;
    private final RecommendationTracker tracker;
    private final HealthScorer scorer;

    public OptimizerEngine(
            OptimizerConfig config,
            OptimizerState state,
            OptimizerMetrics metrics,
            List<ActionPlanner> planners) {
        this.config = config;
        this.state = state;
        this.metrics = metrics;
        this.planners = List.copyOf(planners);
        this.tracker =
                new RecommendationTracker(
                        state.recommendations(),
                        config.resolveWindows(),
                        config.updateMinChange(),
                        config.revisionsKept());
        this.scorer = new HealthScorer(config);
    }

    /**
     * Evaluates a window and returns what to publish.
     *
     * @param nowMs wall-clock time, epoch milliseconds, stamped on actions
     */
    public WindowResult evaluate(WindowData window, long nowMs) {
        HistoryContext context = new HistoryContext(state.histories(), config.historyWindows());
        List<RecommendationData> published = new ArrayList<>();
        List<ActionData> actions = new ArrayList<>();
        for (OptimizerConfig.ConfiguredRule configured : config.rules()) {
            RuleDefinition rule = configured.rule().definition();
            if (!configured.enabled()) {
                continue;
            }
            List<Observation> observations = configured.rule().evaluate(window, context);
            recordStatus(configured, observations, window);
            for (Observation observation : observations) {
                metrics.observation(rule.id(), observation);
                apply(rule, observation, window, nowMs, published, actions);
            }
        }
        context.flush();
        List<RecommendationData> active = activeRecommendations();
        List<HealthData> health = scorer.score(window, active);
        for (HealthData score : health) {
            state.health().put(score.scope(), score);
            metrics.healthScore(score.scope(), score.score());
        }
        updateOpenGauges(active);
        Progress progress = state.progress();
        state.progress(
                new Progress(
                        window.start().toEpochMilli(),
                        window.end().toEpochMilli(),
                        progress.windowsEvaluated() + 1));
        metrics.windowEvaluated();
        return new WindowResult(
                window.start().toEpochMilli(),
                window.end().toEpochMilli(),
                published,
                health,
                actions);
    }

    private void apply(
            RuleDefinition rule,
            Observation observation,
            WindowData window,
            long nowMs,
            List<RecommendationData> published,
            List<ActionData> actions) {
        if (observation.status() == Observation.Status.SILENT) {
            log.debug(
                    "Rule stayed silent rule={} target={} reason={} detail={} window={}",
                    rule.id(),
                    observation.target(),
                    observation.silentReason().label(),
                    observation.detail(),
                    window.label());
        }
        Observation effective = observation;
        boolean autoApplicable = false;
        Optional<ActionData> action = Optional.empty();
        if (observation.status() == Observation.Status.FIRING) {
            String id = RecommendationTracker.id(rule.id(), observation.target());
            for (ActionPlanner planner : planners) {
                if (planner.ruleId().equals(rule.id())) {
                    ActionPlanner.Plan plan = planner.plan(observation, id, window, nowMs);
                    autoApplicable |= plan.autoApplicable();
                    effective = withNote(effective, plan.note());
                    action = action.or(plan::action);
                }
            }
        }
        Optional<RecommendationData> revision =
                tracker.apply(rule, effective, window, autoApplicable);
        revision.ifPresent(
                data -> {
                    published.add(data);
                    metrics.recommendationPublished(data.rule(), data.state());
                    log.info(
                            "Recommendation changed id={} state={} severity={} revision={}"
                                    + " impact={} window={}",
                            data.id(),
                            data.state(),
                            data.severity(),
                            data.revision(),
                            data.impactScore(),
                            window.label());
                });
        action.ifPresent(
                data -> {
                    actions.add(data);
                    metrics.actionPublished(data.type(), data.status());
                    log.info(
                            "Action issued id={} type={} target={} parameter={} from={} to={}"
                                    + " status={}",
                            data.id(),
                            data.type(),
                            data.target(),
                            data.parameter(),
                            data.previousValue(),
                            data.newValue(),
                            data.status());
                });
    }

    private static Observation withNote(Observation observation, String note) {
        if (note.isEmpty()) {
            return observation;
        }
        return Observation.firing(
                observation.target(),
                observation.severity(),
                observation.evidence(),
                observation.volume(),
                observation.sampleCount(),
                observation.suggestedAction() + note);
    }

    private void recordStatus(
            OptimizerConfig.ConfiguredRule configured,
            List<Observation> observations,
            WindowData window) {
        RuleDefinition rule = configured.rule().definition();
        int firing = 0;
        int healthy = 0;
        List<RuleStatus.SilentTarget> silent = new ArrayList<>();
        for (Observation observation : observations) {
            switch (observation.status()) {
                case FIRING -> firing++;
                case HEALTHY -> healthy++;
                case SILENT ->
                        silent.add(
                                new RuleStatus.SilentTarget(
                                        observation.target(),
                                        observation.silentReason().label(),
                                        observation.detail()));
            }
        }
        state.ruleStatus()
                .put(
                        rule.id(),
                        new RuleStatus(
                                rule.id(),
                                configured.enabled(),
                                rule.targetKind(),
                                rule.description(),
                                configured.settings().minSamples(),
                                configured.settings().table(),
                                window.start().toEpochMilli(),
                                window.end().toEpochMilli(),
                                firing,
                                healthy,
                                silent.size(),
                                List.copyOf(silent)));
    }

    private List<RecommendationData> activeRecommendations() {
        return state.recommendations().values().stream()
                .map(TrackedRecommendation::current)
                .filter(RecommendationData::active)
                .toList();
    }

    private void updateOpenGauges(List<RecommendationData> active) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (RecommendationData data : active) {
            counts.merge(data.severity(), 1, Integer::sum);
        }
        for (Severity severity : Severity.values()) {
            metrics.openRecommendations(severity, counts.getOrDefault(severity, 0));
        }
    }
}
