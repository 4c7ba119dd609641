package dev.codepulse.profiler;

/**
 * One timed call, open from {@link FunctionTimer#start()} until {@link #close()}. Use it with
 * try-with-resources:
 *
 * <pre>{@code
 * try (Span span = compileTimer.start()) {
 *     CompileResult result = compiler.compile(source);
 *     if (!result.succeeded()) {
 *         span.markError();
 *     }
 * }
 * }</pre>
 *
 * <p>A span belongs to the thread that started it: mark and close it on that thread only. For a
 * call that ends on another thread, such as an asynchronous request, measure the duration yourself
 * and pass it to {@link FunctionTimer#record(long, boolean)}. The object may be reused for the next
 * span of the same timer on the same thread, so do not keep it after closing it. Spans of one timer
 * nest on one thread (recursion), and {@link #markError()} marks the innermost open one.
 */
public interface Span extends AutoCloseable {
    /**
     * Marks this call as failed, so it counts in the sample's errors. try-with-resources cannot see
     * an exception thrown by its block: call this in a catch clause, or time the block with {@link
     * FunctionTimer#run(CheckedRunnable)} or {@link FunctionTimer#call(CheckedSupplier)}, which
     * mark thrown exceptions themselves.
     */
    void markError();

    /**
     * Ends the call and records it. Close each span once: because nested spans of one timer share
     * the object, an extra close ends the enclosing span. A close with no open span of this timer
     * on the thread is ignored.
     */
    @Override
    void close();
}
