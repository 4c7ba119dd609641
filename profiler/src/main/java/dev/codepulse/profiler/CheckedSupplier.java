package dev.codepulse.profiler;

/**
 * A block of code with a result that may throw a checked exception.
 *
 * @param <T> result type
 * @param <E> the exception the block may throw; {@link RuntimeException} when it throws none
 */
@FunctionalInterface
public interface CheckedSupplier<T, E extends Throwable> {
    /** Runs the block and returns its result. */
    T get() throws E;
}
