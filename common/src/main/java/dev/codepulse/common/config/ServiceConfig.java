package dev.codepulse.common.config;

import dev.codepulse.schemas.Topic;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.schemas.serde.SerdeConfig;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings every service shares: where the cluster is, topic naming and creation, the HTTP
 * endpoint, the instance id, serialization, and pass-through properties for Kafka clients.
 *
 * <p>Each service defines its own keys on top with {@link #define(ConfigDef, int)} and extends this
 * class.
 *
 * <p>Any key starting with {@code kafka.} is passed, without that prefix, to every Kafka client the
 * service creates, for example {@code kafka.security.protocol=SASL_SSL} or {@code
 * kafka.ssl.truststore.location=/etc/ssl/kafka.jks}.
 */
public class ServiceConfig extends AbstractConfig {
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC =
            "Kafka brokers to connect to first, as a comma-separated list of host:port.";

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC =
            "Prefix of every topic name, such as team-a. giving team-a.submissions; empty for the"
                    + " plain names. Lets several pipelines share one cluster.";

    public static final String TOPIC_CREATE_CONFIG = "topic.create";
    private static final String TOPIC_CREATE_DOC =
            "Create the service's topics at start when they are missing. Existing topics are left"
                    + " as they are.";

    public static final String TOPIC_PARTITIONS_CONFIG = "topic.partitions";
    private static final String TOPIC_PARTITIONS_DOC =
            "Partitions of each topic the service creates. Bounds how many workers or stream"
                    + " threads share the load.";

    public static final String TOPIC_REPLICATION_FACTOR_CONFIG = "topic.replication.factor";
    private static final String TOPIC_REPLICATION_FACTOR_DOC =
            "Replication factor of each topic the service creates; -1 takes the broker's"
                    + " default.replication.factor.";

    public static final String INSTANCE_ID_CONFIG = "instance.id";
    private static final String INSTANCE_ID_DOC =
            "Id of this process in reports, samples and logs; empty picks HOSTNAME-PID.";

    public static final String HTTP_HOST_CONFIG = "http.host";
    private static final String HTTP_HOST_DOC =
            "Address the HTTP endpoint (queries, /metrics, /health) binds to. Loopback by default;"
                    + " set 0.0.0.0 to serve other hosts.";

    public static final String HTTP_PORT_CONFIG = "http.port";
    private static final String HTTP_PORT_DOC =
            "Port of the HTTP endpoint; 0 picks a free port, -1 disables the endpoint.";

    private static final String KAFKA_PREFIX = "kafka.";

    private final String instanceId;

    /**
     * Parses {@code originals} against {@code definition}, which must include the shared keys.
     *
     * @throws org.apache.kafka.common.config.ConfigException if a value is invalid
     */
    protected ServiceConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals, false);
        String configured = getString(INSTANCE_ID_CONFIG).strip();
        this.instanceId = configured.isEmpty() ? defaultInstanceId() : configured;
    }

    /**
     * Adds the shared keys and the serde keys to a service's definition.
     *
     * @param defaultHttpPort the service's own default HTTP port
     */
    public static ConfigDef define(ConfigDef definition, int defaultHttpPort) {
        definition
                .define(
                        BOOTSTRAP_SERVERS_CONFIG,
                        Type.LIST,
                        "127.0.0.1:9092",
                        Validators.nonEmptyList(),
                        Importance.HIGH,
                        BOOTSTRAP_SERVERS_DOC)
                .define(
                        TOPIC_PREFIX_CONFIG,
                        Type.STRING,
                        "",
                        Validators.matching(
                                "[a-zA-Z0-9._-]*", "ASCII letters, digits, '.', '_' and '-'"),
                        Importance.MEDIUM,
                        TOPIC_PREFIX_DOC)
                .define(
                        TOPIC_CREATE_CONFIG,
                        Type.BOOLEAN,
                        true,
                        Importance.MEDIUM,
                        TOPIC_CREATE_DOC)
                .define(
                        TOPIC_PARTITIONS_CONFIG,
                        Type.INT,
                        6,
                        Range.between(1, 10_000),
                        Importance.MEDIUM,
                        TOPIC_PARTITIONS_DOC)
                .define(
                        TOPIC_REPLICATION_FACTOR_CONFIG,
                        Type.SHORT,
                        (short) -1,
                        Validators.atLeastOr(1, -1),
                        Importance.MEDIUM,
                        TOPIC_REPLICATION_FACTOR_DOC)
                .define(INSTANCE_ID_CONFIG, Type.STRING, "", Importance.LOW, INSTANCE_ID_DOC)
                .define(
                        HTTP_HOST_CONFIG,
                        Type.STRING,
                        "127.0.0.1",
                        Importance.MEDIUM,
                        HTTP_HOST_DOC)
                .define(
                        HTTP_PORT_CONFIG,
                        Type.INT,
                        defaultHttpPort,
                        Range.between(-1, 65_535),
                        Importance.MEDIUM,
                        HTTP_PORT_DOC);
        ConfigDef serde = SerdeConfig.configDef();
        for (ConfigDef.ConfigKey key : serde.configKeys().values()) {
            definition.define(key);
        }
        return definition;
    }

    /** Returns the configured bootstrap servers as one comma-separated string. */
    public String bootstrapServers() {
        return String.join(",", getList(BOOTSTRAP_SERVERS_CONFIG));
    }

    /** Returns the id of this process. */
    public String instanceId() {
        return instanceId;
    }

    /** Returns the topic under the configured prefix. */
    public <K, V> Topic<K, V> topic(Topic<K, V> topic) {
        return topic.withPrefix(getString(TOPIC_PREFIX_CONFIG));
    }

    /** Returns the serdes the configuration selects; the caller closes them. */
    public EventSerdes eventSerdes() {
        return EventSerdes.fromConfig(originals());
    }

    /**
     * Returns properties for a Kafka client: the bootstrap servers, then the given defaults of the
     * caller, then every {@code kafka.*} key with its prefix removed. Pass-through keys win, so a
     * deployment can override any client setting.
     */
    public Map<String, Object> clientProperties(Map<String, Object> defaults) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.putAll(defaults);
        properties.putAll(passThroughProperties());
        return properties;
    }

    /** Returns the {@code kafka.*} keys with the prefix removed. */
    public Map<String, Object> passThroughProperties() {
        Map<String, Object> properties = new TreeMap<>();
        originals()
                .forEach(
                        (key, value) -> {
                            if (key.startsWith(KAFKA_PREFIX)
                                    && key.length() > KAFKA_PREFIX.length()) {
                                properties.put(key.substring(KAFKA_PREFIX.length()), value);
                            }
                        });
        return properties;
    }

    /**
     * Returns every defined key with its effective value and every pass-through key, with secrets
     * masked, for the start-up log line.
     */
    public Map<String, String> describe() {
        Map<String, String> view = new TreeMap<>();
        values().forEach((key, value) -> view.put(key, String.valueOf(value)));
        view.put(INSTANCE_ID_CONFIG, instanceId);
        passThroughProperties()
                .forEach(
                        (key, value) ->
                                view.put(
                                        KAFKA_PREFIX + key,
                                        Secrets.looksSecret(key)
                                                ? Secrets.MASK
                                                : String.valueOf(value)));
        return view;
    }

    private static String defaultInstanceId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = "localhost";
        }
        return host.toLowerCase(Locale.ROOT) + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
