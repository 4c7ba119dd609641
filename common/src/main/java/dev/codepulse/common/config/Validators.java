package dev.codepulse.common.config;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@link ConfigDef.Validator}s that Kafka does not ship. Each describes its valid values in {@code
 * toString}, which the generated configuration tables print.
 */
public final class Validators {
    private Validators() {}

    /** Accepts a list with at least one element. */
    public static ConfigDef.Validator nonEmptyList() {
        return new Described(
                "at least one entry",
                (name, value) -> {
                    if (value == null || ((List<?>) value).isEmpty()) {
                        throw new ConfigException(name, value, "at least one entry is required");
                    }
                });
    }

    /** Accepts strings that match {@code pattern} in full. */
    public static ConfigDef.Validator matching(String pattern, String description) {
        Pattern compiled = Pattern.compile(pattern);
        return new Described(
                description,
                (name, value) -> {
                    if (value == null || !compiled.matcher((String) value).matches()) {
                        throw new ConfigException(name, value, "expected " + description);
                    }
                });
    }

    /** Accepts {@code special} or any number of at least {@code min}. */
    public static ConfigDef.Validator atLeastOr(long min, long special) {
        return new Described(
                special + " or [" + min + ",...]",
                (name, value) -> {
                    long number = ((Number) value).longValue();
                    if (number != special && number < min) {
                        throw new ConfigException(
                                name, value, "expected " + special + " or at least " + min);
                    }
                });
    }

    private record Described(String description, ConfigDef.Validator check)
            implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            check.ensureValid(name, value);
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
