package dev.codepulse.optimizer.rules;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Per-target values of a setting, written as a list of {@code target:value} entries, such as {@code
 * executor.compile:5000,executor.run:10000}. The value follows the last colon, so targets may
 * contain colons.
 */
public final class TargetOverrides {
    private final Map<String, Double> values;

    private TargetOverrides(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Parses the entries of a list key.
     *
     * @throws ConfigException if an entry is not {@code target:value} with a positive number
     */
    public static TargetOverrides parse(String key, List<String> entries) {
        Map<String, Double> values = new TreeMap<>();
        for (String entry : entries) {
            int colon = entry.lastIndexOf(':');
            String target = colon <= 0 ? "" : entry.substring(0, colon).strip();
            double value = colon <= 0 ? Double.NaN : parseNumber(entry.substring(colon + 1));
            if (target.isEmpty() || !(value > 0) || !Double.isFinite(value)) {
                throw new ConfigException(
                        key,
                        entry,
                        "expected target:value with a positive number, such as run:500");
            }
            values.put(target, value);
        }
        return new TargetOverrides(values);
    }

    /** Returns a validator that accepts lists of {@code target:value} entries. */
    public static ConfigDef.Validator validator() {
        return new ConfigDef.Validator() {
            @Override
            @SuppressWarnings("unchecked")
            public void ensureValid(String name, Object value) {
                parse(name, value == null ? List.of() : (List<String>) value);
            }

            @Override
            public String toString() {
                return "list of target:value with value > 0";
            }
        };
    }

    /** Returns the value for a target, or {@code fallback} when none is configured. */
    public double valueFor(String target, double fallback) {
        return values.getOrDefault(target, fallback);
    }

    /** Returns every configured entry. */
    public Map<String, Double> values() {
        return values;
    }

    private static double parseNumber(String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
