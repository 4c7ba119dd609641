package dev.codepulse.worker.pipeline;

import dev.codepulse.profiler.FunctionTimer;
import java.util.Objects;

/**
 * Profiler timers of the pipeline's own phases.
 *
 * @param poll fetching submissions from the broker
 * @param decode decoding one submission record
 * @param publish one transaction: reports, dead letters and offsets
 */
public record PipelineTimers(FunctionTimer poll, FunctionTimer decode, FunctionTimer publish) {
    public PipelineTimers {
        Objects.requireNonNull(poll, "poll can't be null");
        Objects.requireNonNull(decode, "decode can't be null");
        Objects.requireNonNull(publish, "publish can't be null");
    }
}
