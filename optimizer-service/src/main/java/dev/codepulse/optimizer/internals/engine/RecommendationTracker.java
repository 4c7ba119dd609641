package dev.codepulse.optimizer.internals.engine;

import dev.codepulse.optimizer.internals.state.JsonTable;
import dev.codepulse.optimizer.internals.state.RecommendationData;
import dev.codepulse.optimizer.internals.state.TrackedRecommendation;
import dev.codepulse.optimizer.rules.EvidenceItem;
import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.RecommendationState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The life cycle of recommendations: OPEN when a rule first fires for a target, UPDATED when the
 * severity changes or an observed value moves by at least the configured relative change, RESOLVED
 * after the rule found the target healthy for the configured number of consecutive windows. A
 * resolved recommendation that fires again is OPEN again with the next revision.
 *
 * <p>NOTE: only healthy observations resolve, so a recommendation about a target that stops
 * reporting (a language no longer submitted) stays open.
 */
final class RecommendationTracker {
    private final JsonTable<TrackedRecommendation> table;
    private final int resolveWindows;
    private final double updateMinChange;
    private final int revisionsKept;

    RecommendationTracker(
            JsonTable<TrackedRecommendation> table,
            int resolveWindows,
            double updateMinChange,
            int revisionsKept) {
        this.table = table;
        this.resolveWindows = resolveWindows;
        this.updateMinChange = updateMinChange;
        this.revisionsKept = revisionsKept;
    }

    /** Returns the deterministic id of the recommendation of a rule about a target. */
    static String id(String rule, String target) {
        return rule + ":" + target;
    }

    /**
     * Applies one observation and returns the revision to publish, or empty when nothing changed
     * that a reader must see.
     */
    Optional<RecommendationData> apply(
            RuleDefinition rule,
            Observation observation,
            WindowData window,
            boolean autoApplicable) {
        String id = id(rule.id(), observation.target());
        Optional<TrackedRecommendation> tracked = table.get(id);
        return switch (observation.status()) {
            case FIRING -> fire(rule, observation, window, autoApplicable, id, tracked);
            case HEALTHY -> recover(observation, window, tracked);
            case SILENT -> Optional.empty();
        };
    }

    private Optional<RecommendationData> fire(
            RuleDefinition rule,
            Observation observation,
            WindowData window,
            boolean autoApplicable,
            String id,
            Optional<TrackedRecommendation> tracked) {
        long windowEndMs = window.end().toEpochMilli();
        double impact = SeverityTable.weight(observation.severity()) * observation.volume();
        RecommendationData previous = tracked.map(TrackedRecommendation::current).orElse(null);
        if (previous == null || !previous.active()) {
            int revision = previous == null ? 1 : previous.revision() + 1;
            RecommendationData opened =
                    new RecommendationData(
                            id,
                            rule.id(),
                            rule.targetKind(),
                            observation.target(),
                            observation.severity(),
                            impact,
                            RecommendationState.OPEN,
                            revision,
                            observation.evidence(),
                            observation.suggestedAction(),
                            autoApplicable,
                            windowEndMs,
                            windowEndMs);
            return publish(opened, tracked, windowEndMs);
        }
        if (previous.severity() == observation.severity()
                && !movedEnough(previous.evidence(), observation.evidence())) {
            table.put(
                    id,
                    new TrackedRecommendation(previous, 0, windowEndMs, tracked.get().revisions()));
            return Optional.empty();
        }
        RecommendationData updated =
                new RecommendationData(
                        id,
                        previous.rule(),
                        previous.targetKind(),
                        previous.target(),
                        observation.severity(),
                        impact,
                        RecommendationState.UPDATED,
                        previous.revision() + 1,
                        observation.evidence(),
                        observation.suggestedAction(),
                        autoApplicable,
                        previous.firstSeenMs(),
                        windowEndMs);
        return publish(updated, tracked, windowEndMs);
    }

    private Optional<RecommendationData> recover(
            Observation observation, WindowData window, Optional<TrackedRecommendation> tracked) {
        if (tracked.isEmpty() || !tracked.get().current().active()) {
            return Optional.empty();
        }
        long windowEndMs = window.end().toEpochMilli();
        RecommendationData previous = tracked.get().current();
        int recovered = tracked.get().recoveredWindows() + 1;
        if (recovered < resolveWindows) {
            table.put(
                    previous.id(),
                    new TrackedRecommendation(
                            previous, recovered, windowEndMs, tracked.get().revisions()));
            return Optional.empty();
        }
        RecommendationData resolved =
                new RecommendationData(
                        previous.id(),
                        previous.rule(),
                        previous.targetKind(),
                        previous.target(),
                        previous.severity(),
                        0,
                        RecommendationState.RESOLVED,
                        previous.revision() + 1,
                        observation.evidence(),
                        "Nothing to do: the metric stayed in its expected range for "
                                + recovered
                                + " windows. Previously: "
                                + previous.suggestedAction(),
                        false,
                        previous.firstSeenMs(),
                        windowEndMs);
        return publish(resolved, tracked, windowEndMs);
    }

    private Optional<RecommendationData> publish(
            RecommendationData revision,
            Optional<TrackedRecommendation> tracked,
            long windowEndMs) {
        List<RecommendationData> revisions =
                new ArrayList<>(tracked.map(TrackedRecommendation::revisions).orElse(List.of()));
        revisions.add(revision);
        while (revisions.size() > revisionsKept) {
            revisions.remove(0);
        }
        table.put(
                revision.id(),
                new TrackedRecommendation(revision, 0, windowEndMs, List.copyOf(revisions)));
        return Optional.of(revision);
    }

    // True when an observed value of a metric moved by at least the relative minimum change.
    private boolean movedEnough(List<EvidenceItem> before, List<EvidenceItem> after) {
        for (EvidenceItem now : after) {
            for (EvidenceItem then : before) {
                if (!then.metric().equals(now.metric())) {
                    continue;
                }
                double scale = Math.max(Math.abs(then.observed()), 1e-9);
                if (Math.abs(now.observed() - then.observed()) / scale >= updateMinChange) {
                    return true;
                }
            }
        }
        return false;
    }
}
