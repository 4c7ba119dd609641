package dev.codepulse.profiler;

import dev.codepulse.schemas.Topics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of a {@link Profiler}. Every key is documented in {@link #configDef()}; keys of
 * other components in the same map are ignored.
 *
 * <p>The profiler's Kafka producer gets {@code bootstrap.servers}, {@code client.dns.lookup},
 * {@code security.protocol} and every {@code ssl.*} and {@code sasl.*} key of the map, then every
 * key under {@link #PRODUCER_PREFIX} with the prefix removed. Other producer keys of the service,
 * such as {@code transactional.id}, are deliberately not copied.
 */
public final class ProfilerConfig extends AbstractConfig {
    /** Prefix of producer properties that override the profiler producer's defaults. */
    public static final String PRODUCER_PREFIX = "profiler.producer.";

    public static final String BOOTSTRAP_SERVERS_CONFIG =
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    private static final String BOOTSTRAP_SERVERS_DOC =
            "Kafka brokers to publish function samples to, as a comma-separated host:port list."
                    + " Required unless a producer is passed to the profiler.";

    public static final String FLUSH_INTERVAL_MS_CONFIG = "profiler.flush.interval.ms";
    private static final String FLUSH_INTERVAL_MS_DOC =
            "Length of one aggregation interval, in milliseconds, from 10 to 86400000 (one day)."
                    + " Every interval publishes one sample per function called in it. Intervals"
                    + " end close to multiples of this length since the epoch (the flush thread's"
                    + " schedule), so the first one is shorter.";

    public static final String INSTANCE_ID_CONFIG = "profiler.instance.id";
    private static final String INSTANCE_ID_DOC =
            "Id of this process in the instance field of every sample, at most 255 characters."
                    + " Empty means HOSTNAME-PID.";

    public static final String TOPIC_PREFIX_CONFIG = "profiler.topic.prefix";
    private static final String TOPIC_PREFIX_DOC =
            "Prefix of the topic name: samples go to PREFIX + function-samples. Letters, digits,"
                    + " '.', '_' and '-' only; empty by default.";

    public static final String DEFAULT_MODE_CONFIG = "profiler.default.mode";
    private static final String DEFAULT_MODE_DOC =
            "Timing mode of timers requested without one: FULL (wall time, CPU time and"
                    + " allocation on every call), WALL (wall time on every call, CPU and"
                    + " allocation sampled) or SAMPLED (all three sampled; count and errors stay"
                    + " exact). Case-insensitive.";

    public static final String WALL_SAMPLE_PERIOD_CONFIG = "profiler.wall.sample.period";
    private static final String WALL_SAMPLE_PERIOD_DOC =
            "In SAMPLED mode, measure wall time on one call in this many, from 1 to 1000000."
                    + " The first call of each thread in each interval is always measured.";

    public static final String RESOURCE_SAMPLE_PERIOD_CONFIG = "profiler.resource.sample.period";
    private static final String RESOURCE_SAMPLE_PERIOD_DOC =
            "In WALL and SAMPLED modes, measure thread CPU time and allocated bytes on one call in"
                    + " this many, from 1 to 1000000. The first call of each thread in each"
                    + " interval is always measured.";

    public static final String MAX_FUNCTIONS_CONFIG = "profiler.max.functions";
    private static final String MAX_FUNCTIONS_DOC =
            "Maximum number of distinct function names, from 1 to 100000. Timers requested beyond"
                    + " it record nothing and are counted in codepulse.profiler.functions.rejected.";

    public static final String BUFFER_MAX_SAMPLES_CONFIG = "profiler.buffer.max.samples";
    private static final String BUFFER_MAX_SAMPLES_DOC =
            "Maximum samples handed to the producer and not yet acknowledged, from 1 to 10000000."
                    + " A sample that would exceed it is dropped and counted in"
                    + " codepulse.profiler.samples.dropped with reason buffer-full.";

    public static final String PUBLISH_TIMEOUT_MS_CONFIG = "profiler.publish.timeout.ms";
    private static final String PUBLISH_TIMEOUT_MS_DOC =
            "Time limit for publishing one sample, in milliseconds, from 1000 to 3600000. It is"
                    + " the producer's delivery.timeout.ms and max.block.ms: a sample not"
                    + " acknowledged within it is lost, and close() waits at most this long for"
                    + " the last samples.";

    public static final String SUMMARY_INTERVAL_MS_CONFIG = "profiler.summary.interval.ms";
    private static final String SUMMARY_INTERVAL_MS_DOC =
            "Period of the INFO summary log line (functions, samples published and dropped), in"
                    + " milliseconds, from 0 to 86400000. 0 disables it.";

    private static final int MAX_TOPIC_LENGTH = 249;
    private static final int MAX_INSTANCE_ID_LENGTH = 255;
    private static final Pattern TOPIC_CHARACTERS = Pattern.compile("[a-zA-Z0-9._-]*");

    private static final ConfigDef CONFIG =
            new ConfigDef()
                    .define(
                            BOOTSTRAP_SERVERS_CONFIG,
                            Type.LIST,
                            "",
                            Importance.HIGH,
                            BOOTSTRAP_SERVERS_DOC)
                    .define(
                            FLUSH_INTERVAL_MS_CONFIG,
                            Type.LONG,
                            10_000L,
                            Range.between(10L, 86_400_000L),
                            Importance.HIGH,
                            FLUSH_INTERVAL_MS_DOC)
                    .define(
                            INSTANCE_ID_CONFIG,
                            Type.STRING,
                            "",
                            ProfilerConfig::validateInstanceId,
                            Importance.HIGH,
                            INSTANCE_ID_DOC)
                    .define(
                            TOPIC_PREFIX_CONFIG,
                            Type.STRING,
                            "",
                            ProfilerConfig::validateTopicPrefix,
                            Importance.MEDIUM,
                            TOPIC_PREFIX_DOC)
                    .define(
                            DEFAULT_MODE_CONFIG,
                            Type.STRING,
                            TimingMode.WALL.name(),
                            ConfigDef.CaseInsensitiveValidString.in(modeNames()),
                            Importance.MEDIUM,
                            DEFAULT_MODE_DOC)
                    .define(
                            WALL_SAMPLE_PERIOD_CONFIG,
                            Type.INT,
                            16,
                            Range.between(1, 1_000_000),
                            Importance.MEDIUM,
                            WALL_SAMPLE_PERIOD_DOC)
                    .define(
                            RESOURCE_SAMPLE_PERIOD_CONFIG,
                            Type.INT,
                            1_024,
                            Range.between(1, 1_000_000),
                            Importance.MEDIUM,
                            RESOURCE_SAMPLE_PERIOD_DOC)
                    .define(
                            MAX_FUNCTIONS_CONFIG,
                            Type.INT,
                            1_000,
                            Range.between(1, 100_000),
                            Importance.MEDIUM,
                            MAX_FUNCTIONS_DOC)
                    .define(
                            BUFFER_MAX_SAMPLES_CONFIG,
                            Type.INT,
                            10_000,
                            Range.between(1, 10_000_000),
                            Importance.MEDIUM,
                            BUFFER_MAX_SAMPLES_DOC)
                    .define(
                            PUBLISH_TIMEOUT_MS_CONFIG,
                            Type.INT,
                            30_000,
                            Range.between(1_000, 3_600_000),
                            Importance.MEDIUM,
                            PUBLISH_TIMEOUT_MS_DOC)
                    .define(
                            SUMMARY_INTERVAL_MS_CONFIG,
                            Type.LONG,
                            300_000L,
                            Range.between(0L, 86_400_000L),
                            Importance.LOW,
                            SUMMARY_INTERVAL_MS_DOC);

    private final String instanceId;

    /**
     * Reads the profiler keys from {@code originals}.
     *
     * @throws ConfigException if a value is invalid
     */
    public ProfilerConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
        String configured = getString(INSTANCE_ID_CONFIG).strip();
        this.instanceId = configured.isEmpty() ? defaultInstanceId() : configured;
    }

    /** Returns the definitions of every profiler key, for documentation and service configs. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** Returns the interval length in milliseconds. */
    public long flushIntervalMs() {
        return getLong(FLUSH_INTERVAL_MS_CONFIG);
    }

    /** Returns the configured instance id, or HOSTNAME-PID when none is configured. */
    public String instanceId() {
        return instanceId;
    }

    /** Returns the full name of the topic samples are published to. */
    public String topic() {
        return getString(TOPIC_PREFIX_CONFIG) + Topics.FUNCTION_SAMPLES.name();
    }

    /** Returns the mode of timers requested without one. */
    public TimingMode defaultMode() {
        return TimingMode.valueOf(getString(DEFAULT_MODE_CONFIG).toUpperCase(Locale.ROOT));
    }

    /** Returns the wall-time sample period of {@link TimingMode#SAMPLED}. */
    public int wallSamplePeriod() {
        return getInt(WALL_SAMPLE_PERIOD_CONFIG);
    }

    /** Returns the CPU and allocation sample period of the sampled modes. */
    public int resourceSamplePeriod() {
        return getInt(RESOURCE_SAMPLE_PERIOD_CONFIG);
    }

    /** Returns the maximum number of distinct function names. */
    public int maxFunctions() {
        return getInt(MAX_FUNCTIONS_CONFIG);
    }

    /** Returns the maximum number of samples awaiting acknowledgement. */
    public int bufferMaxSamples() {
        return getInt(BUFFER_MAX_SAMPLES_CONFIG);
    }

    /** Returns the time limit for publishing one sample, in milliseconds. */
    public int publishTimeoutMs() {
        return getInt(PUBLISH_TIMEOUT_MS_CONFIG);
    }

    /** Returns the period of the summary log line in milliseconds; 0 when disabled. */
    public long summaryIntervalMs() {
        return getLong(SUMMARY_INTERVAL_MS_CONFIG);
    }

    /** Returns the configured bootstrap servers; empty when none are configured. */
    public List<String> bootstrapServers() {
        return getList(BOOTSTRAP_SERVERS_CONFIG);
    }

    private static String[] modeNames() {
        TimingMode[] modes = TimingMode.values();
        String[] names = new String[modes.length];
        for (int i = 0; i < modes.length; i++) {
            names[i] = modes[i].name();
        }
        return names;
    }

    private static void validateTopicPrefix(String name, Object value) {
        String prefix = (String) value;
        if (prefix == null || !TOPIC_CHARACTERS.matcher(prefix).matches()) {
            throw new ConfigException(
                    name, value, "Expected only letters, digits, '.', '_' and '-'");
        }
        int maxLength = MAX_TOPIC_LENGTH - Topics.FUNCTION_SAMPLES.name().length();
        if (prefix.length() > maxLength) {
            throw new ConfigException(name, value, "Expected at most " + maxLength + " characters");
        }
    }

    private static void validateInstanceId(String name, Object value) {
        String id = (String) value;
        if (id == null || id.length() > MAX_INSTANCE_ID_LENGTH) {
            throw new ConfigException(
                    name, value, "Expected at most " + MAX_INSTANCE_ID_LENGTH + " characters");
        }
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
