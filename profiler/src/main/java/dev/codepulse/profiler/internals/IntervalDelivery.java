package dev.codepulse.profiler.internals;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the samples of one interval until each is acknowledged, failed or dropped, then logs one
 * line for the whole interval: DEBUG when every sample was published, WARN with the count of lost
 * samples otherwise. Completions arrive on the producer's I/O thread and the flush thread.
 */
final class IntervalDelivery {
    private static final Logger log = LoggerFactory.getLogger(IntervalDelivery.class);

    private final String topic;
    private final long intervalStartMs;
    private final long intervalEndMs;
    private final ProfilerMetrics metrics;
    // One per sample, plus one that seal() releases once every sample has been handed over.
    private final AtomicInteger outstanding;
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger publishFailed = new AtomicInteger();
    private final AtomicInteger bufferFull = new AtomicInteger();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    IntervalDelivery(
            String topic,
            long intervalStartMs,
            long intervalEndMs,
            int samples,
            ProfilerMetrics metrics) {
        this.topic = topic;
        this.intervalStartMs = intervalStartMs;
        this.intervalEndMs = intervalEndMs;
        this.metrics = metrics;
        this.outstanding = new AtomicInteger(samples + 1);
    }

    void published() {
        published.incrementAndGet();
        metrics.sampleFlushed();
        finishOne();
    }

    void failed(Exception cause) {
        publishFailed.incrementAndGet();
        firstFailure.compareAndSet(null, cause);
        metrics.samplesFailed(1);
        finishOne();
    }

    void droppedBufferFull() {
        bufferFull.incrementAndGet();
        metrics.sampleDroppedBufferFull();
        finishOne();
    }

    /** Declares that every sample of the interval has been sent, failed or dropped. */
    void seal() {
        finishOne();
    }

    private void finishOne() {
        if (outstanding.decrementAndGet() == 0) {
            report();
        }
    }

    private void report() {
        int lost = publishFailed.get() + bufferFull.get();
        if (lost == 0) {
            log.debug(
                    "Published the function samples of an interval samples={} topic={}"
                            + " intervalStart={} intervalEnd={}",
                    published.get(),
                    topic,
                    Instant.ofEpochMilli(intervalStartMs),
                    Instant.ofEpochMilli(intervalEndMs));
            return;
        }
        metrics.flushFailed();
        Exception cause = firstFailure.get();
        log.warn(
                "Lost function samples of an interval; the timed code is unaffected"
                        + " lostSamples={} publishFailed={} bufferFull={} published={} topic={}"
                        + " intervalStart={} intervalEnd={} cause={}",
                lost,
                publishFailed.get(),
                bufferFull.get(),
                published.get(),
                topic,
                Instant.ofEpochMilli(intervalStartMs),
                Instant.ofEpochMilli(intervalEndMs),
                cause == null ? "none" : cause.toString());
    }
}
