package dev.codepulse.optimizer.internals.state;

/**
 * An aggregate waiting for its window to be evaluated.
 *
 * @param kind {@code language} or {@code function}
 * @param name language id or function name
 * @param avro the aggregate in Avro single-object encoding
 */
public record PendingAggregate(
        String kind, String name, long windowStartMs, long windowEndMs, byte[] avro) {}
