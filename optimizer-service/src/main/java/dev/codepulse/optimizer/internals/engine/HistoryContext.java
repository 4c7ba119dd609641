package dev.codepulse.optimizer.internals.engine;

import dev.codepulse.optimizer.internals.state.JsonTable;
import dev.codepulse.optimizer.internals.state.MetricHistory;
import dev.codepulse.optimizer.rules.RuleContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link RuleContext} of one window: reads histories from the state and holds the values
 * recorded during the window until {@link #flush()}, so every rule sees the same earlier windows.
 */
final class HistoryContext implements RuleContext {
    private final JsonTable<MetricHistory> histories;
    private final int historyWindows;
    private final Map<String, Double> recorded = new LinkedHashMap<>();

    HistoryContext(JsonTable<MetricHistory> histories, int historyWindows) {
        this.histories = histories;
        this.historyWindows = historyWindows;
    }

    @Override
    public List<Double> history(String series) {
        return histories.get(series).map(MetricHistory::values).orElse(List.of());
    }

    @Override
    public void record(String series, double value) {
        recorded.put(series, value);
    }

    @Override
    public int historyWindows() {
        return historyWindows;
    }

    /** Appends the values recorded in this window to their histories. */
    void flush() {
        for (Map.Entry<String, Double> entry : recorded.entrySet()) {
            MetricHistory history =
                    histories.get(entry.getKey()).orElse(new MetricHistory(List.of()));
            histories.put(entry.getKey(), history.append(entry.getValue(), historyWindows));
        }
        recorded.clear();
    }
}
