package dev.codepulse.optimizer.internals.engine;

import dev.codepulse.optimizer.internals.state.OptimizerState;
import dev.codepulse.optimizer.internals.state.PendingAggregate;
import dev.codepulse.optimizer.internals.state.WindowMark;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.serde.AvroSerde;
import dev.codepulse.schemas.serde.EventSerdes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the aggregates of each window until the window has settled: {@code
 * optimizer.window.settle.ms} after its first aggregate arrived. Windows are released in order of
 * start; a window waits while an earlier one has not settled.
 *
 * <p>An aggregate for a key already waiting replaces it, so a redelivered aggregate counts once. An
 * aggregate of a window at or before the newest evaluated window is late and rejected, so a window
 * is evaluated at most once.
 */
final class WindowCollector {
    static final String LANGUAGE = "language";
    static final String FUNCTION = "function";
    private static final String STATE_TOPIC = "optimizer-state";

    /** Result of offering an aggregate. */
    enum Outcome {
        ACCEPTED,
        REPLACED,
        LATE
    }

    private final OptimizerState state;
    private final long settleMs;
    private final AvroSerde<LanguageStats> languageSerde;
    private final AvroSerde<FunctionStats> functionSerde;

    WindowCollector(OptimizerState state, long settleMs) {
        this.state = state;
        this.settleMs = settleMs;
        EventSerdes serdes = EventSerdes.singleObject();
        this.languageSerde = serdes.serde(LanguageStats.class);
        this.functionSerde = serdes.serde(FunctionStats.class);
    }

    Outcome accept(LanguageStats stats, long nowMs) {
        return accept(
                LANGUAGE,
                stats.getLanguage(),
                stats.getWindowStart(),
                stats.getWindowEnd(),
                languageSerde.serialize(STATE_TOPIC, stats),
                nowMs);
    }

    Outcome accept(FunctionStats stats, long nowMs) {
        return accept(
                FUNCTION,
                stats.getFunction(),
                stats.getWindowStart(),
                stats.getWindowEnd(),
                functionSerde.serialize(STATE_TOPIC, stats),
                nowMs);
    }

    /** Returns the number of windows waiting. */
    int pendingWindows() {
        return state.windows().values().size();
    }

    /** Removes and returns the settled windows, oldest first. */
    List<WindowData> takeDue(long nowMs) {
        List<WindowData> due = new ArrayList<>();
        for (Map.Entry<String, WindowMark> entry : state.windows().entries("")) {
            if (nowMs < entry.getValue().firstArrivalMs() + settleMs) {
                break;
            }
            due.add(take(entry.getKey(), entry.getValue()));
        }
        return due;
    }

    private Outcome accept(
            String kind, String name, Instant start, Instant end, byte[] avro, long nowMs) {
        long startMs = start.toEpochMilli();
        long endMs = end.toEpochMilli();
        // NOTE: windows are ordered by start only, so when language and function windows start
        // together but end apart, the one settling second is dropped as late.
        if (state.progress().covers(startMs)) {
            return Outcome.LATE;
        }
        String windowKey = windowKey(startMs, endMs);
        if (state.windows().get(windowKey).isEmpty()) {
            state.windows().put(windowKey, new WindowMark(startMs, endMs, nowMs));
        }
        String key = windowKey + "/" + kind + "/" + name;
        boolean replaced = state.pending().get(key).isPresent();
        state.pending().put(key, new PendingAggregate(kind, name, startMs, endMs, avro));
        return replaced ? Outcome.REPLACED : Outcome.ACCEPTED;
    }

    private WindowData take(String windowKey, WindowMark mark) {
        Map<String, LanguageStats> languages = new HashMap<>();
        Map<String, FunctionStats> functions = new HashMap<>();
        for (Map.Entry<String, PendingAggregate> entry : state.pending().entries(windowKey + "/")) {
            PendingAggregate aggregate = entry.getValue();
            if (LANGUAGE.equals(aggregate.kind())) {
                languages.put(
                        aggregate.name(), languageSerde.deserialize(STATE_TOPIC, aggregate.avro()));
            } else {
                functions.put(
                        aggregate.name(), functionSerde.deserialize(STATE_TOPIC, aggregate.avro()));
            }
            state.pending().delete(entry.getKey());
        }
        state.windows().delete(windowKey);
        return new WindowData(
                Instant.ofEpochMilli(mark.windowStartMs()),
                Instant.ofEpochMilli(mark.windowEndMs()),
                languages,
                functions);
    }

    // Zero-padded so that keys sort by start, then end.
    private static String windowKey(long startMs, long endMs) {
        return String.format("%019d-%019d", startMs, endMs);
    }
}
