package dev.codepulse.streams;

import dev.codepulse.common.InvalidConfigurationException;
import dev.codepulse.common.config.ServiceConfig;
import dev.codepulse.common.config.Validators;
import dev.codepulse.schemas.Topics;
import dev.codepulse.streams.internals.DeadLetterExceptionHandler;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the metrics-streams application: the shared service keys of {@link
 * ServiceConfig} plus windowing, validation, state and query settings.
 *
 * <p>{@code processing.guarantee} is always {@code exactly_once_v2}. Any other Kafka Streams
 * setting can be passed with the {@code kafka.} prefix, such as {@code
 * kafka.statestore.cache.max.bytes=52428800}; pass-through keys win over the values derived here.
 */
public final class MetricsStreamsConfig extends ServiceConfig {
    /** Default port of the HTTP endpoint (queries, /metrics, /health). */
    public static final int DEFAULT_HTTP_PORT = 8082;

    public static final String APPLICATION_ID_CONFIG = "application.id";
    private static final String APPLICATION_ID_DOC =
            "Kafka Streams application id: the consumer group, the transactional id prefix and"
                    + " the prefix of the internal repartition and changelog topics. Instances"
                    + " with the same id share the work.";

    public static final String WINDOW_SIZE_MS_CONFIG = "window.size.ms";
    private static final String WINDOW_SIZE_MS_DOC =
            "Length of each tumbling window, in milliseconds (100 to 7 days). Windows are aligned"
                    + " to the epoch.";

    public static final String WINDOW_GRACE_MS_CONFIG = "window.grace.ms";
    private static final String WINDOW_GRACE_MS_DOC =
            "Grace period in milliseconds (0 to 7 days). A record is late, dropped and counted,"
                    + " when the stream time of its input partition (the largest record timestamp"
                    + " read from it) has reached its window's end plus this grace. A window closes"
                    + " once the stream time of every active input partition has reached its end"
                    + " plus this grace.";

    public static final String WINDOW_IDLE_CLOSE_MS_CONFIG = "window.idle.close.ms";
    private static final String WINDOW_IDLE_CLOSE_MS_DOC =
            "Wall-clock idle time in milliseconds (0 to 7 days). An input partition that received"
                    + " no record for this time no longer holds windows open. A window is closed"
                    + " even though stream time has not reached its end plus grace when the wall"
                    + " clock is past its end plus grace and no record arrived for it during this"
                    + " time; such windows are emitted with complete=false.";

    public static final String PUNCTUATION_INTERVAL_MS_CONFIG = "punctuation.interval.ms";
    private static final String PUNCTUATION_INTERVAL_MS_DOC =
            "How often each task checks its windows for the wall-clock idle close, in"
                    + " milliseconds (10 to 60000).";

    public static final String PARTIAL_FLUSH_INTERVAL_MS_CONFIG = "partial.flush.interval.ms";
    private static final String PARTIAL_FLUSH_INTERVAL_MS_DOC =
            "How often each input partition's task sends its partial aggregates to the owners of"
                    + " the windows, in milliseconds (10 to 60000), besides whenever stream time"
                    + " closes a window. Bounds how far queries of the current window lag behind.";

    public static final String QUERY_RETAINED_WINDOWS_CONFIG = "query.retained.windows";
    private static final String QUERY_RETAINED_WINDOWS_DOC =
            "Closed windows kept per language and per function for interactive queries, counted"
                    + " in window lengths behind stream time (0 to 10000).";

    public static final String QUERY_FORWARD_TIMEOUT_MS_CONFIG = "query.forward.timeout.ms";
    private static final String QUERY_FORWARD_TIMEOUT_MS_DOC =
            "Time limit in milliseconds (100 to 120000) for a query forwarded to the instance"
                    + " that owns the key.";

    public static final String HTTP_ADVERTISED_HOST_CONFIG = "http.advertised.host";
    private static final String HTTP_ADVERTISED_HOST_DOC =
            "Host name other instances use to forward queries to this one (Kafka Streams"
                    + " application.server). Empty means http.host, which then must not be a"
                    + " wildcard address.";

    public static final String STATE_DIR_CONFIG = "state.dir";
    private static final String STATE_DIR_DOC =
            "Directory for the local state stores; each application id gets a subdirectory.";

    public static final String STATE_STORE_TYPE_CONFIG = "state.store.type";
    private static final String STATE_STORE_TYPE_DOC =
            "Window stores on disk (rocksdb) or in memory (in_memory). Both are backed by a"
                    + " changelog topic; in_memory restores the whole store from it on start.";

    public static final String STREAM_THREADS_CONFIG = "stream.threads";
    private static final String STREAM_THREADS_DOC =
            "Kafka Streams threads in this instance (1 to 64).";

    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
    private static final String COMMIT_INTERVAL_MS_DOC =
            "Transaction commit interval in milliseconds (10 to 60000). Bounds how long a record"
                    + " stays invisible to read_committed consumers of the repartition and output"
                    + " topics, and so the delay before it shows in queries.";

    public static final String MAX_DURATION_MS_CONFIG = "validation.max.duration.ms";
    private static final String MAX_DURATION_MS_DOC =
            "Largest plausible compile, run, processing or function-call duration, in"
                    + " milliseconds (1 to 7 days). Records with a longer or a negative duration"
                    + " are sent to the dead-letters topic.";

    public static final String MAX_QUEUE_MS_CONFIG = "validation.max.queue.ms";
    private static final String MAX_QUEUE_MS_DOC =
            "Largest plausible queue time of a submission, in milliseconds (1 to 30 days)."
                    + " Reports with a longer or a negative queue time are sent to the"
                    + " dead-letters topic.";

    public static final String SUMMARY_INTERVAL_MS_CONFIG = "summary.interval.ms";
    private static final String SUMMARY_INTERVAL_MS_DOC =
            "Interval of the one-line INFO summary of aggregated, late and dead-lettered records,"
                    + " in milliseconds (at least 1000); 0 disables it.";

    private static final long DAY_MS = 86_400_000L;

    private static final ConfigDef DEFINITION = define();

    /**
     * Parses and validates the configuration.
     *
     * @throws org.apache.kafka.common.config.ConfigException if a value is invalid
     * @throws InvalidConfigurationException if values contradict each other
     */
    public MetricsStreamsConfig(Map<?, ?> originals) {
        super(DEFINITION, originals);
        checkProcessingGuarantee();
        checkAdvertisedHost();
    }

    /** Returns the definition of every key, for generated documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(DEFINITION);
    }

    /** Returns the Kafka Streams application id. */
    public String applicationId() {
        return getString(APPLICATION_ID_CONFIG);
    }

    /** Returns the window length in milliseconds. */
    public long windowSizeMs() {
        return getLong(WINDOW_SIZE_MS_CONFIG);
    }

    /** Returns the grace period in milliseconds. */
    public long windowGraceMs() {
        return getLong(WINDOW_GRACE_MS_CONFIG);
    }

    /** Returns the wall-clock idle time before a window is closed early, in milliseconds. */
    public long windowIdleCloseMs() {
        return getLong(WINDOW_IDLE_CLOSE_MS_CONFIG);
    }

    /** Returns the interval of the wall-clock punctuation, in milliseconds. */
    public long punctuationIntervalMs() {
        return getLong(PUNCTUATION_INTERVAL_MS_CONFIG);
    }

    /** Returns the interval at which partial aggregates are sent, in milliseconds. */
    public long partialFlushIntervalMs() {
        return getLong(PARTIAL_FLUSH_INTERVAL_MS_CONFIG);
    }

    /** Returns how many closed windows per key stay queryable. */
    public int queryRetainedWindows() {
        return getInt(QUERY_RETAINED_WINDOWS_CONFIG);
    }

    /** Returns the time limit of a forwarded query, in milliseconds. */
    public int queryForwardTimeoutMs() {
        return getInt(QUERY_FORWARD_TIMEOUT_MS_CONFIG);
    }

    /** Returns the largest plausible duration in milliseconds. */
    public long maxDurationMs() {
        return getLong(MAX_DURATION_MS_CONFIG);
    }

    /** Returns the largest plausible queue time in milliseconds. */
    public long maxQueueMs() {
        return getLong(MAX_QUEUE_MS_CONFIG);
    }

    /** Returns true when the window stores keep their data in memory instead of RocksDB. */
    public boolean inMemoryStores() {
        return "in_memory".equals(getString(STATE_STORE_TYPE_CONFIG));
    }

    /** Returns the summary log interval in milliseconds, 0 when disabled. */
    public long summaryIntervalMs() {
        return getLong(SUMMARY_INTERVAL_MS_CONFIG);
    }

    /** Returns the host other instances use to reach this one's HTTP endpoint. */
    public String advertisedHttpHost() {
        String advertised = getString(HTTP_ADVERTISED_HOST_CONFIG).strip();
        return advertised.isEmpty() ? getString(HTTP_HOST_CONFIG) : advertised;
    }

    /**
     * Returns the Kafka Streams properties: derived settings and the dead-letter exception handlers
     * first, then every {@code kafka.*} pass-through key, then {@code
     * processing.guarantee=exactly_once_v2}.
     *
     * @param applicationServer host:port of this instance's HTTP endpoint, or null when it is
     *     disabled
     */
    public Properties streamsProperties(String applicationServer) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(StreamsConfig.STATE_DIR_CONFIG, getString(STATE_DIR_CONFIG));
        properties.put(
                StreamsConfig.NUM_STREAM_THREADS_CONFIG,
                Integer.toString(getInt(STREAM_THREADS_CONFIG)));
        properties.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                Long.toString(getLong(COMMIT_INTERVAL_MS_CONFIG)));
        properties.put(
                StreamsConfig.REPLICATION_FACTOR_CONFIG,
                Short.toString(getShort(TOPIC_REPLICATION_FACTOR_CONFIG)));
        if (applicationServer != null) {
            properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }

        properties.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterExceptionHandler.class.getName());
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        properties.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterExceptionHandler.class.getName());
        properties.put(
                DeadLetterExceptionHandler.DEAD_LETTER_TOPIC_CONFIG,
                topic(Topics.DEAD_LETTERS).name());
        properties.put(DeadLetterExceptionHandler.INSTANCE_ID_CONFIG, instanceId());

        properties.putAll(passThroughProperties());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return properties;
    }

    private void checkProcessingGuarantee() {
        Object guarantee = passThroughProperties().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        if (guarantee != null && !StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee.toString())) {
            throw new InvalidConfigurationException(
                    "Invalid kafka.processing.guarantee="
                            + guarantee
                            + ": metrics-streams always runs with exactly_once_v2; remove the key");
        }
    }

    private void checkAdvertisedHost() {
        String host = advertisedHttpHost();
        if (getInt(HTTP_PORT_CONFIG) != -1 && ("0.0.0.0".equals(host) || "::".equals(host))) {
            throw new InvalidConfigurationException(
                    "http.host="
                            + getString(HTTP_HOST_CONFIG)
                            + " is a wildcard address, which other instances cannot forward"
                            + " queries to; set http.advertised.host to this host's name or"
                            + " address");
        }
    }

    private static ConfigDef define() {
        ConfigDef definition = ServiceConfig.define(new ConfigDef(), DEFAULT_HTTP_PORT);
        defineWindows(definition);
        defineRuntime(definition);
        return definition;
    }

    private static void defineWindows(ConfigDef definition) {
        definition
                .define(
                        WINDOW_SIZE_MS_CONFIG,
                        Type.LONG,
                        60_000L,
                        Range.between(100L, 7 * DAY_MS),
                        Importance.HIGH,
                        WINDOW_SIZE_MS_DOC)
                .define(
                        WINDOW_GRACE_MS_CONFIG,
                        Type.LONG,
                        10_000L,
                        Range.between(0L, 7 * DAY_MS),
                        Importance.HIGH,
                        WINDOW_GRACE_MS_DOC)
                .define(
                        WINDOW_IDLE_CLOSE_MS_CONFIG,
                        Type.LONG,
                        30_000L,
                        Range.between(0L, 7 * DAY_MS),
                        Importance.MEDIUM,
                        WINDOW_IDLE_CLOSE_MS_DOC)
                .define(
                        PUNCTUATION_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        1_000L,
                        Range.between(10L, 60_000L),
                        Importance.LOW,
                        PUNCTUATION_INTERVAL_MS_DOC)
                .define(
                        PARTIAL_FLUSH_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        200L,
                        Range.between(10L, 60_000L),
                        Importance.LOW,
                        PARTIAL_FLUSH_INTERVAL_MS_DOC)
                .define(
                        QUERY_RETAINED_WINDOWS_CONFIG,
                        Type.INT,
                        12,
                        Range.between(0, 10_000),
                        Importance.MEDIUM,
                        QUERY_RETAINED_WINDOWS_DOC)
                .define(
                        MAX_DURATION_MS_CONFIG,
                        Type.LONG,
                        3_600_000L,
                        Range.between(1L, 7 * DAY_MS),
                        Importance.MEDIUM,
                        MAX_DURATION_MS_DOC)
                .define(
                        MAX_QUEUE_MS_CONFIG,
                        Type.LONG,
                        DAY_MS,
                        Range.between(1L, 30 * DAY_MS),
                        Importance.MEDIUM,
                        MAX_QUEUE_MS_DOC);
    }

    private static void defineRuntime(ConfigDef definition) {
        definition
                .define(
                        APPLICATION_ID_CONFIG,
                        Type.STRING,
                        "codepulse-metrics-streams",
                        Validators.matching(
                                "[a-zA-Z0-9._-]+", "ASCII letters, digits, '.', '_' and '-'"),
                        Importance.HIGH,
                        APPLICATION_ID_DOC)
                .define(
                        STATE_DIR_CONFIG,
                        Type.STRING,
                        Path.of(System.getProperty("user.home"), ".codepulse", "streams-state")
                                .toString(),
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        STATE_DIR_DOC)
                .define(
                        STATE_STORE_TYPE_CONFIG,
                        Type.STRING,
                        "rocksdb",
                        ValidString.in("rocksdb", "in_memory"),
                        Importance.LOW,
                        STATE_STORE_TYPE_DOC)
                .define(
                        STREAM_THREADS_CONFIG,
                        Type.INT,
                        1,
                        Range.between(1, 64),
                        Importance.MEDIUM,
                        STREAM_THREADS_DOC)
                .define(
                        COMMIT_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        100L,
                        Range.between(10L, 60_000L),
                        Importance.MEDIUM,
                        COMMIT_INTERVAL_MS_DOC)
                .define(
                        HTTP_ADVERTISED_HOST_CONFIG,
                        Type.STRING,
                        "",
                        Importance.LOW,
                        HTTP_ADVERTISED_HOST_DOC)
                .define(
                        QUERY_FORWARD_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        5_000,
                        Range.between(100, 120_000),
                        Importance.LOW,
                        QUERY_FORWARD_TIMEOUT_MS_DOC)
                .define(
                        SUMMARY_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        60_000L,
                        Validators.atLeastOr(1_000, 0),
                        Importance.LOW,
                        SUMMARY_INTERVAL_MS_DOC);
    }
}
