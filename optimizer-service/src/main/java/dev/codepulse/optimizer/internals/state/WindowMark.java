package dev.codepulse.optimizer.internals.state;

/**
 * A window with aggregates waiting for evaluation.
 *
 * @param firstArrivalMs wall-clock time its first aggregate arrived, epoch milliseconds
 */
public record WindowMark(long windowStartMs, long windowEndMs, long firstArrivalMs) {}
