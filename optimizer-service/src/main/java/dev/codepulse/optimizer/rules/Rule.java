package dev.codepulse.optimizer.rules;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A check over one window of aggregates that concludes, per target, firing with a severity,
 * healthy, or silent with a reason.
 *
 * <p>A rule is one class with a public no-argument constructor, listed in {@code optimizer.rules}.
 * The optimizer defines the keys {@code rule.ID.enabled}, {@code rule.ID.min.samples} and {@code
 * rule.ID.severity.{low,medium,high,critical}} from its {@link RuleDefinition}, adds the keys of
 * {@link #defineKeys}, then calls {@link #configure} once before the first window. Rules are called
 * from one thread.
 */
public interface Rule {
    /** Returns the id, defaults and documentation of the rule. */
    RuleDefinition definition();

    /**
     * Adds keys of this rule beyond the common ones, named under {@link
     * RuleDefinition#keyPrefix()}.
     */
    default void defineKeys(ConfigDef definition) {}

    /** Applies the configured settings; called once before {@link #evaluate}. */
    void configure(RuleSettings settings);

    /**
     * Evaluates one window and returns one observation per target the rule looked at. A target
     * whose sample count is below the minimum gets a silent observation, never a firing one.
     */
    List<Observation> evaluate(WindowData window, RuleContext context);
}
