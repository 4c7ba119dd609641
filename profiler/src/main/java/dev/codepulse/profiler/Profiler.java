package dev.codepulse.profiler;

import dev.codepulse.profiler.internals.IntervalFlusher;
import dev.codepulse.profiler.internals.ProducerSettings;
import dev.codepulse.profiler.internals.ProfilerMetrics;
import dev.codepulse.profiler.internals.SamplePublisher;
import dev.codepulse.profiler.internals.ThreadResources;
import dev.codepulse.profiler.internals.TimerRegistry;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times named functions in this process and publishes one {@link FunctionSample} per function per
 * interval to the {@code function-samples} topic.
 *
 * <pre>{@code
 * Profiler profiler = Profiler.start(config, meterRegistry);
 * FunctionTimer compileCpp = profiler.timer("worker.compile.cpp", TimingMode.FULL);
 * try (Span span = compileCpp.start()) {
 *     compile(source);
 * }
 * }</pre>
 *
 * <p>Timed calls only update the calling thread's own accumulator. A daemon thread ends each
 * interval, merges the accumulators and hands the samples to a Kafka producer without waiting for
 * acknowledgements, so the timed code never waits on Kafka. When publishing fails, the samples of
 * that interval are lost, counted, and logged in one WARN line per interval.
 *
 * <p>Thread-safe. Close the profiler to publish the last, partial interval; calls timed after
 * {@link #close()} are not published.
 */
public final class Profiler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Profiler.class);

    private final ProfilerConfig config;
    private final TimerRegistry timers;
    private final ProfilerMetrics metrics;
    private final SamplePublisher publisher;
    private final IntervalFlusher flusher;
    private final ScheduledExecutorService flushThread;
    private final EventSerdes serdes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Profiler(
            ProfilerConfig config,
            Producer<String, FunctionSample> producer,
            EventSerdes serdes,
            MeterRegistry meterRegistry) {
        this.config = config;
        this.serdes = serdes;
        this.timers =
                new TimerRegistry(
                        config.maxFunctions(),
                        config.wallSamplePeriod(),
                        config.resourceSamplePeriod(),
                        ThreadResources.supported());
        this.metrics = new ProfilerMetrics(meterRegistry, timers);
        this.publisher =
                new SamplePublisher(producer, config.topic(), config.bufferMaxSamples(), metrics);
        this.flusher =
                new IntervalFlusher(
                        timers,
                        publisher,
                        metrics,
                        config.instanceId(),
                        System::currentTimeMillis,
                        config.summaryIntervalMs());
        this.flushThread =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "codepulse-profiler-flush");
                            thread.setDaemon(true);
                            return thread;
                        });
        scheduleFlushes();
        logStart();
    }

    /**
     * Starts a profiler that publishes with its own Kafka producer, configured from the same map
     * (see {@link ProfilerConfig}). Serialization follows {@code schema.registry.*} keys of the
     * map, like every event of the pipeline.
     *
     * @param config profiler, connection and serde keys; other keys are ignored
     * @param meterRegistry where the profiler registers its own meters
     * @throws org.apache.kafka.common.config.ConfigException if a value is invalid
     * @throws ProfilerException if {@code bootstrap.servers} is missing or the producer cannot be
     *     created
     */
    public static Profiler start(Map<String, ?> config, MeterRegistry meterRegistry) {
        Objects.requireNonNull(meterRegistry, "meterRegistry can't be null");
        ProfilerConfig parsed = new ProfilerConfig(config);
        if (parsed.bootstrapServers().isEmpty()) {
            throw new ProfilerException(
                    "Missing "
                            + ProfilerConfig.BOOTSTRAP_SERVERS_CONFIG
                            + "; set it to the Kafka brokers that receive function samples");
        }
        EventSerdes serdes = EventSerdes.fromConfig(config);
        try {
            Producer<String, FunctionSample> producer =
                    new KafkaProducer<>(
                            ProducerSettings.of(parsed),
                            Topics.FUNCTION_SAMPLES.keySerde(serdes).serializer(),
                            Topics.FUNCTION_SAMPLES.valueSerde(serdes).serializer());
            return new Profiler(parsed, producer, serdes, meterRegistry);
        } catch (KafkaException e) {
            serdes.close();
            throw new ProfilerException(
                    "Failed to create the profiler's Kafka producer: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a profiler that publishes with the given producer, for example a {@code MockProducer}
     * in tests. The profiler takes ownership of the producer and closes it.
     *
     * @param config profiler keys; connection keys are not used
     * @throws org.apache.kafka.common.config.ConfigException if a value is invalid
     */
    public static Profiler start(
            Map<String, ?> config,
            Producer<String, FunctionSample> producer,
            MeterRegistry meterRegistry) {
        Objects.requireNonNull(producer, "producer can't be null");
        Objects.requireNonNull(meterRegistry, "meterRegistry can't be null");
        return new Profiler(new ProfilerConfig(config), producer, null, meterRegistry);
    }

    /**
     * Returns the timer of a function in the default mode ({@code profiler.default.mode}). Call it
     * once per function and keep the timer: the lookup costs a map access.
     *
     * @param function name of the function or block, 1 to 255 characters, such as {@code
     *     worker.compile.cpp}
     * @throws InvalidTimerException if the name is invalid, or the function already has a timer in
     *     another mode
     */
    public FunctionTimer timer(String function) {
        return timers.timer(function, config.defaultMode());
    }

    /**
     * Returns the timer of a function in the given mode, creating it on first request. Beyond
     * {@code profiler.max.functions} distinct names, the returned timer records nothing and the
     * request is counted in {@code codepulse.profiler.functions.rejected}.
     *
     * @throws InvalidTimerException if the name is invalid, or the function already has a timer in
     *     another mode
     */
    public FunctionTimer timer(String function, TimingMode mode) {
        return timers.timer(function, mode);
    }

    /** Returns the id written to the instance field of every sample. */
    public String instanceId() {
        return config.instanceId();
    }

    /** Returns the name of the topic samples are published to, prefix included. */
    public String topic() {
        return config.topic();
    }

    /**
     * Ends the current interval now and hands its samples to the producer, without waiting for
     * acknowledgements. The next interval starts at once; the periodic schedule is unchanged. Does
     * nothing once the profiler is closed.
     *
     * <p>Runs on the flush thread and waits for it, so it blocks while a flush is in progress: up
     * to {@code profiler.publish.timeout.ms} when the producer waits for topic metadata.
     *
     * @throws ProfilerException if the flush failed or the calling thread was interrupted
     */
    public void flush() {
        if (closed.get()) {
            return;
        }
        try {
            flushThread.submit(this::flushQuietly).get();
        } catch (RejectedExecutionException e) {
            // Closed concurrently: close() publishes the last interval.
        } catch (ExecutionException e) {
            throw new ProfilerException("Failed to flush the current interval", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProfilerException("Interrupted while flushing the current interval", e);
        }
    }

    /**
     * Publishes the last, partial interval and closes the producer, waiting up to {@code
     * profiler.publish.timeout.ms} for acknowledgements. Samples still unacknowledged then are lost
     * and logged. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Duration timeout = Duration.ofMillis(config.publishTimeoutMs());
        flushThread.shutdown();
        if (awaitFlushThread(timeout)) {
            flushQuietly();
        } else {
            log.warn(
                    "The flush thread did not stop in time, so the last interval is not published"
                            + " timeoutMs={}",
                    timeout.toMillis());
        }
        publisher.close(timeout);
        if (serdes != null) {
            serdes.close();
        }
        flusher.logSummary("Profiler closed");
        metrics.close();
    }

    private void scheduleFlushes() {
        long intervalMs = config.flushIntervalMs();
        // Align interval ends to multiples of the interval, like tumbling windows downstream.
        long initialDelayMs = intervalMs - System.currentTimeMillis() % intervalMs;
        flushThread.scheduleAtFixedRate(
                this::flushQuietly, initialDelayMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    // A scheduled task that throws is never run again, so a failed flush is logged and the next
    // one still runs.
    private void flushQuietly() {
        try {
            flusher.flush();
        } catch (RuntimeException e) {
            log.warn(
                    "Failed to flush an interval; its samples are lost and the next interval is"
                            + " unaffected topic={}",
                    config.topic(),
                    e);
        }
    }

    private boolean awaitFlushThread(Duration timeout) {
        try {
            return flushThread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void logStart() {
        log.info(
                "Profiler started instance={} topic={} flushIntervalMs={} defaultMode={}"
                        + " wallSamplePeriod={} resourceSamplePeriod={} maxFunctions={}"
                        + " bufferMaxSamples={} publishTimeoutMs={} threadResources={}",
                config.instanceId(),
                config.topic(),
                config.flushIntervalMs(),
                config.defaultMode(),
                config.wallSamplePeriod(),
                config.resourceSamplePeriod(),
                config.maxFunctions(),
                config.bufferMaxSamples(),
                config.publishTimeoutMs(),
                ThreadResources.supported() ? "supported" : "unsupported");
        if (!ThreadResources.supported()) {
            log.warn(
                    "This JVM cannot read thread CPU time or allocated bytes, so cpuNanos and"
                            + " allocatedBytes of every sample are 0 jvm={}",
                    Runtime.version());
        }
    }
}
