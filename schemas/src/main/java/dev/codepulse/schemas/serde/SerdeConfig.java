package dev.codepulse.schemas.serde;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/** Configuration of event serialization: which wire format, and how to reach the registry. */
public final class SerdeConfig extends AbstractConfig {
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC =
            "Base URL of a Confluent-compatible schema registry, such as http://registry:8081. When"
                    + " set, events use the Confluent wire format (magic byte 0, 4-byte schema id,"
                    + " Avro body). When empty, events use Avro single-object encoding and need no"
                    + " registry.";

    public static final String SCHEMA_REGISTRY_AUTO_REGISTER_CONFIG =
            "schema.registry.auto.register";
    private static final String SCHEMA_REGISTRY_AUTO_REGISTER_DOC =
            "Register a writer schema under the subject TOPIC-value when it is not registered yet."
                    + " When false, writing fails unless the schema is already registered.";

    public static final String SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_CONFIG =
            "schema.registry.request.timeout.ms";
    private static final String SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_DOC =
            "Time limit for one registry request, in milliseconds, from sending to the complete"
                    + " response.";

    public static final String SCHEMA_REGISTRY_CONNECT_TIMEOUT_MS_CONFIG =
            "schema.registry.connect.timeout.ms";
    private static final String SCHEMA_REGISTRY_CONNECT_TIMEOUT_MS_DOC =
            "Time limit for opening a connection to the registry, in milliseconds.";

    public static final String SCHEMA_REGISTRY_CACHE_CAPACITY_CONFIG =
            "schema.registry.cache.capacity";
    private static final String SCHEMA_REGISTRY_CACHE_CAPACITY_DOC =
            "Maximum schemas kept in each client cache (by id, and by subject and schema); the"
                    + " least recently used are evicted beyond it.";

    public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG =
            "schema.registry.basic.auth.user.info";
    private static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_DOC =
            "Credentials for HTTP basic authentication with the registry, as USER:PASSWORD. Never"
                    + " logged.";

    private static final ConfigDef CONFIG =
            new ConfigDef()
                    .define(
                            SCHEMA_REGISTRY_URL_CONFIG,
                            Type.STRING,
                            "",
                            Importance.HIGH,
                            SCHEMA_REGISTRY_URL_DOC)
                    .define(
                            SCHEMA_REGISTRY_AUTO_REGISTER_CONFIG,
                            Type.BOOLEAN,
                            true,
                            Importance.MEDIUM,
                            SCHEMA_REGISTRY_AUTO_REGISTER_DOC)
                    .define(
                            SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_CONFIG,
                            Type.INT,
                            5_000,
                            Range.between(100, 120_000),
                            Importance.LOW,
                            SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_DOC)
                    .define(
                            SCHEMA_REGISTRY_CONNECT_TIMEOUT_MS_CONFIG,
                            Type.INT,
                            2_000,
                            Range.between(100, 60_000),
                            Importance.LOW,
                            SCHEMA_REGISTRY_CONNECT_TIMEOUT_MS_DOC)
                    .define(
                            SCHEMA_REGISTRY_CACHE_CAPACITY_CONFIG,
                            Type.INT,
                            1_000,
                            Range.between(10, 1_000_000),
                            Importance.LOW,
                            SCHEMA_REGISTRY_CACHE_CAPACITY_DOC)
                    .define(
                            SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG,
                            Type.PASSWORD,
                            null,
                            Importance.LOW,
                            SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_DOC);

    /**
     * Reads the serde keys from {@code originals}; other keys are ignored.
     *
     * @throws org.apache.kafka.common.config.ConfigException if a value is invalid
     */
    public SerdeConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
    }

    /** Returns the definitions of every serde key, for documentation and for service configs. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** Returns true when a registry URL is configured. */
    public boolean usesRegistry() {
        return !registryUrl().isEmpty();
    }

    /** Returns the registry URL without a trailing slash, or an empty string. */
    public String registryUrl() {
        String url = getString(SCHEMA_REGISTRY_URL_CONFIG).strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Returns the basic-auth credentials, or null when none are configured. */
    public Password basicAuthUserInfo() {
        return getPassword(SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG);
    }
}
