package dev.codepulse.profiler;

/**
 * What a {@link FunctionTimer} measures on each call, trading accuracy for hot-path cost.
 *
 * <p>Every mode counts every call and every error exactly. The modes differ in how often they read
 * the clocks: {@link System#nanoTime()} for wall time, and the thread's CPU time and allocated
 * bytes from {@code com.sun.management.ThreadMXBean}. Reading thread CPU time is a system call that
 * costs about a microsecond on Linux, so only {@link #FULL} reads it on every call. The README of
 * this module lists the cost of each mode as measured by {@code ProfilerBenchmark}.
 */
public enum TimingMode {
    /**
     * Wall time, CPU time and allocated bytes on every call. Every field of a sample is exact. For
     * calls that take much longer than the two CPU time reads, such as compiling or running a
     * submission.
     */
    FULL,

    /**
     * Wall time on every call; CPU time and allocated bytes on one call in {@code
     * profiler.resource.sample.period}, scaled to the call count. Wall-time fields and the latency
     * sketch are exact, CPU and allocation are estimates.
     */
    WALL,

    /**
     * Wall time on one call in {@code profiler.wall.sample.period}, CPU time and allocated bytes on
     * one call in {@code profiler.resource.sample.period}. Count and errors stay exact; the wall
     * time sum, CPU time, allocated bytes and latency sketch are scaled estimates, and min and max
     * cover the measured calls only. For functions called so often that two clock reads per call
     * matter.
     */
    SAMPLED
}
