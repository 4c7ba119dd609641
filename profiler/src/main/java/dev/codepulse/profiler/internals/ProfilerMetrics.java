package dev.codepulse.profiler.internals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The profiler's own meters. Names follow Micrometer's dotted convention; a Prometheus registry
 * exports them as, for example, {@code codepulse_profiler_samples_dropped_total}.
 */
public final class ProfilerMetrics {
    /** Tag value of samples dropped because too many were awaiting acknowledgement. */
    public static final String REASON_BUFFER_FULL = "buffer-full";

    /** Tag value of samples the producer failed to publish. */
    public static final String REASON_PUBLISH_FAILED = "publish-failed";

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final Counter samplesFlushed;
    private final Counter droppedBufferFull;
    private final Counter droppedPublishFailed;
    private final Counter flushFailures;
    private final AtomicInteger samplesPending = new AtomicInteger();

    /** Registers the meters, reading the function counts from {@code timers}. */
    public ProfilerMetrics(MeterRegistry registry, TimerRegistry timers) {
        this.registry = registry;
        samplesFlushed =
                add(
                        Counter.builder("codepulse.profiler.samples.flushed")
                                .description("Function samples acknowledged by the broker")
                                .register(registry));
        droppedBufferFull = add(dropped(REASON_BUFFER_FULL));
        droppedPublishFailed = add(dropped(REASON_PUBLISH_FAILED));
        flushFailures =
                add(
                        Counter.builder("codepulse.profiler.flush.failures")
                                .description("Intervals of which at least one sample was lost")
                                .register(registry));
        add(
                FunctionCounter.builder(
                                "codepulse.profiler.functions.rejected",
                                timers,
                                TimerRegistry::rejectedCount)
                        .description(
                                "Timers requested beyond profiler.max.functions, which record"
                                        + " nothing")
                        .register(registry));
        add(
                Gauge.builder("codepulse.profiler.functions.tracked", timers, TimerRegistry::size)
                        .description("Functions with a timer")
                        .register(registry));
        add(
                Gauge.builder("codepulse.profiler.samples.pending", samplesPending::get)
                        .description("Function samples sent and not yet acknowledged")
                        .register(registry));
    }

    void sampleFlushed() {
        samplesFlushed.increment();
    }

    void sampleDroppedBufferFull() {
        droppedBufferFull.increment();
    }

    void samplesFailed(long samples) {
        droppedPublishFailed.increment(samples);
    }

    void flushFailed() {
        flushFailures.increment();
    }

    /** Returns the samples sent and not yet acknowledged. */
    int samplesPending() {
        return samplesPending.get();
    }

    void sampleSent() {
        samplesPending.incrementAndGet();
    }

    void sampleSettled() {
        samplesPending.decrementAndGet();
    }

    /** Returns the samples acknowledged so far. */
    public long samplesFlushed() {
        return (long) samplesFlushed.count();
    }

    /** Returns the samples dropped so far, for every reason. */
    public long samplesDropped() {
        return (long) (droppedBufferFull.count() + droppedPublishFailed.count());
    }

    /** Returns the intervals with lost samples so far. */
    public long flushFailures() {
        return (long) flushFailures.count();
    }

    /** Removes every meter from the registry, so that a new profiler can register its own. */
    public void close() {
        meters.forEach(registry::remove);
    }

    private Counter dropped(String reason) {
        return Counter.builder("codepulse.profiler.samples.dropped")
                .description("Function samples lost, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    private <M extends Meter> M add(M meter) {
        meters.add(meter);
        return meter;
    }
}
