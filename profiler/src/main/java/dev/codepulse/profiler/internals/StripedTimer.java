package dev.codepulse.profiler.internals;

import dev.codepulse.profiler.CheckedRunnable;
import dev.codepulse.profiler.CheckedSupplier;
import dev.codepulse.profiler.FunctionTimer;
import dev.codepulse.profiler.Span;
import dev.codepulse.profiler.TimingMode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A timer that records each thread's calls into that thread's own {@link ThreadRecorder}, and
 * merges them when the flush thread collects an interval.
 *
 * <p>NOTE: each thread that times a call gets its own recorder, two latency sketches of up to
 * {@link dev.codepulse.schemas.Sketches#MAX_BINS} bins (16 KiB each at most). Recorders of ended
 * threads are removed at the next flush, so many short-lived threads cost memory until then.
 */
public final class StripedTimer implements FunctionTimer {
    private final String function;
    private final TimerSettings settings;
    private final ThreadLocal<ThreadRecorder> recorders = ThreadLocal.withInitial(this::register);
    private final List<ThreadRecorder> allRecorders = new CopyOnWriteArrayList<>();
    private final IntervalStats total = new IntervalStats();

    public StripedTimer(String function, TimerSettings settings) {
        this.function = function;
        this.settings = settings;
    }

    @Override
    public String function() {
        return function;
    }

    @Override
    public TimingMode mode() {
        return settings.mode();
    }

    /** Returns the measurement periods of this timer. */
    public TimerSettings settings() {
        return settings;
    }

    @Override
    public Span start() {
        return recorders.get().begin();
    }

    @Override
    public <E extends Throwable> void run(CheckedRunnable<E> block) throws E {
        Span span = start();
        try {
            block.run();
        } catch (Throwable e) {
            span.markError();
            throw e;
        } finally {
            span.close();
        }
    }

    @Override
    public <T, E extends Throwable> T call(CheckedSupplier<T, E> block) throws E {
        Span span = start();
        try {
            return block.get();
        } catch (Throwable e) {
            span.markError();
            throw e;
        } finally {
            span.close();
        }
    }

    @Override
    public void record(long wallNanos, boolean failed) {
        if (wallNanos < 0) {
            throw new IllegalArgumentException(
                    "Invalid wall time "
                            + wallNanos
                            + " ns for function '"
                            + function
                            + "'; expected >= 0");
        }
        recorders
                .get()
                .record(wallNanos, IntervalStats.NOT_MEASURED, IntervalStats.NOT_MEASURED, failed);
    }

    /**
     * Ends the current interval on every thread and returns the merged calls. Called by the flush
     * thread only; the returned statistics are valid until the next call.
     */
    public IntervalStats collect() {
        total.reset();
        for (ThreadRecorder recorder : allRecorders) {
            if (recorder.drainInto(total)) {
                allRecorders.remove(recorder);
            }
        }
        return total;
    }

    /** Returns the number of threads with a recorder for this timer. */
    public int threadCount() {
        return allRecorders.size();
    }

    private ThreadRecorder register() {
        ThreadRecorder recorder = new ThreadRecorder(Thread.currentThread(), settings);
        allRecorders.add(recorder);
        return recorder;
    }

    @Override
    public String toString() {
        return "FunctionTimer{function=" + function + ", mode=" + settings.mode() + "}";
    }
}
