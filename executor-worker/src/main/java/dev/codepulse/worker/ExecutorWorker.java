package dev.codepulse.worker;

import dev.codepulse.common.http.HttpEndpoint;
import dev.codepulse.common.kafka.DeadLetterPublisher;
import dev.codepulse.common.kafka.TopicProvisioner;
import dev.codepulse.common.metrics.Metrics;
import dev.codepulse.profiler.Profiler;
import dev.codepulse.profiler.ProfilerConfig;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.worker.cache.ResultCache;
import dev.codepulse.worker.cache.TtlActionListener;
import dev.codepulse.worker.internals.JudgingHandler;
import dev.codepulse.worker.internals.WorkerTimers;
import dev.codepulse.worker.pipeline.PipelineMetrics;
import dev.codepulse.worker.pipeline.SubmissionPipeline;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One executor-worker process: consumes submissions in the worker group, judges them in the sandbox
 * through the result cache, and publishes one report per submission with exactly-once delivery.
 * Start more processes with the same {@code worker.group.id} to scale out.
 *
 * <p>Serves {@code /health}, {@code /metrics} and {@code /status} over HTTP.
 */
public final class ExecutorWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExecutorWorker.class);

    private final WorkerConfig config;
    private final PrometheusMeterRegistry registry;
    private final EventSerdes serdes;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private SubmissionExecutor executor;
    private ResultCache cache;
    private SubmissionPipeline pipeline;
    private Thread pipelineThread;
    private HttpEndpoint http;

    private ExecutorWorker(WorkerConfig config) {
        this.config = config;
        this.registry = Metrics.prometheus("executor-worker", config.instanceId());
        this.serdes = config.eventSerdes();
    }

    /**
     * Starts a worker: creates missing topics, probes the sandbox and toolchains, connects the
     * cache, and starts consuming.
     *
     * @throws org.apache.kafka.common.config.ConfigException if the configuration is invalid
     * @throws WorkerException if the sandbox or a toolchain is unavailable
     */
    public static ExecutorWorker start(WorkerConfig config) {
        ExecutorWorker worker = new ExecutorWorker(config);
        try {
            worker.startComponents();
        } catch (RuntimeException e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    private void startComponents() {
        log.info(
                "Executor worker starting instanceId={} config={}",
                config.instanceId(),
                config.describe());
        if (config.getBoolean(WorkerConfig.TOPIC_CREATE_CONFIG)) {
            try (Admin admin = Admin.create(config.clientProperties(Map.of()))) {
                new TopicProvisioner(admin, config)
                        .ensure(
                                List.of(
                                        Topics.SUBMISSIONS,
                                        Topics.EXECUTION_REPORTS,
                                        Topics.FUNCTION_SAMPLES,
                                        Topics.OPTIMIZER_ACTIONS,
                                        Topics.DEAD_LETTERS));
            }
        }
        executor = SubmissionExecutor.start(config.execution());
        cache = ResultCache.create(config.cache(), config.instanceId(), registry);
        TtlActionListener ttlActions = new TtlActionListener(config, cache, registry);
        resources.add(ttlActions);
        ttlActions.start();

        Profiler profiler = Profiler.start(profilerConfig(), registry);
        resources.add(profiler);
        WorkerTimers timers = new WorkerTimers(profiler, executor.languages());
        JudgingHandler handler = new JudgingHandler(executor, cache, config.instanceId(), timers);
        pipeline = new SubmissionPipeline(dependencies(handler, timers), config.pipelineSettings());
        pipelineThread = new Thread(pipeline, "submission-pipeline");
        pipelineThread.setUncaughtExceptionHandler(
                (thread, error) ->
                        log.error("Submission pipeline thread ended with an error", error));
        pipelineThread.start();
        startHttp();
        log.info(
                "Executor worker started instanceId={} group={} slots={} isolation={} languages={}",
                config.instanceId(),
                config.getString(WorkerConfig.WORKER_GROUP_ID_CONFIG),
                executor.slots(),
                executor.isolationLevel(),
                executor.languages());
    }

    // The profiler takes client settings without the kafka. prefix, the topic prefix and the
    // instance id under its own keys; explicit profiler.* keys still win.
    private Map<String, Object> profilerConfig() {
        Map<String, Object> profiler = new LinkedHashMap<>(config.passThroughProperties());
        profiler.put(ProfilerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        profiler.put(
                ProfilerConfig.TOPIC_PREFIX_CONFIG,
                config.getString(WorkerConfig.TOPIC_PREFIX_CONFIG));
        profiler.put(ProfilerConfig.INSTANCE_ID_CONFIG, config.instanceId());
        config.originals()
                .forEach(
                        (key, value) -> {
                            if (key.startsWith("profiler.") || key.startsWith("schema.registry.")) {
                                profiler.put(key, value);
                            }
                        });
        return profiler;
    }

    private SubmissionPipeline.Dependencies dependencies(
            JudgingHandler handler, WorkerTimers timers) {
        String deadLetterTopic = config.topic(Topics.DEAD_LETTERS).name();
        return new SubmissionPipeline.Dependencies(
                new KafkaConsumer<>(
                        consumerProperties(),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()),
                new KafkaProducer<>(
                        producerProperties(), new ByteArraySerializer(), new ByteArraySerializer()),
                config.topic(Topics.SUBMISSIONS).name(),
                config.topic(Topics.EXECUTION_REPORTS).name(),
                serdes.serde(Submission.class),
                serdes.serde(ExecutionReport.class),
                handler,
                handler,
                new DeadLetterPublisher(deadLetterTopic, config.instanceId(), registry),
                new PipelineMetrics(registry),
                timers.pipeline());
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(
                ConsumerConfig.GROUP_ID_CONFIG,
                config.getString(WorkerConfig.WORKER_GROUP_ID_CONFIG));
        defaults.put(ConsumerConfig.CLIENT_ID_CONFIG, "worker-" + config.instanceId());
        defaults.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        defaults.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        defaults.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        defaults.put(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                config.getInt(WorkerConfig.WORKER_MAX_IN_FLIGHT_CONFIG));
        return config.clientProperties(defaults);
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "codepulse-worker-" + config.instanceId());
        defaults.put(ProducerConfig.CLIENT_ID_CONFIG, "worker-" + config.instanceId());
        defaults.put(ProducerConfig.ACKS_CONFIG, "all");
        defaults.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        defaults.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        defaults.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config.clientProperties(defaults);
    }

    private void startHttp() {
        int port = config.getInt(WorkerConfig.HTTP_PORT_CONFIG);
        if (port < 0) {
            return;
        }
        http =
                HttpEndpoint.bind(
                                "executor-worker",
                                config.getString(WorkerConfig.HTTP_HOST_CONFIG),
                                port)
                        .metrics(registry)
                        .health(this::status, this::isRunning)
                        .route("/status", query -> HttpEndpoint.Response.ok(status()))
                        .start();
    }

    /** Returns true while the submission pipeline runs. */
    public boolean isRunning() {
        return pipelineThread != null && pipelineThread.isAlive();
    }

    /** Returns the HTTP port, or -1 when the endpoint is disabled. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Returns the worker's state: slots, isolation, languages, cache and TTLs. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("instanceId", config.instanceId());
        status.put("slots", executor == null ? 0 : executor.slots());
        status.put("isolation", executor == null ? "" : executor.isolationLevel().name());
        status.put("languages", executor == null ? List.of() : executor.languages());
        status.put("inFlight", pipeline == null ? 0 : pipeline.inFlight());
        if (cache != null) {
            status.put("cacheBreaker", cache.breakerState().name());
            Map<String, Long> ttls = new LinkedHashMap<>();
            cache.languageTtls().forEach((language, ttl) -> ttls.put(language, ttl.toMillis()));
            status.put("cacheTtlMs", ttls);
        }
        return status;
    }

    /** Blocks until the pipeline stops, by {@link #close()} or a fatal error. */
    public void awaitTermination() throws InterruptedException {
        if (pipelineThread != null) {
            pipelineThread.join();
        }
    }

    /**
     * Stops consuming, lets running submissions finish within the shutdown timeout, and releases
     * everything.
     */
    @Override
    public void close() {
        log.info("Executor worker stopping instanceId={}", config.instanceId());
        if (pipeline != null) {
            pipeline.close();
        }
        if (http != null) {
            http.close();
        }
        // Closed in reverse order of creation: the profiler flushes its last interval before the
        // rest goes away.
        java.util.Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            closeQuietly(resource);
        }
        closeQuietly(cache);
        closeQuietly(executor);
        serdes.close();
        registry.close();
        log.info("Executor worker stopped instanceId={}", config.instanceId());
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Failed to close resource={}", resource.getClass().getSimpleName(), e);
        }
    }

    /** Waits up to {@code timeout} for the pipeline thread, for tests. */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        pipelineThread.join(timeout.toMillis());
        return !pipelineThread.isAlive();
    }
}
