package dev.codepulse.optimizer.rules;

import dev.codepulse.schemas.TargetKind;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identity, documentation and defaults of a rule. The configuration keys of the rule are derived
 * from {@link #id} and take these defaults unless configured.
 *
 * @param id rule id in kebab-case, such as {@code slow-function}; part of recommendation ids
 * @param targetKind kind of the targets the rule judges
 * @param description one sentence on what the rule detects
 * @param thresholdUnit what the severity thresholds measure, such as {@code ratio of p95 to budget}
 * @param defaultTable default severity table
 * @param defaultMinSamples default minimum sample count below which the rule stays silent
 * @param suggestedAction short form of the action the rule suggests, for documentation
 */
public record RuleDefinition(
        String id,
        TargetKind targetKind,
        String description,
        String thresholdUnit,
        SeverityTable defaultTable,
        long defaultMinSamples,
        String suggestedAction) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /**
     * Validates the definition.
     *
     * @throws IllegalArgumentException if the id is not kebab-case or the minimum sample count is
     *     below 1
     */
    public RuleDefinition {
        Objects.requireNonNull(id, "id can't be null");
        Objects.requireNonNull(targetKind, "targetKind can't be null");
        Objects.requireNonNull(defaultTable, "defaultTable can't be null");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "Invalid rule id '" + id + "'; expected kebab-case such as slow-function");
        }
        if (defaultMinSamples < 1) {
            throw new IllegalArgumentException(
                    "Invalid default minimum sample count "
                            + defaultMinSamples
                            + " of rule "
                            + id
                            + "; expected at least 1");
        }
    }

    /**
     * Returns the prefix of this rule's configuration keys: {@code rule.} and the id with dots for
     * dashes, such as {@code rule.slow.function.}, because keys map to environment variables where
     * only dots survive.
     */
    public String keyPrefix() {
        return "rule." + id.replace('-', '.').toLowerCase(Locale.ROOT) + ".";
    }
}
