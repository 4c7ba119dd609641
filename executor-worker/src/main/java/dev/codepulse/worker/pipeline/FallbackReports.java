package dev.codepulse.worker.pipeline;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;

/** Builds the report of a submission whose handling failed inside the worker. */
@FunctionalInterface
public interface FallbackReports {
    /** Returns an INTERNAL_ERROR report for {@code submission} carrying {@code reason}. */
    ExecutionReport internalError(Submission submission, RecordContext context, String reason);
}
