package dev.codepulse.bench;

import dev.codepulse.profiler.FunctionTimer;
import dev.codepulse.profiler.Profiler;
import dev.codepulse.profiler.ProfilerConfig;
import dev.codepulse.profiler.Span;
import dev.codepulse.profiler.TimingMode;
import dev.codepulse.schemas.FunctionSample;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one timed call on the profiler's hot path, per {@link TimingMode}, against the same
 * body without a timer ({@link #baseline()}). The overhead of a mode is its score minus the
 * baseline's. Run with {@code -prof gc} to see the bytes allocated per call ({@code
 * gc.alloc.rate.norm}).
 *
 * <p>The profiler runs as in production, flushing every second on its own thread, but publishes to
 * a {@link MockProducer}, so no broker is involved. The {@code read*} benchmarks measure the clock
 * reads a timed call is made of. {@link TwoThreads} runs every benchmark with two threads sharing
 * the timers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@State(Scope.Benchmark)
public class ProfilerBenchmark {
    /** Work of the timed body for {@link Blackhole#consumeCPU(long)}, a few tens of ns. */
    private static final long BODY_TOKENS = 16;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Profiler profiler;
    private FunctionTimer full;
    private FunctionTimer wall;
    private FunctionTimer sampled;

    /** Every benchmark of {@link ProfilerBenchmark}, with two threads timing calls at once. */
    @Threads(2)
    public static class TwoThreads extends ProfilerBenchmark {}

    @Setup(Level.Trial)
    public void startProfiler() {
        MockProducer<String, FunctionSample> producer =
                new MockProducer<>(
                        true,
                        null,
                        new StringSerializer(),
                        Topics.FUNCTION_SAMPLES
                                .valueSerde(EventSerdes.singleObject())
                                .serializer());
        profiler =
                Profiler.start(
                        Map.of(
                                ProfilerConfig.FLUSH_INTERVAL_MS_CONFIG, "1000",
                                ProfilerConfig.INSTANCE_ID_CONFIG, "benchmark",
                                ProfilerConfig.SUMMARY_INTERVAL_MS_CONFIG, "0"),
                        producer,
                        new SimpleMeterRegistry());
        full = profiler.timer("benchmark.full", TimingMode.FULL);
        wall = profiler.timer("benchmark.wall", TimingMode.WALL);
        sampled = profiler.timer("benchmark.sampled", TimingMode.SAMPLED);
    }

    @TearDown(Level.Trial)
    public void closeProfiler() {
        profiler.close();
    }

    /** Runs the timed body alone. */
    @Benchmark
    public void baseline() {
        Blackhole.consumeCPU(BODY_TOKENS);
    }

    /** Runs the body in a span of a {@link TimingMode#FULL} timer. */
    @Benchmark
    public void fullSpan() {
        try (Span span = full.start()) {
            Blackhole.consumeCPU(BODY_TOKENS);
        }
    }

    /** Runs the body in a span of a {@link TimingMode#WALL} timer. */
    @Benchmark
    public void wallSpan() {
        try (Span span = wall.start()) {
            Blackhole.consumeCPU(BODY_TOKENS);
        }
    }

    /** Runs the body in a span of a {@link TimingMode#SAMPLED} timer. */
    @Benchmark
    public void sampledSpan() {
        try (Span span = sampled.start()) {
            Blackhole.consumeCPU(BODY_TOKENS);
        }
    }

    /** Runs the body as a lambda passed to {@link FunctionTimer#run} of a WALL timer. */
    @Benchmark
    public void wallRun() {
        wall.run(() -> Blackhole.consumeCPU(BODY_TOKENS));
    }

    /** Runs the body as a lambda passed to {@link FunctionTimer#run} of a SAMPLED timer. */
    @Benchmark
    public void sampledRun() {
        sampled.run(() -> Blackhole.consumeCPU(BODY_TOKENS));
    }

    /** Reads the wall clock twice, the least that a call with wall time costs. */
    @Benchmark
    public long readNanoTimeTwice() {
        return System.nanoTime() - System.nanoTime();
    }

    /** Reads the current thread's CPU time once. */
    @Benchmark
    public long readThreadCpuTime() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Reads the current thread's allocated bytes once. */
    @Benchmark
    public long readThreadAllocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
