package dev.codepulse.worker;

import dev.codepulse.common.config.ServiceConfig;
import dev.codepulse.profiler.ProfilerConfig;
import dev.codepulse.worker.cache.CacheConfig;
import dev.codepulse.worker.pipeline.PipelineSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of one executor-worker process: the shared service keys, execution ({@link
 * ExecutionConfig}), the result cache ({@link CacheConfig}) and the consume-execute-produce loop.
 */
public final class WorkerConfig extends ServiceConfig {
    /** Default port of the worker's HTTP endpoint. */
    public static final int DEFAULT_HTTP_PORT = 8081;

    public static final String WORKER_GROUP_ID_CONFIG = "worker.group.id";
    private static final String WORKER_GROUP_ID_DOC =
            "Consumer group of the workers. Workers in one group share the submissions; start more"
                    + " processes with the same group to scale out, up to one per partition.";

    public static final String WORKER_MAX_IN_FLIGHT_CONFIG = "worker.max.in.flight";
    private static final String WORKER_MAX_IN_FLIGHT_DOC =
            "Submissions fetched but not yet committed before the worker stops fetching; at least"
                    + " executor.slots. One transaction commits at most this many, so it bounds the"
                    + " rate of cache hits (about this many per commit interval); fetched"
                    + " submissions wait in this worker's queue and are redelivered if it dies.";

    public static final String WORKER_COMMIT_INTERVAL_MS_CONFIG = "worker.commit.interval.ms";
    private static final String WORKER_COMMIT_INTERVAL_MS_DOC =
            "How often finished reports and their offsets are committed in one transaction, in"
                    + " milliseconds. Reports become visible to read_committed consumers at commit.";

    public static final String WORKER_SHUTDOWN_TIMEOUT_MS_CONFIG = "worker.shutdown.timeout.ms";
    private static final String WORKER_SHUTDOWN_TIMEOUT_MS_DOC =
            "How long a stopping worker lets running submissions finish, in milliseconds; the rest"
                    + " are cancelled and redelivered to other workers.";

    public static final String WORKER_COMMIT_MAX_ATTEMPTS_CONFIG = "worker.commit.max.attempts";
    private static final String WORKER_COMMIT_MAX_ATTEMPTS_DOC =
            "Consecutive failed transactions after which the worker stops; its uncommitted"
                    + " submissions are then redelivered.";

    private static final ConfigDef CONFIG = define();

    private final ExecutionConfig execution;
    private final CacheConfig cache;

    /**
     * Parses and checks the configuration.
     *
     * @throws ConfigException if a value is invalid or two values contradict each other
     */
    public WorkerConfig(Map<?, ?> originals) {
        super(CONFIG, originals);
        this.execution = new ExecutionConfig(originals);
        this.cache = new CacheConfig(originals);
        int slots = execution.getInt(ExecutionConfig.EXECUTOR_SLOTS_CONFIG);
        int maxInFlight = getInt(WORKER_MAX_IN_FLIGHT_CONFIG);
        if (maxInFlight < slots) {
            throw new ConfigException(
                    WORKER_MAX_IN_FLIGHT_CONFIG
                            + "="
                            + maxInFlight
                            + " must be at least "
                            + ExecutionConfig.EXECUTOR_SLOTS_CONFIG
                            + "="
                            + slots
                            + ", or slots stay idle");
        }
    }

    /** Returns the definition of every key, for documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** Returns the execution settings. */
    public ExecutionConfig execution() {
        return execution;
    }

    /** Returns the result-cache settings. */
    public CacheConfig cache() {
        return cache;
    }

    /** Returns the settings of the consume-execute-produce loop. */
    public PipelineSettings pipelineSettings() {
        return new PipelineSettings(
                execution.getInt(ExecutionConfig.EXECUTOR_SLOTS_CONFIG),
                getInt(WORKER_MAX_IN_FLIGHT_CONFIG),
                Duration.ofMillis(getInt(WORKER_COMMIT_INTERVAL_MS_CONFIG)),
                Duration.ofMillis(getInt(WORKER_SHUTDOWN_TIMEOUT_MS_CONFIG)),
                getInt(WORKER_COMMIT_MAX_ATTEMPTS_CONFIG));
    }

    private static ConfigDef define() {
        ConfigDef definition = ServiceConfig.define(new ConfigDef(), DEFAULT_HTTP_PORT);
        definition
                .define(
                        WORKER_GROUP_ID_CONFIG,
                        Type.STRING,
                        "codepulse-workers",
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        WORKER_GROUP_ID_DOC)
                .define(
                        WORKER_MAX_IN_FLIGHT_CONFIG,
                        Type.INT,
                        64,
                        Range.between(1, 10_000),
                        Importance.MEDIUM,
                        WORKER_MAX_IN_FLIGHT_DOC)
                .define(
                        WORKER_COMMIT_INTERVAL_MS_CONFIG,
                        Type.INT,
                        100,
                        Range.between(10, 60_000),
                        Importance.MEDIUM,
                        WORKER_COMMIT_INTERVAL_MS_DOC)
                .define(
                        WORKER_SHUTDOWN_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        30_000,
                        Range.between(0, 600_000),
                        Importance.LOW,
                        WORKER_SHUTDOWN_TIMEOUT_MS_DOC)
                .define(
                        WORKER_COMMIT_MAX_ATTEMPTS_CONFIG,
                        Type.INT,
                        5,
                        Range.between(1, 100),
                        Importance.LOW,
                        WORKER_COMMIT_MAX_ATTEMPTS_DOC);
        ExecutionConfig.configDef().configKeys().values().forEach(definition::define);
        CacheConfig.configDef().configKeys().values().forEach(definition::define);
        // The worker sets the profiler's instance id and topic prefix from its own keys.
        ProfilerConfig.configDef().configKeys().values().stream()
                .filter(key -> key.name.startsWith("profiler."))
                .filter(key -> !key.name.equals(ProfilerConfig.INSTANCE_ID_CONFIG))
                .filter(key -> !key.name.equals(ProfilerConfig.TOPIC_PREFIX_CONFIG))
                .forEach(definition::define);
        return definition;
    }
}
