package dev.codepulse.optimizer.rules;

import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.LanguageStats;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every aggregate of one window: the language and function aggregates keyed by language id and
 * function name, sorted by key so that rules see targets in a stable order.
 *
 * @param start start of the window, inclusive
 * @param end end of the window, exclusive
 */
public record WindowData(
        Instant start,
        Instant end,
        Map<String, LanguageStats> languages,
        Map<String, FunctionStats> functions) {

    public WindowData {
        Objects.requireNonNull(start, "start can't be null");
        Objects.requireNonNull(end, "end can't be null");
        languages = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(languages));
        functions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(functions));
    }

    /** Returns the window as an ISO-8601 interval, such as {@code 2024-05-01T10:00:00Z/...}. */
    public String label() {
        return start + "/" + end;
    }

    /** Returns the window length in milliseconds. */
    public long sizeMs() {
        return end.toEpochMilli() - start.toEpochMilli();
    }
}
