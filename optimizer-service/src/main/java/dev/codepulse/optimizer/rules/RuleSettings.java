package dev.codepulse.optimizer.rules;

import java.util.Objects;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * The configured settings of one rule.
 *
 * @param table severity table, from {@code rule.ID.severity.*}
 * @param minSamples minimum sample count, from {@code rule.ID.min.samples}
 * @param config the whole configuration, for the rule's own extra keys
 */
public record RuleSettings(SeverityTable table, long minSamples, AbstractConfig config) {
    public RuleSettings {
        Objects.requireNonNull(table, "table can't be null");
        Objects.requireNonNull(config, "config can't be null");
    }
}
