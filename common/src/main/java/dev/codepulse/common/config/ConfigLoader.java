package dev.codepulse.common.config;

import dev.codepulse.common.InvalidConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Collects configuration from its sources, later ones overriding earlier ones: built-in defaults of
 * the service, a properties file, environment variables, then explicit overrides such as
 * command-line options.
 *
 * <p>Environment rule: every variable named {@code CODEPULSE_NAME} sets the key obtained by
 * lowercasing NAME and replacing each underscore with a dot. {@code CODEPULSE_EXECUTOR_SLOTS=4}
 * sets {@code executor.slots}, and {@code CODEPULSE_KAFKA_SECURITY_PROTOCOL=SSL} sets {@code
 * kafka.security.protocol}. Keys therefore never contain underscores.
 */
public final class ConfigLoader {
    /** Prefix of the environment variables that set configuration keys. */
    public static final String ENVIRONMENT_PREFIX = "CODEPULSE_";

    private final Map<String, String> values = new TreeMap<>();

    /** Starts from the given defaults. */
    public ConfigLoader(Map<String, String> defaults) {
        values.putAll(defaults);
    }

    /** Starts empty. */
    public ConfigLoader() {}

    /**
     * Adds every key of a properties file.
     *
     * @throws InvalidConfigurationException if the file is missing or unreadable
     */
    public ConfigLoader withFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new InvalidConfigurationException(
                    "Failed to read configuration file " + file + ": " + e.getMessage(), e);
        }
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key).strip());
        }
        return this;
    }

    /** Adds the keys set by {@code CODEPULSE_*} variables of the given environment. */
    public ConfigLoader withEnvironment(Map<String, String> environment) {
        environment.forEach(
                (name, value) -> {
                    String key = keyOf(name);
                    if (key != null) {
                        values.put(key, value);
                    }
                });
        return this;
    }

    /** Adds explicit overrides, which win over every other source. */
    public ConfigLoader withOverrides(Map<String, String> overrides) {
        values.putAll(overrides);
        return this;
    }

    /** Returns the merged configuration, sorted by key. */
    public Map<String, String> load() {
        return new TreeMap<>(values);
    }

    /**
     * Returns the configuration key an environment variable sets, or null when the variable does
     * not start with {@link #ENVIRONMENT_PREFIX}.
     */
    public static String keyOf(String variable) {
        if (!variable.startsWith(ENVIRONMENT_PREFIX)
                || variable.length() == ENVIRONMENT_PREFIX.length()) {
            return null;
        }
        return variable.substring(ENVIRONMENT_PREFIX.length())
                .toLowerCase(Locale.ROOT)
                .replace('_', '.');
    }

    /** Returns the environment variable that sets a configuration key. */
    public static String variableOf(String key) {
        return ENVIRONMENT_PREFIX
                + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
