package dev.codepulse.profiler.internals;

import dev.codepulse.schemas.FunctionSample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an interval on every timer, turns each function's merged calls into one sample and hands
 * them to the publisher. Only one thread at a time may call {@link #flush()}.
 */
public final class IntervalFlusher {
    private static final Logger log = LoggerFactory.getLogger(IntervalFlusher.class);

    private final TimerRegistry timers;
    private final SamplePublisher publisher;
    private final ProfilerMetrics metrics;
    private final String instanceId;
    private final LongSupplier clockMs;
    private final long summaryIntervalMs;
    private long intervalStartMs;
    private long lastSummaryMs;

    /**
     * Creates a flusher whose first interval starts now.
     *
     * @param clockMs wall clock in milliseconds since the epoch
     * @param summaryIntervalMs period of the INFO summary line; 0 disables it
     */
    public IntervalFlusher(
            TimerRegistry timers,
            SamplePublisher publisher,
            ProfilerMetrics metrics,
            String instanceId,
            LongSupplier clockMs,
            long summaryIntervalMs) {
        this.timers = timers;
        this.publisher = publisher;
        this.metrics = metrics;
        this.instanceId = instanceId;
        this.clockMs = clockMs;
        this.summaryIntervalMs = summaryIntervalMs;
        this.intervalStartMs = clockMs.getAsLong();
        this.lastSummaryMs = intervalStartMs;
    }

    /** Ends the current interval and publishes one sample per function called in it. */
    public void flush() {
        long intervalEndMs = clockMs.getAsLong();
        List<FunctionSample> samples = new ArrayList<>();
        for (StripedTimer timer : timers.timers()) {
            IntervalStats stats = timer.collect();
            if (stats.count() > 0) {
                samples.add(
                        SampleFactory.toSample(
                                timer.function(),
                                instanceId,
                                intervalStartMs,
                                intervalEndMs,
                                stats));
            }
        }
        publisher.publish(intervalStartMs, intervalEndMs, samples);
        intervalStartMs = intervalEndMs;
        logSummaryWhenDue(intervalEndMs);
    }

    /** Logs the totals since start at INFO. */
    public void logSummary(String event) {
        log.info(
                "{} instance={} functions={} functionsRejected={} samplesFlushed={}"
                        + " samplesDropped={} flushFailures={}",
                event,
                instanceId,
                timers.size(),
                timers.rejectedCount(),
                metrics.samplesFlushed(),
                metrics.samplesDropped(),
                metrics.flushFailures());
    }

    private void logSummaryWhenDue(long nowMs) {
        if (summaryIntervalMs > 0 && nowMs - lastSummaryMs >= summaryIntervalMs) {
            lastSummaryMs = nowMs;
            logSummary("Profiler summary");
        }
    }
}
