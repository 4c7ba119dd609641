package dev.codepulse.streams.internals;

import dev.codepulse.common.kafka.DeadLetterPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * The application's own meters, tagged by input stream ({@code reports} or {@code samples}).
 *
 * <ul>
 *   <li>{@code codepulse.streams.records.aggregated}: records merged into a window.
 *   <li>{@code codepulse.streams.records.dropped}, tag {@code reason}: {@code late} for records
 *       whose window had closed, {@code dead-letter} for records sent to the dead-letters topic.
 *   <li>{@code codepulse.streams.windows.emitted}, tag {@code complete}: final results emitted.
 *   <li>{@code codepulse.dead.letters}, tags {@code source.topic} and {@code error}: the counter
 *       every service shares.
 * </ul>
 */
public final class AggregationMetrics {
    static final String AGGREGATED = "codepulse.streams.records.aggregated";
    static final String DROPPED = "codepulse.streams.records.dropped";
    static final String EMITTED = "codepulse.streams.windows.emitted";

    private final MeterRegistry registry;
    private final DeadLetterPublisher deadLetters;

    /**
     * @param deadLetterTopic dead-letters topic name, prefix included
     */
    public AggregationMetrics(MeterRegistry registry, String deadLetterTopic, String instanceId) {
        this.registry = Objects.requireNonNull(registry, "registry can't be null");
        this.deadLetters = new DeadLetterPublisher(deadLetterTopic, instanceId, registry);
    }

    /** Returns the registry the meters live in. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Returns the counter of aggregated records of one stream; callers keep it. */
    Counter aggregatedCounter(String stream) {
        return Counter.builder(AGGREGATED)
                .description("Records merged into a window")
                .tag("stream", stream)
                .register(registry);
    }

    /** Returns the counter of late records of one stream; callers keep it. */
    Counter lateCounter(String stream) {
        return dropped(stream, "late");
    }

    /** Counts one emitted window. */
    void emitted(String stream, boolean complete) {
        Counter.builder(EMITTED)
                .description("Window final results emitted")
                .tag("stream", stream)
                .tag("complete", Boolean.toString(complete))
                .register(registry)
                .increment();
    }

    /** Counts one record sent to the dead-letters topic. */
    public void deadLettered(String stream, String sourceTopic, Throwable error) {
        dropped(stream, "dead-letter").increment();
        deadLetters.count(sourceTopic, error);
    }

    /** Returns the sum of a counter over all its tags, for summaries and tests. */
    public double total(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Counter dropped(String stream, String reason) {
        return Counter.builder(DROPPED)
                .description("Records not aggregated, by reason")
                .tag("stream", stream)
                .tag("reason", reason)
                .register(registry);
    }
}
