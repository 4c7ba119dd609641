package dev.codepulse.streams.internals;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the partial aggregates of every source partition into the windows of the keys this task
 * owns, and emits each window's final result exactly once, when it closes.
 *
 * <p>Stream time is the smallest clock of the active source partitions (see {@link SourceClocks}),
 * moved by their progress messages. A window closes when stream time reaches its end plus the grace
 * period; it is then emitted with {@code complete=true}. A wall-clock punctuation also closes a
 * window, with {@code complete=false}, when the wall clock is past its end plus grace and no record
 * arrived for it during the idle time, so quiet keys still report. A partial that arrives for a
 * closed window is dropped as late; late records are counted in a metric and reported per key in
 * the next window emitted for that key.
 *
 * <p>Every change goes to the store, whose changelog is written in the same transaction as the
 * consumed offsets, so a restart resumes from exactly the committed state. Closed windows stay in
 * the store, marked emitted, until stream time passes their end plus grace plus the retained
 * windows, which both serves queries and prevents a second emission.
 *
 * @param <V> value merged into windows
 * @param <A> aggregate type
 * @param <O> emitted record type
 */
public final class WindowAggregateProcessor<V, A extends WindowAggregate, O extends SpecificRecord>
        implements Processor<String, Envelope<A>, String, O> {
    private static final Logger log = LoggerFactory.getLogger(WindowAggregateProcessor.class);

    private final WindowedAggregation<V, A, O> aggregation;
    private final WindowDefinition windows;
    private final AggregationMetrics metrics;
    private final int sourcePartitions;
    private final WindowTracker<A> tracker = new WindowTracker<>();
    private final Counter aggregated;
    private final Counter late;
    private ProcessorContext<String, O> context;
    private KeyValueStore<WindowKey, A> store;
    private KeyValueStore<String, Long> lateStore;
    private SourceClocks clocks;
    private Cancellable punctuation;

    public WindowAggregateProcessor(
            WindowedAggregation<V, A, O> aggregation,
            WindowDefinition windows,
            AggregationMetrics metrics,
            int sourcePartitions) {
        this.sourcePartitions = sourcePartitions;
        this.aggregation = Objects.requireNonNull(aggregation, "aggregation can't be null");
        this.windows = Objects.requireNonNull(windows, "windows can't be null");
        this.metrics = Objects.requireNonNull(metrics, "metrics can't be null");
        this.aggregated = metrics.aggregatedCounter(aggregation.stream());
        this.late = metrics.lateCounter(aggregation.stream());
    }

    @Override
    public void init(ProcessorContext<String, O> context) {
        this.context = context;
        this.store = context.getStateStore(aggregation.storeName());
        this.lateStore = context.getStateStore(aggregation.lateStoreName());
        this.clocks =
                new SourceClocks(
                        context.getStateStore(aggregation.clockStoreName()), sourcePartitions);
        rebuildTracker();
        punctuation =
                context.schedule(
                        Duration.ofMillis(windows.punctuationIntervalMs()),
                        PunctuationType.WALL_CLOCK_TIME,
                        this::closeIdleWindows);
    }

    @Override
    public void process(Record<String, Envelope<A>> record) {
        if (record.value() instanceof Envelope.Partial<A> partial) {
            merge(record.key(), partial);
        } else if (record.value() instanceof Envelope.Dropped<A> dropped) {
            countLate(record.key(), dropped.records());
        } else {
            Envelope.Progress<A> progress = (Envelope.Progress<A>) record.value();
            long before = clocks.streamTimeMs();
            clocks.progress(progress.sourcePartition(), progress.streamTimeMs(), progress.idle());
            if (clocks.streamTimeMs() != before) {
                log.debug(
                        "Stream time advanced stream={} task={} streamTimeMs={} after={}",
                        aggregation.stream(),
                        context.taskId(),
                        clocks.streamTimeMs(),
                        progress);
            }
            closeByStreamTime(clocks.streamTimeMs());
        }
    }

    @Override
    public void close() {
        if (punctuation != null) {
            punctuation.cancel();
        }
        tracker.clear();
    }

    private void merge(String key, Envelope.Partial<A> partial) {
        WindowKey windowKey = new WindowKey(key, partial.windowStartMs());
        long samples = partial.aggregate().sampleCount();
        if (windows.closeTimeOf(partial.windowStartMs()) <= clocks.streamTimeMs()
                || tracker.isEmitted(windowKey)) {
            late.increment(samples);
            countLate(key, samples);
            return;
        }
        WindowTracker.OpenWindow<A> window = tracker.open(windowKey);
        if (window == null) {
            window = tracker.addOpen(windowKey, aggregation.newAggregate(), 0);
        }
        aggregation.merge(window.aggregate, partial.aggregate());
        window.lastRecordWallMs = Math.max(window.lastRecordWallMs, partial.lastRecordWallMs());
        store.put(windowKey, window.aggregate);
        aggregated.increment(samples);
    }

    // Partitions count their own late records in the metric; the owner reports them per key.
    private void countLate(String key, long records) {
        Long dropped = lateStore.get(key);
        lateStore.put(key, dropped == null ? records : dropped + records);
    }

    private void closeByStreamTime(long streamTimeMs) {
        WindowKey first;
        while ((first = tracker.firstOpen()) != null
                && windows.closeTimeOf(first.windowStartMs()) <= streamTimeMs) {
            emit(first, true);
        }
        WindowKey oldest;
        while ((oldest = tracker.firstEmitted()) != null
                && windows.expiryTimeOf(oldest.windowStartMs()) <= streamTimeMs) {
            store.delete(oldest);
            tracker.removeEmitted(oldest);
        }
    }

    private void closeIdleWindows(long nowMs) {
        closeByStreamTime(clocks.streamTimeMs());
        List<WindowKey> idle = new ArrayList<>();
        for (WindowKey key : tracker.openKeys()) {
            if (windows.closeTimeOf(key.windowStartMs()) > nowMs) {
                break;
            }
            if (nowMs - tracker.open(key).lastRecordWallMs >= windows.idleCloseMs()) {
                idle.add(key);
            }
        }
        for (WindowKey key : idle) {
            emit(key, false);
        }
    }

    private void emit(WindowKey key, boolean closedByStreamTime) {
        A aggregate = tracker.removeOpen(key);
        aggregate.markEmitted(closedByStreamTime, takeLateCount(key.key()));
        long endMs = windows.endOf(key.windowStartMs());
        O stats = aggregation.toStats(key, endMs, aggregate);
        context.forward(new Record<>(outputKey(key), stats, endMs - 1));
        store.put(key, aggregate);
        tracker.addEmitted(key);
        metrics.emitted(aggregation.stream(), closedByStreamTime);
        log.debug(
                "Window emitted stream={} key={} complete={} samples={}",
                aggregation.stream(),
                outputKey(key),
                closedByStreamTime,
                aggregate.sampleCount());
    }

    private long takeLateCount(String key) {
        Long dropped = lateStore.get(key);
        if (dropped == null) {
            return 0;
        }
        lateStore.delete(key);
        return dropped;
    }

    private void rebuildTracker() {
        tracker.clear();
        long nowMs = context.currentSystemTimeMs();
        try (KeyValueIterator<WindowKey, A> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<WindowKey, A> entry = all.next();
                if (entry.value.emitted()) {
                    tracker.addEmitted(entry.key);
                } else {
                    tracker.addOpen(entry.key, entry.value, nowMs);
                }
            }
        }
        log.debug(
                "Window store loaded store={} task={} openWindows={}",
                aggregation.storeName(),
                context.taskId(),
                tracker.openCount());
    }

    /** Returns the output key of a window: the aggregated key, '@', the ISO-8601 start. */
    public static String outputKey(WindowKey key) {
        return key.key() + "@" + Instant.ofEpochMilli(key.windowStartMs());
    }
}
