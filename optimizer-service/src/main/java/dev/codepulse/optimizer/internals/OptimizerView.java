package dev.codepulse.optimizer.internals;

import dev.codepulse.optimizer.internals.state.ActionTrack;
import dev.codepulse.optimizer.internals.state.HealthData;
import dev.codepulse.optimizer.internals.state.OptimizerState;
import dev.codepulse.optimizer.internals.state.Progress;
import dev.codepulse.optimizer.internals.state.RuleStatus;
import dev.codepulse.optimizer.internals.state.TrackedRecommendation;
import java.util.List;

/**
 * The latest state of the evaluator as an immutable snapshot, for readers on other threads (HTTP,
 * the CLI). The evaluator thread replaces it after each change.
 */
public final class OptimizerView {
    /** A consistent copy of the optimizer state. */
    public record Snapshot(
            List<TrackedRecommendation> recommendations,
            List<HealthData> health,
            List<RuleStatus> rules,
            List<ActionTrack> actions,
            Progress progress,
            boolean ready) {

        /** The snapshot before the evaluator has started. */
        public static final Snapshot EMPTY =
                new Snapshot(List.of(), List.of(), List.of(), List.of(), Progress.NONE, false);

        /** Copies the current state. */
        public static Snapshot of(OptimizerState state) {
            return new Snapshot(
                    List.copyOf(state.recommendations().values()),
                    List.copyOf(state.health().values()),
                    List.copyOf(state.ruleStatus().values()),
                    List.copyOf(state.actions().values()),
                    state.progress(),
                    true);
        }
    }

    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** Returns the latest snapshot. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Replaces the snapshot. */
    public void update(Snapshot next) {
        snapshot = next;
    }
}
