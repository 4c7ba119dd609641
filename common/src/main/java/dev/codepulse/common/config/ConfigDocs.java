package dev.codepulse.common.config;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Renders a configuration definition as a Markdown table, so the documented keys always match the
 * code: key, environment variable, type, default, valid values, and description.
 */
public final class ConfigDocs {
    private ConfigDocs() {}

    /** Returns a Markdown table of every key in {@code definition}, in definition order. */
    public static String markdownTable(ConfigDef definition) {
        StringBuilder table = new StringBuilder();
        table.append(
                "| key | environment variable | type | default | valid values | description |\n");
        table.append("|---|---|---|---|---|---|\n");
        List<ConfigDef.ConfigKey> keys = definition.configKeys().values().stream().toList();
        for (ConfigDef.ConfigKey key : keys) {
            table.append("| `")
                    .append(key.name)
                    .append("` | `")
                    .append(ConfigLoader.variableOf(key.name))
                    .append("` | ")
                    .append(key.type.name().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ")
                    .append(defaultValue(key))
                    .append(" | ")
                    .append(key.validator == null ? "" : escape(key.validator.toString()))
                    .append(" | ")
                    .append(escape(key.documentation))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "required";
        }
        Object value = key.defaultValue;
        if (value == null) {
            return "none";
        }
        if (value instanceof Password) {
            return "none";
        }
        if (value instanceof List<?> list) {
            value = list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
