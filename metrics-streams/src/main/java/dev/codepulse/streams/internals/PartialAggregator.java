package dev.codepulse.streams.internals;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates the valid records of one source partition per key and window, and sends the partial
 * aggregates to the owner of each key's windows ({@link WindowAggregateProcessor}) instead of every
 * record.
 *
 * <p>Partials are sent every flush interval (wall clock), and at once when this partition's stream
 * time closes a window, each time followed by a {@link Envelope.Progress} with the partition's
 * stream time. A record is late when its window's end plus grace is at or before this partition's
 * stream time; it is dropped and reported to the owner as {@link Envelope.Dropped}.
 *
 * <p>Unsent partials live in a store whose changelog is written in the same transaction as the
 * consumed offsets, and sending a partial removes it from the store in the transaction that writes
 * it to the repartition topic, so each record reaches its window exactly once.
 *
 * @param <V> value merged into windows
 * @param <A> aggregate type
 */
public final class PartialAggregator<V, A extends WindowAggregate>
        implements Processor<String, Decoded<V>, String, Envelope<A>> {
    private static final Logger log = LoggerFactory.getLogger(PartialAggregator.class);

    /** An unsent partial and when its newest record arrived. */
    private static final class Pending<A> {
        final A aggregate;
        long lastRecordWallMs;

        Pending(A aggregate, long lastRecordWallMs) {
            this.aggregate = aggregate;
            this.lastRecordWallMs = lastRecordWallMs;
        }
    }

    private final WindowedAggregation<V, A, ? extends SpecificRecord> aggregation;
    private final WindowDefinition windows;
    private final Duration flushInterval;
    private final Counter late;
    private final Map<WindowKey, Pending<A>> pending = new HashMap<>();
    private ProcessorContext<String, Envelope<A>> context;
    private KeyValueStore<WindowKey, A> store;
    private int partition;
    private long lastRecordWallMs;
    private long reportedCloseEpoch;
    private Envelope.Progress<A> lastProgress;

    /**
     * @param flushInterval how often partials and progress are sent without a window closing
     */
    public PartialAggregator(
            WindowedAggregation<V, A, ? extends SpecificRecord> aggregation,
            WindowDefinition windows,
            Duration flushInterval,
            AggregationMetrics metrics) {
        this.aggregation = Objects.requireNonNull(aggregation, "aggregation can't be null");
        this.windows = Objects.requireNonNull(windows, "windows can't be null");
        this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval can't be null");
        this.late = metrics.lateCounter(aggregation.stream());
    }

    @Override
    public void init(ProcessorContext<String, Envelope<A>> context) {
        this.context = context;
        this.store = context.getStateStore(aggregation.partialStoreName());
        this.partition = context.taskId().partition();
        this.lastRecordWallMs = context.currentSystemTimeMs();
        this.reportedCloseEpoch = closeEpoch(context.currentStreamTimeMs());
        this.lastProgress = null;
        pending.clear();
        try (KeyValueIterator<WindowKey, A> all = store.all()) {
            all.forEachRemaining(
                    entry -> pending.put(entry.key, new Pending<>(entry.value, lastRecordWallMs)));
        }
        context.schedule(
                flushInterval,
                PunctuationType.WALL_CLOCK_TIME,
                nowMs -> flush(context.currentStreamTimeMs(), nowMs));
    }

    @Override
    public void process(Record<String, Decoded<V>> record) {
        V value = ((Decoded.Valid<V>) record.value()).value();
        long nowMs = context.currentSystemTimeMs();
        long streamTimeMs = context.currentStreamTimeMs();
        lastRecordWallMs = nowMs;
        long startMs = windows.startOf(aggregation.eventTimeMs(value, record.timestamp()));
        if (windows.closeTimeOf(startMs) <= streamTimeMs) {
            late.increment();
            forward(record.key(), new Envelope.Dropped<>(partition, 1), streamTimeMs);
        } else {
            WindowKey key = new WindowKey(record.key(), startMs);
            Pending<A> partial = pending.get(key);
            if (partial == null) {
                partial = new Pending<>(aggregation.newAggregate(), nowMs);
                pending.put(key, partial);
            }
            aggregation.add(partial.aggregate, value);
            partial.lastRecordWallMs = nowMs;
            store.put(key, partial.aggregate);
        }
        if (closeEpoch(streamTimeMs) > reportedCloseEpoch) {
            flush(streamTimeMs, nowMs);
        }
    }

    /** Sends every partial, oldest window first, then this partition's progress. */
    private void flush(long streamTimeMs, long nowMs) {
        List<Map.Entry<WindowKey, Pending<A>>> partials = new ArrayList<>(pending.entrySet());
        partials.sort(Map.Entry.comparingByKey(WindowKey.BY_START));
        for (Map.Entry<WindowKey, Pending<A>> entry : partials) {
            WindowKey key = entry.getKey();
            Pending<A> partial = entry.getValue();
            forward(
                    key.key(),
                    new Envelope.Partial<>(
                            partition,
                            key.windowStartMs(),
                            partial.lastRecordWallMs,
                            partial.aggregate),
                    streamTimeMs);
            store.delete(key);
        }
        if (!partials.isEmpty()) {
            log.debug(
                    "Partials sent stream={} partition={} partials={} streamTimeMs={}",
                    aggregation.stream(),
                    partition,
                    partials.size(),
                    streamTimeMs);
        }
        pending.clear();
        reportedCloseEpoch = Math.max(reportedCloseEpoch, closeEpoch(streamTimeMs));
        boolean idle = nowMs - lastRecordWallMs >= windows.idleCloseMs();
        Envelope.Progress<A> progress = new Envelope.Progress<>(partition, streamTimeMs, idle);
        if (!progress.equals(lastProgress)) {
            lastProgress = progress;
            // The repartition step drops records with a null key; the partitioner sends progress
            // to every partition whatever its key.
            forward("", progress, streamTimeMs);
        }
    }

    private void forward(String key, Envelope<A> envelope, long streamTimeMs) {
        context.forward(
                new Record<>(key, envelope, Math.max(0, streamTimeMs), new RecordHeaders()));
    }

    // Increases exactly when stream time closes another window: windows starting at or before
    // (epoch - 1) * size are closed once stream time - grace reaches epoch * size.
    private long closeEpoch(long streamTimeMs) {
        return Math.floorDiv(streamTimeMs - windows.graceMs(), windows.sizeMs());
    }
}
