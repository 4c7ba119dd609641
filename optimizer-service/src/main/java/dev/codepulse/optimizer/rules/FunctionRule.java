package dev.codepulse.optimizer.rules;

import dev.codepulse.schemas.FunctionStats;
import java.util.Map;

/** Base of rules that judge each function of a window. */
public abstract class FunctionRule extends TargetRule<FunctionStats> {
    /** Nanoseconds in one millisecond, to report function latencies in milliseconds. */
    protected static final double NANOS_PER_MS = 1_000_000.0;

    @Override
    protected final Map<String, FunctionStats> targets(WindowData window) {
        return window.functions();
    }

    @Override
    protected long sampleCount(FunctionStats stats) {
        return stats.getCount();
    }
}
