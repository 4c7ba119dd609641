package dev.codepulse.streams;

import dev.codepulse.common.http.HttpEndpoint;
import dev.codepulse.common.kafka.TopicProvisioner;
import dev.codepulse.common.metrics.Metrics;
import dev.codepulse.schemas.Topic;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.streams.internals.AggregationMetrics;
import dev.codepulse.streams.internals.DeadLetterExceptionHandler;
import dev.codepulse.streams.internals.FunctionWindows;
import dev.codepulse.streams.internals.LanguageWindows;
import dev.codepulse.streams.internals.WindowDefinition;
import dev.codepulse.streams.query.QueryRoutes;
import dev.codepulse.streams.query.RemoteQueries;
import dev.codepulse.streams.query.WindowQueries;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the metrics-streams application: creates the topics, starts Kafka Streams with the topology
 * of {@link MetricsStreamsTopology}, and serves queries, {@code /metrics} and {@code /health} over
 * HTTP.
 *
 * <p>Start with {@link #start(MetricsStreamsConfig)}; {@link #close()} stops everything. A stream
 * thread that fails on something other than a bad record stops the application (state ERROR), which
 * {@code /health} reports and {@link #awaitTermination(Duration)} returns on, so a supervisor can
 * restart the process.
 */
public final class MetricsStreamsService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsStreamsService.class);
    private static final String SERVICE = "metrics-streams";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final List<Topic<?, ?>> TOPICS =
            List.of(
                    Topics.EXECUTION_REPORTS,
                    Topics.FUNCTION_SAMPLES,
                    Topics.LANGUAGE_STATS,
                    Topics.FUNCTION_STATS,
                    Topics.DEAD_LETTERS);

    private final MetricsStreamsConfig config;
    private final PrometheusMeterRegistry registry;
    private final AggregationMetrics metrics;
    private final EventSerdes serdes;
    private final HttpEndpoint endpoint;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final ScheduledExecutorService summary;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private MetricsStreamsService(MetricsStreamsConfig config, SourcePartitions partitions) {
        this.config = config;
        this.registry = Metrics.prometheus(SERVICE, config.instanceId());
        this.metrics =
                new AggregationMetrics(
                        registry, config.topic(Topics.DEAD_LETTERS).name(), config.instanceId());
        this.serdes = config.eventSerdes();
        int port = config.getInt(MetricsStreamsConfig.HTTP_PORT_CONFIG);
        this.endpoint =
                port == -1
                        ? null
                        : HttpEndpoint.bind(
                                SERVICE,
                                config.getString(MetricsStreamsConfig.HTTP_HOST_CONFIG),
                                port);
        try {
            Topology topology =
                    MetricsStreamsTopology.buildTopology(config, serdes, registry, partitions);
            log.debug("Topology built description={}", topology.describe());
            this.streams = new KafkaStreams(topology, streamsProperties());
        } catch (RuntimeException e) {
            if (endpoint != null) {
                endpoint.close();
            }
            serdes.close();
            throw e;
        }
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        this.summary = summaryScheduler();
    }

    /**
     * Creates the topics when configured to, then starts the application and its HTTP endpoint.
     *
     * @throws dev.codepulse.common.CodepulseException if the topics cannot be created or described,
     *     or the HTTP port cannot be bound
     */
    public static MetricsStreamsService start(MetricsStreamsConfig config) {
        Objects.requireNonNull(config, "config can't be null");
        log.info("Starting metrics-streams config={}", config.describe());
        SourcePartitions partitions;
        try (Admin admin = Admin.create(config.clientProperties(Map.of()))) {
            if (config.getBoolean(MetricsStreamsConfig.TOPIC_CREATE_CONFIG)) {
                new TopicProvisioner(admin, config).ensure(TOPICS);
            }
            partitions = sourcePartitions(admin, config);
        }
        MetricsStreamsService service = new MetricsStreamsService(config, partitions);
        service.startAll();
        return service;
    }

    /** Returns the Kafka Streams state. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Returns true while the application processes records (RUNNING or REBALANCING). */
    public boolean isRunning() {
        return streams.state().isRunningOrRebalancing();
    }

    /** Returns the bound HTTP port, or -1 when the endpoint is disabled. */
    public int httpPort() {
        return endpoint == null ? -1 : endpoint.port();
    }

    /** Returns the registry behind {@code /metrics}. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Waits until the application stops, after {@link #close()} or a fatal error.
     *
     * @return true when it stopped, false when the timeout passed first
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Returns the Kafka Streams instance, for tests in this package. */
    KafkaStreams streams() {
        return streams;
    }

    /** Stops the application, the HTTP endpoint and the summary log. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        summary.shutdownNow();
        boolean clean = streams.close(CLOSE_TIMEOUT);
        if (!clean) {
            log.warn("Kafka Streams did not stop within timeoutMs={}", CLOSE_TIMEOUT.toMillis());
        }
        if (endpoint != null) {
            endpoint.close();
        }
        streamsMetrics.close();
        serdes.close();
        terminated.countDown();
        log.info("Stopped metrics-streams instanceId={}", config.instanceId());
    }

    private void startAll() {
        streams.setStateListener(
                (newState, oldState) -> {
                    log.info("Kafka Streams state changed from {} to {}", oldState, newState);
                    if (newState == KafkaStreams.State.NOT_RUNNING
                            || newState == KafkaStreams.State.ERROR) {
                        terminated.countDown();
                    }
                });
        streams.setUncaughtExceptionHandler(
                error -> {
                    log.error(
                            "Stream thread failed; stopping the application so it can be"
                                    + " restarted",
                            error);
                    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
        streamsMetrics.bindTo(registry);
        if (endpoint != null) {
            addRoutes();
            endpoint.start();
        }
        streams.start();
        long intervalMs = config.summaryIntervalMs();
        if (intervalMs > 0) {
            summary.scheduleAtFixedRate(
                    this::logSummary, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }
        log.info(
                "Started metrics-streams applicationId={} instanceId={} httpPort={}",
                config.applicationId(),
                config.instanceId(),
                httpPort());
    }

    private Properties streamsProperties() {
        String applicationServer =
                endpoint == null ? null : config.advertisedHttpHost() + ":" + endpoint.port();
        Properties properties = config.streamsProperties(applicationServer);
        properties.put(DeadLetterExceptionHandler.METRICS_CONFIG, metrics);
        return properties;
    }

    private void addRoutes() {
        HostInfo self = new HostInfo(config.advertisedHttpHost(), endpoint.port());
        RemoteQueries remote = new RemoteQueries(Duration.ofMillis(config.queryForwardTimeoutMs()));
        WindowDefinition windows = MetricsStreamsTopology.windowDefinition(config);
        QueryRoutes.register(
                endpoint,
                new WindowQueries<>(
                        streams, LanguageWindows.INSTANCE, windows, self, remote, "language"),
                new WindowQueries<>(
                        streams, FunctionWindows.INSTANCE, windows, self, remote, "function"));
        endpoint.metrics(registry);
        endpoint.health(
                () ->
                        Map.of(
                                "state", streams.state().name(),
                                "instanceId", config.instanceId(),
                                "applicationId", config.applicationId()),
                this::isRunning);
    }

    private void logSummary() {
        log.info(
                "Aggregation summary state={} recordsAggregated={} recordsDropped={}"
                        + " deadLetters={} windowsEmitted={}",
                streams.state(),
                (long) metrics.total("codepulse.streams.records.aggregated"),
                (long) metrics.total("codepulse.streams.records.dropped"),
                (long) metrics.total("codepulse.dead.letters"),
                (long) metrics.total("codepulse.streams.windows.emitted"));
    }

    private static ScheduledExecutorService summaryScheduler() {
        return Executors.newSingleThreadScheduledExecutor(
                runnable -> {
                    Thread thread = new Thread(runnable, SERVICE + "-summary");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    private static SourcePartitions sourcePartitions(Admin admin, MetricsStreamsConfig config) {
        String reports = config.topic(Topics.EXECUTION_REPORTS).name();
        String samples = config.topic(Topics.FUNCTION_SAMPLES).name();
        Map<String, TopicDescription> descriptions;
        try {
            descriptions =
                    admin.describeTopics(List.of(reports, samples))
                            .allTopicNames()
                            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new MetricsStreamsException(
                    "Failed to describe the source topics "
                            + reports
                            + " and "
                            + samples
                            + ": "
                            + e
                            + "; check bootstrap.servers, or set topic.create=true to create them",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsStreamsException("Interrupted while describing the source topics", e);
        }
        return new SourcePartitions(
                descriptions.get(reports).partitions().size(),
                descriptions.get(samples).partitions().size());
    }
}
