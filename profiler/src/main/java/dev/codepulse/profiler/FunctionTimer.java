package dev.codepulse.profiler;

/**
 * Times the calls of one named function. Obtain it once from {@link Profiler#timer(String)}, keep
 * it in a field, and time each call with {@link #start()}, {@link #run(CheckedRunnable)} or {@link
 * #call(CheckedSupplier)}.
 *
 * <p>Thread-safe: any number of threads may time calls with one timer. Each thread records into its
 * own accumulator, which the profiler's flush thread merges once per interval, so timing a call
 * never waits on Kafka and, after the thread's first call of this timer, takes no lock. In steady
 * state a timed call allocates nothing, except the lambda that {@link #run} or {@link #call} may
 * allocate when it captures variables.
 */
public interface FunctionTimer {
    /** Returns the function name this timer records, such as {@code worker.compile.cpp}. */
    String function();

    /** Returns what this timer measures per call. */
    TimingMode mode();

    /**
     * Starts timing one call on the current thread. Close the returned span on the same thread when
     * the call ends, normally with try-with-resources.
     */
    Span start();

    /**
     * Runs a block as one timed call; the call counts as an error when the block throws, and the
     * exception propagates unchanged.
     *
     * @param <E> the exception the block may throw
     * @throws E what the block throws
     */
    <E extends Throwable> void run(CheckedRunnable<E> block) throws E;

    /**
     * Runs a block as one timed call and returns its result; the call counts as an error when the
     * block throws, and the exception propagates unchanged.
     *
     * @param <T> result type
     * @param <E> the exception the block may throw
     * @throws E what the block throws
     */
    <T, E extends Throwable> T call(CheckedSupplier<T, E> block) throws E;

    /**
     * Records one call whose wall time was measured elsewhere, such as the time a submission waited
     * in a queue. No CPU time or allocation is recorded for it.
     *
     * @param wallNanos duration of the call in nanoseconds
     * @param failed whether the call failed
     * @throws IllegalArgumentException if {@code wallNanos} is negative
     */
    void record(long wallNanos, boolean failed);
}
