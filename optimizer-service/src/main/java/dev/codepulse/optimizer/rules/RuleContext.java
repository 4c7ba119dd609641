package dev.codepulse.optimizer.rules;

import java.util.List;

/**
 * Data a rule may read besides the window: the history of values it recorded in earlier windows.
 *
 * <p>A series is named by the rule, for example {@code latency-regression:executor.compile}. Values
 * recorded during a window are appended after every rule has evaluated that window, so all rules
 * and all peers compare against the same earlier windows.
 */
public interface RuleContext {
    /**
     * Returns the values of a series from earlier windows, oldest first, at most {@link
     * #historyWindows()} of them; empty when none were recorded.
     */
    List<Double> history(String series);

    /** Records the value of a series for the window being evaluated. */
    void record(String series, double value);

    /** Returns how many windows of history each series keeps. */
    int historyWindows();
}
