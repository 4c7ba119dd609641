package dev.codepulse.optimizer;

import dev.codepulse.common.config.ServiceConfig;
import dev.codepulse.common.http.HttpEndpoint;
import dev.codepulse.common.kafka.DeadLetterPublisher;
import dev.codepulse.common.kafka.TopicProvisioner;
import dev.codepulse.common.metrics.Metrics;
import dev.codepulse.optimizer.internals.EvaluatorTopic;
import dev.codepulse.optimizer.internals.OptimizerMetrics;
import dev.codepulse.optimizer.internals.OptimizerView;
import dev.codepulse.optimizer.internals.engine.AvroMapping;
import dev.codepulse.optimizer.internals.http.OptimizerRoutes;
import dev.codepulse.optimizer.internals.state.TrackedRecommendation;
import dev.codepulse.optimizer.internals.streams.OptimizerTopology;
import dev.codepulse.schemas.HealthScore;
import dev.codepulse.schemas.Recommendation;
import dev.codepulse.schemas.Topic;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optimizer service: a Kafka Streams application with exactly-once processing that reads the
 * language-stats and function-stats window aggregates and the workers' acknowledgements on
 * optimizer-actions, and publishes recommendations, system-health scores and optimizer actions,
 * plus an HTTP endpoint with its queries and Prometheus metrics.
 *
 * <p>Rule state (histories, hysteresis counters, open recommendations, waiting windows, action
 * tracks) lives in one state store whose changelog is written in the same transaction as the
 * outputs and the consumed offsets, so after a crash or restart the state, the outputs and the
 * input position agree. Instances with the same {@code optimizer.application.id} form one group;
 * the evaluator runs on one of them at a time and moves to another on failure.
 *
 * <p>Action contract on optimizer-actions (key: target): see {@link
 * dev.codepulse.schemas.OptimizerActions}. The optimizer publishes {@code cache-ttl} actions with
 * parameter {@code cache.ttl.ms}, a TTL in milliseconds for one language's result-cache entries,
 * within {@code [action.cache.ttl.min.ms, action.cache.ttl.max.ms]}, as DRY_RUN unless {@code
 * action.cache.ttl.enabled} is true, then REQUESTED; it reads APPLIED and REJECTED acknowledgements
 * from workers and treats the newest APPLIED value as the TTL in force.
 */
public final class OptimizerService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OptimizerService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final OptimizerConfig config;
    private final PrometheusMeterRegistry registry;
    private final OptimizerView view = new OptimizerView();
    private EventSerdes serdes;
    private KafkaStreams streams;
    private HttpEndpoint http;

    public OptimizerService(OptimizerConfig config) {
        this.config = Objects.requireNonNull(config, "config can't be null");
        this.registry = Metrics.prometheus("optimizer", config.instanceId());
    }

    /**
     * Creates the topics when configured, starts the Streams application and the HTTP endpoint.
     *
     * @throws OptimizerException if the evaluator input topic exists with more than one partition
     * @throws dev.codepulse.common.CodepulseException if topics cannot be created or the HTTP port
     *     cannot be bound
     * @throws IllegalStateException if the service was already started
     */
    public synchronized OptimizerService start() {
        if (streams != null) {
            throw new IllegalStateException("Optimizer service already started");
        }
        log.info("Starting optimizer service config={}", config.describe());
        provisionTopics();

        serdes = config.eventSerdes();
        DeadLetterPublisher deadLetters =
                new DeadLetterPublisher(
                        config.topic(Topics.DEAD_LETTERS).name(), config.instanceId(), registry);
        Topology topology =
                OptimizerTopology.build(
                        new OptimizerTopology.Wiring(
                                config, serdes, deadLetters, new OptimizerMetrics(registry), view));

        streams = new KafkaStreams(topology, streamsProperties());
        streams.setUncaughtExceptionHandler(
                error -> {
                    log.error(
                            "Optimizer stream thread failed; shutting the optimizer down"
                                    + " applicationId={}",
                            config.applicationId(),
                            error);
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                            .SHUTDOWN_CLIENT;
                });
        streams.setStateListener(
                (next, previous) ->
                        log.info("Optimizer state changed from={} to={}", previous, next));
        streams.start();

        startHttp();
        log.info(
                "Optimizer service started applicationId={} serdes={} httpPort={}",
                config.applicationId(),
                serdes.describe(),
                httpPort());
        return this;
    }

    /**
     * Returns true while the Streams application runs or rebalances; false before start, after
     * close and after a fatal error.
     */
    public boolean isRunning() {
        return streams != null && streams.state().isRunningOrRebalancing();
    }

    /**
     * Returns true once the evaluator has loaded its state on this instance; false on an instance
     * whose group partner runs the evaluator.
     */
    public boolean isEvaluatorReady() {
        return view.snapshot().ready();
    }

    /** Returns the bound HTTP port, or -1 when the endpoint is disabled or not started. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Returns the current recommendations (latest revision of each) known on this instance. */
    public List<Recommendation> recommendations() {
        return view.snapshot().recommendations().stream()
                .map(TrackedRecommendation::current)
                .map(AvroMapping::toAvro)
                .toList();
    }

    /** Returns the latest health score per scope known on this instance. */
    public List<HealthScore> healthScores() {
        return view.snapshot().health().stream().map(AvroMapping::toAvro).toList();
    }

    /** Returns the Prometheus registry of this service. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops the HTTP endpoint and the Streams application, committing what was processed. */
    @Override
    public synchronized void close() {
        if (http != null) {
            http.close();
            http = null;
        }
        if (streams != null) {
            // Leaving the group hands the evaluator to another instance at once, instead of after
            // the session timeout.
            streams.close(
                    CloseOptions.groupMembershipOperation(
                                    CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                            .withTimeout(CLOSE_TIMEOUT));
            streams = null;
            log.info("Optimizer service stopped applicationId={}", config.applicationId());
        }
        if (serdes != null) {
            serdes.close();
            serdes = null;
        }
    }

    // The evaluator input topic is internal to the optimizer, like a Streams repartition topic,
    // so it is created even when topic.create is false.
    private void provisionTopics() {
        try (Admin admin = Admin.create(config.clientProperties(Map.of()))) {
            if (config.getBoolean(ServiceConfig.TOPIC_CREATE_CONFIG)) {
                List<Topic<?, ?>> topics =
                        List.of(
                                Topics.LANGUAGE_STATS,
                                Topics.FUNCTION_STATS,
                                Topics.RECOMMENDATIONS,
                                Topics.SYSTEM_HEALTH,
                                Topics.OPTIMIZER_ACTIONS,
                                Topics.DEAD_LETTERS);
                new TopicProvisioner(admin, config).ensure(topics);
            }
            EvaluatorTopic.ensure(admin, config);
        }
    }

    private Properties streamsProperties() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        defaults.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        defaults.put(
                StreamsConfig.CLIENT_ID_CONFIG, config.applicationId() + "-" + config.instanceId());
        short replication = config.getShort(ServiceConfig.TOPIC_REPLICATION_FACTOR_CONFIG);
        defaults.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
        // Kafka Streams warns unless the global-thread handler setting is explicit.
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        Properties properties = new Properties();
        properties.putAll(config.clientProperties(defaults));
        // Outputs, state and offsets must commit together, whatever kafka.* pass-through says.
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return properties;
    }

    private void startHttp() {
        int port = config.getInt(ServiceConfig.HTTP_PORT_CONFIG);
        if (port == -1) {
            return;
        }
        http =
                HttpEndpoint.bind(
                        "optimizer", config.getString(ServiceConfig.HTTP_HOST_CONFIG), port);
        new OptimizerRoutes(view, config).register(http);
        http.metrics(registry)
                .health(
                        () ->
                                Map.of(
                                        "streams",
                                        streams == null ? "NOT_STARTED" : streams.state().name(),
                                        "evaluatorReady",
                                        isEvaluatorReady()),
                        () -> streams != null && streams.state().isRunningOrRebalancing())
                .start();
    }
}
