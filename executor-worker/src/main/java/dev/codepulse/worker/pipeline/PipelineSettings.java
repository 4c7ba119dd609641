package dev.codepulse.worker.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the consume-execute-produce loop.
 *
 * @param slots submissions executed at the same time
 * @param maxInFlight records fetched but not yet committed before the loop pauses fetching; at
 *     least {@code slots}
 * @param commitInterval how often completed reports and their offsets are committed in one
 *     transaction
 * @param shutdownTimeout how long a stopping worker lets running submissions finish before it
 *     cancels them
 * @param maxCommitAttempts consecutive failed transactions before the loop gives up
 */
public record PipelineSettings(
        int slots,
        int maxInFlight,
        Duration commitInterval,
        Duration shutdownTimeout,
        int maxCommitAttempts) {
    public PipelineSettings {
        Objects.requireNonNull(commitInterval, "commitInterval can't be null");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout can't be null");
        if (slots < 1) {
            throw new IllegalArgumentException("Invalid slots " + slots + "; expected at least 1");
        }
        if (maxInFlight < slots) {
            throw new IllegalArgumentException(
                    "Invalid maxInFlight "
                            + maxInFlight
                            + "; expected at least slots ("
                            + slots
                            + ")");
        }
        if (maxCommitAttempts < 1) {
            throw new IllegalArgumentException(
                    "Invalid maxCommitAttempts " + maxCommitAttempts + "; expected at least 1");
        }
    }
}
