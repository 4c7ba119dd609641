package dev.codepulse.optimizer;

import dev.codepulse.optimizer.rules.Rule;
import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.schemas.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Creates rules from class names and defines the configuration keys every rule gets. */
final class RuleKeys {
    private RuleKeys() {}

    /** Returns {@code rule.ID.enabled}. */
    static String enabledKey(RuleDefinition definition) {
        return definition.keyPrefix() + "enabled";
    }

    /** Returns {@code rule.ID.min.samples}. */
    static String minSamplesKey(RuleDefinition definition) {
        return definition.keyPrefix() + "min.samples";
    }

    /** Returns {@code rule.ID.severity.LEVEL}, such as {@code rule.slow.function.severity.high}. */
    static String severityKey(RuleDefinition definition, Severity severity) {
        return definition.keyPrefix() + "severity." + severity.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Creates one instance of each named rule class.
     *
     * @throws ConfigException if a class is missing, is not a {@link Rule}, has no public
     *     no-argument constructor, or two rules share an id
     */
    static List<Rule> instantiate(String key, List<String> classNames) {
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String className : classNames) {
            Rule rule = create(key, className.strip());
            if (!ids.add(rule.definition().id())) {
                throw new ConfigException(
                        key,
                        classNames,
                        "two rules have the id "
                                + rule.definition().id()
                                + "; list each rule once");
            }
            rules.add(rule);
        }
        return rules;
    }

    /** Adds the common keys of each rule, then the rule's own keys. */
    static void define(ConfigDef definition, List<Rule> rules) {
        for (Rule rule : rules) {
            RuleDefinition rd = rule.definition();
            String group = "rule " + rd.id() + ": ";
            definition.define(
                    enabledKey(rd),
                    Type.BOOLEAN,
                    true,
                    Importance.MEDIUM,
                    group + "evaluate this rule. " + rd.description());
            definition.define(
                    minSamplesKey(rd),
                    Type.LONG,
                    rd.defaultMinSamples(),
                    Range.atLeast(1),
                    Importance.MEDIUM,
                    group
                            + "minimum samples of a target in a window, as a count; below it the"
                            + " rule stays silent about that target.");
            SeverityTable table = rd.defaultTable();
            for (Severity severity : Severity.values()) {
                definition.define(
                        severityKey(rd, severity),
                        Type.DOUBLE,
                        table.threshold(severity),
                        Range.atLeast(0.0),
                        Importance.LOW,
                        group
                                + "threshold of "
                                + severity
                                + ", as the "
                                + rd.thresholdUnit()
                                + ". The value fires at this severity when it is "
                                + (table.direction() == SeverityTable.Direction.HIGHER_IS_WORSE
                                        ? "at or above"
                                        : "at or below")
                                + " the threshold.");
            }
            rule.defineKeys(definition);
        }
    }

    private static Rule create(String key, String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, RuleKeys.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, className, "rule class not found on the class path");
        }
        if (!Rule.class.isAssignableFrom(type)) {
            throw new ConfigException(
                    key, className, "class does not implement " + Rule.class.getName());
        }
        try {
            return (Rule) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(
                    key,
                    className,
                    "failed to create the rule with its public no-argument constructor: " + e);
        }
    }
}
