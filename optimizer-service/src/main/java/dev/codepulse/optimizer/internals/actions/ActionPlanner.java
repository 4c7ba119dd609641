package dev.codepulse.optimizer.internals.actions;

import dev.codepulse.optimizer.internals.state.ActionData;
import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.optimizer.rules.WindowData;
import java.util.Optional;

/** Turns firing observations of one rule into bounded actions of one type. */
public interface ActionPlanner {
    /** Returns the action type, such as {@code cache-ttl}. */
    String type();

    /** Returns the id of the rule whose firing observations this planner acts on. */
    String ruleId();

    /**
     * Plans the action for one firing observation and records it as issued when it returns one.
     *
     * @param recommendationId id of the recommendation the observation belongs to
     * @param nowMs wall-clock time, epoch milliseconds, for {@code issuedAt}
     */
    Plan plan(Observation firing, String recommendationId, WindowData window, long nowMs);

    /**
     * The outcome of planning.
     *
     * @param autoApplicable true when the planner can change the setting, now or after its cooldown
     * @param note sentence appended to the suggested action, or empty
     * @param action action to publish now, or empty
     */
    record Plan(boolean autoApplicable, String note, Optional<ActionData> action) {
        /** A plan with nothing to do. */
        public static final Plan NONE = new Plan(false, "", Optional.empty());
    }
}
