package dev.codepulse.worker.pipeline;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;

/**
 * Judges one decoded submission. Called from an execution slot thread; must not throw for anything
 * the submission itself causes (invalid input becomes a REJECTED report), and should return
 * promptly after the thread is interrupted, which is how the pipeline cancels work.
 */
@FunctionalInterface
public interface SubmissionHandler {
    /**
     * Returns the report to publish for {@code submission}.
     *
     * @param context where the record came from and when the worker picked it up
     */
    ExecutionReport handle(Submission submission, RecordContext context)
            throws InterruptedException;
}
