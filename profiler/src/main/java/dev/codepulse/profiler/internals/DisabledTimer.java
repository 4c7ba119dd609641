package dev.codepulse.profiler.internals;

import dev.codepulse.profiler.CheckedRunnable;
import dev.codepulse.profiler.CheckedSupplier;
import dev.codepulse.profiler.FunctionTimer;
import dev.codepulse.profiler.Span;
import dev.codepulse.profiler.TimingMode;

/**
 * A timer that records nothing, handed out for functions beyond {@code profiler.max.functions} so
 * that the caller's code runs unchanged.
 */
public final class DisabledTimer implements FunctionTimer {
    private static final Span NO_SPAN =
            new Span() {
                @Override
                public void markError() {}

                @Override
                public void close() {}
            };

    private final String function;
    private final TimingMode mode;

    public DisabledTimer(String function, TimingMode mode) {
        this.function = function;
        this.mode = mode;
    }

    @Override
    public String function() {
        return function;
    }

    @Override
    public TimingMode mode() {
        return mode;
    }

    @Override
    public Span start() {
        return NO_SPAN;
    }

    @Override
    public <E extends Throwable> void run(CheckedRunnable<E> block) throws E {
        block.run();
    }

    @Override
    public <T, E extends Throwable> T call(CheckedSupplier<T, E> block) throws E {
        return block.get();
    }

    @Override
    public void record(long wallNanos, boolean failed) {
        // Nothing is recorded for a function beyond the limit.
    }

    @Override
    public String toString() {
        return "FunctionTimer{function=" + function + ", disabled}";
    }
}
