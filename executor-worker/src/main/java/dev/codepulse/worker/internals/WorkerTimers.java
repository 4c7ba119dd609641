package dev.codepulse.worker.internals;

import dev.codepulse.profiler.FunctionTimer;
import dev.codepulse.profiler.Profiler;
import dev.codepulse.profiler.Span;
import dev.codepulse.profiler.TimingMode;
import dev.codepulse.worker.PhaseTimer;
import dev.codepulse.worker.pipeline.PipelineTimers;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The worker's profiler timers, created once at start: {@code worker.poll}, {@code worker.decode},
 * {@code worker.queue}, {@code worker.cache.lookup}, {@code worker.judge}, {@code worker.publish},
 * and {@code worker.compile.LANGUAGE} and {@code worker.run.LANGUAGE} per language.
 *
 * <p>Compile and run take milliseconds, so they are timed in FULL mode (CPU time and allocation on
 * every call, a few microseconds); the rest in the profiler's default mode.
 */
public final class WorkerTimers {
    private final FunctionTimer poll;
    private final FunctionTimer decode;
    private final FunctionTimer queue;
    private final FunctionTimer cacheLookup;
    private final FunctionTimer judge;
    private final FunctionTimer publish;
    private final Map<String, PhaseTimer> phasesByLanguage = new HashMap<>();

    public WorkerTimers(Profiler profiler, Collection<String> languages) {
        this.poll = profiler.timer("worker.poll");
        this.decode = profiler.timer("worker.decode");
        this.queue = profiler.timer("worker.queue");
        this.cacheLookup = profiler.timer("worker.cache.lookup");
        this.judge = profiler.timer("worker.judge");
        this.publish = profiler.timer("worker.publish");
        for (String language : languages) {
            FunctionTimer compile = profiler.timer("worker.compile." + language, TimingMode.FULL);
            FunctionTimer run = profiler.timer("worker.run." + language, TimingMode.FULL);
            phasesByLanguage.put(language, phase -> start(phase, compile, run));
        }
    }

    /** Returns the timers of the pipeline's own phases. */
    public PipelineTimers pipeline() {
        return new PipelineTimers(poll, decode, publish);
    }

    /** Returns the timer of the executor's phases for one language; none for an unknown one. */
    public PhaseTimer phases(String language) {
        return phasesByLanguage.getOrDefault(language, PhaseTimer.NONE);
    }

    /** Records how long a submission waited between being posted and picked up. */
    public void recordQueue(long queueMs) {
        queue.record(queueMs * 1_000_000, false);
    }

    /** Records the time spent in the result cache, including any wait for another worker. */
    public void recordCacheLookup(long lookupMicros) {
        cacheLookup.record(lookupMicros * 1_000, false);
    }

    private PhaseTimer.Phase start(String phase, FunctionTimer compile, FunctionTimer run) {
        FunctionTimer timer =
                switch (phase) {
                    case PhaseTimer.COMPILE -> compile;
                    case PhaseTimer.RUN -> run;
                    default -> judge;
                };
        Span span = timer.start();
        return new PhaseTimer.Phase() {
            @Override
            public void failed() {
                span.markError();
            }

            @Override
            public void close() {
                span.close();
            }
        };
    }
}
