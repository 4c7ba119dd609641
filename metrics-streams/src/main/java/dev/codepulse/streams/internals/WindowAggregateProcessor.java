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
 * Aggregates records into tumbling windows per key and emits each window's final result exactly
 * once, when it closes.
 *
 * <p>Stream time is the smallest clock of the active source partitions (see {@link SourceClocks}),
 * not Kafka Streams' stream time, which jumps to the fastest source partition after a repartition.
 * A window closes when stream time reaches its end plus the grace period; it is then emitted with
 * {@code complete=true}. A wall-clock punctuation also closes a window, with {@code
 * complete=false}, when the wall clock is past its end plus grace and no record arrived for it
 * during the idle time, so quiet keys still report. A record is late when its window's end plus
 * grace is at or before stream time, or when its window was already closed by the wall clock: it is
 * dropped, counted in a metric, and reported per key in the next window emitted for that key.
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
        implements Processor<String, Envelope<V>, String, O> {
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
    public void process(Record<String, Envelope<V>> record) {
        if (record.value() instanceof Envelope.Progress<V> progress) {
            clocks.progress(progress.sourcePartition(), progress.streamTimeMs(), progress.idle());
            closeByStreamTime(clocks.streamTimeMs());
            return;
        }
        Envelope.Observed<V> observed = (Envelope.Observed<V>) record.value();
        clocks.observe(observed.sourcePartition(), record.timestamp());
        long streamTimeMs = clocks.streamTimeMs();
        long startMs =
                windows.startOf(aggregation.eventTimeMs(observed.value(), record.timestamp()));
        WindowKey key = new WindowKey(record.key(), startMs);
        if (windows.closeTimeOf(startMs) <= streamTimeMs || tracker.isEmitted(key)) {
            dropLate(record.key());
        } else {
            aggregate(key, observed.value());
        }
        closeByStreamTime(streamTimeMs);
    }

    @Override
    public void close() {
        if (punctuation != null) {
            punctuation.cancel();
        }
        tracker.clear();
    }

    private void aggregate(WindowKey key, V value) {
        long nowMs = context.currentSystemTimeMs();
        WindowTracker.OpenWindow<A> window = tracker.open(key);
        if (window == null) {
            window = tracker.addOpen(key, aggregation.newAggregate(), nowMs);
        }
        aggregation.add(window.aggregate, value);
        window.lastRecordWallMs = nowMs;
        store.put(key, window.aggregate);
        aggregated.increment();
    }

    private void dropLate(String key) {
        late.increment();
        Long dropped = lateStore.get(key);
        lateStore.put(key, dropped == null ? 1 : dropped + 1);
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
