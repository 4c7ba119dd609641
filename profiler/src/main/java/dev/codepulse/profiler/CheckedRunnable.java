package dev.codepulse.profiler;

/**
 * A block of code without a result that may throw a checked exception.
 *
 * @param <E> the exception the block may throw; {@link RuntimeException} when it throws none
 */
@FunctionalInterface
public interface CheckedRunnable<E extends Throwable> {
    /** Runs the block. */
    void run() throws E;
}
