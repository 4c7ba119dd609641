package dev.codepulse.streams;

/**
 * Partition counts of the source topics. The aggregation waits for every source partition before
 * closing a window by stream time, so it needs to know how many there are.
 *
 * @param reports partitions of execution-reports
 * @param samples partitions of function-samples
 */
public record SourcePartitions(int reports, int samples) {
    /**
     * @throws IllegalArgumentException if a count is below 1
     */
    public SourcePartitions {
        if (reports < 1 || samples < 1) {
            throw new IllegalArgumentException(
                    "Invalid source partitions reports="
                            + reports
                            + " samples="
                            + samples
                            + "; each topic has at least 1 partition");
        }
    }
}
