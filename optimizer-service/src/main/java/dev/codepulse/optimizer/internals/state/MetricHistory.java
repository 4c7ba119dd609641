package dev.codepulse.optimizer.internals.state;

import java.util.ArrayList;
import java.util.List;

/** Values of one series in earlier windows, oldest first. */
public record MetricHistory(List<Double> values) {
    /** Returns this history with {@code value} appended, keeping the newest {@code max}. */
    public MetricHistory append(double value, int max) {
        List<Double> appended = new ArrayList<>(values);
        appended.add(value);
        while (appended.size() > max) {
            appended.remove(0);
        }
        return new MetricHistory(List.copyOf(appended));
    }
}
