package dev.codepulse.schemas.serde;

import dev.codepulse.schemas.registry.RegistryUrl;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Configuration of event serialization: which wire format, and how to reach the registry. */
public final class SerdeConfig extends AbstractConfig {
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC =
            "Base URL of a Confluent-compatible schema registry, such as http://registry:8081: http"
                    + " or https, a host, an optional port and path, no credentials or query. When"
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
            "Time limit for one registry request, in milliseconds, from 100 to 120000, from"
                    + " sending it to the complete response, connecting included.";

    public static final String SCHEMA_REGISTRY_CONNECT_TIMEOUT_MS_CONFIG =
            "schema.registry.connect.timeout.ms";
    private static final String SCHEMA_REGISTRY_CONNECT_TIMEOUT_MS_DOC =
            "Time limit for opening a connection to the registry, in milliseconds, from 100 to"
                    + " 60000.";

    public static final String SCHEMA_REGISTRY_CACHE_CAPACITY_CONFIG =
            "schema.registry.cache.capacity";
    private static final String SCHEMA_REGISTRY_CACHE_CAPACITY_DOC =
            "Maximum entries in each registry client cache (schemas by id, and ids by subject and"
                    + " schema), from 10 to 1000000; beyond it Caffeine evicts the entries least"
                    + " likely to be used again.";

    public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG =
            "schema.registry.basic.auth.user.info";
    private static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_DOC =
            "Credentials for HTTP basic authentication with the registry, as USER:PASSWORD; empty"
                    + " for none. Sent only in the Authorization header, never logged or put in an"
                    + " error message.";

    private static final ConfigDef CONFIG =
            new ConfigDef()
                    .define(
                            SCHEMA_REGISTRY_URL_CONFIG,
                            Type.STRING,
                            "",
                            ConfigDef.LambdaValidator.with(
                                    SerdeConfig::validateRegistryUrl,
                                    () -> "empty, or http(s)://HOST[:PORT][/PATH]"),
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
                            ConfigDef.LambdaValidator.with(
                                    SerdeConfig::validateUserInfo, () -> "USER:PASSWORD"),
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

    private static void validateRegistryUrl(String name, Object value) {
        String url = value == null ? "" : value.toString();
        if (url.isBlank()) {
            return;
        }
        try {
            RegistryUrl.normalize(url);
        } catch (IllegalArgumentException e) {
            // The message masks credentials, so it replaces the value in the ConfigException.
            throw new ConfigException(name + ": " + e.getMessage());
        }
    }

    private static void validateUserInfo(String name, Object value) {
        if (value == null) {
            return;
        }
        String userInfo = ((Password) value).value();
        if (!userInfo.isEmpty() && userInfo.indexOf(':') < 1) {
            throw new ConfigException(
                    name, value, "expected USER:PASSWORD with a non-empty user name");
        }
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
