package dev.codepulse.worker.internals;

import dev.codepulse.schemas.CacheOutcome;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.worker.ExecutionOutcome;
import dev.codepulse.worker.LanguageInfo;
import dev.codepulse.worker.PhaseTimer;
import dev.codepulse.worker.SubmissionExecutor;
import dev.codepulse.worker.cache.CacheKey;
import dev.codepulse.worker.cache.CacheResult;
import dev.codepulse.worker.cache.ResultCache;
import dev.codepulse.worker.pipeline.FallbackReports;
import dev.codepulse.worker.pipeline.RecordContext;
import dev.codepulse.worker.pipeline.SubmissionHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges a submission for the pipeline: validation, then the result cache, which runs the executor
 * on a miss, then the per-submission fields of the report (ids, worker, times, cache).
 */
public final class JudgingHandler implements SubmissionHandler, FallbackReports {
    // Separates compile flags from run flags in the cache key, so moving a flag from one list to
    // the other changes the key.
    private static final String RUN_FLAGS_MARKER = "--run-flags--";
    private static final CacheOutcome NOT_LOOKED_UP =
            new CacheOutcome(false, CacheTier.NONE, 0L, false);

    private final SubmissionExecutor executor;
    private final ResultCache cache;
    private final String workerId;
    private final WorkerTimers timers;

    /**
     * @param timers receive the queue time, the cache lookup and the executor's phases
     */
    public JudgingHandler(
            SubmissionExecutor executor, ResultCache cache, String workerId, WorkerTimers timers) {
        this.executor = Objects.requireNonNull(executor, "executor can't be null");
        this.cache = Objects.requireNonNull(cache, "cache can't be null");
        this.workerId = Objects.requireNonNull(workerId, "workerId can't be null");
        this.timers = Objects.requireNonNull(timers, "timers can't be null");
    }

    @Override
    public ExecutionReport handle(Submission submission, RecordContext context)
            throws InterruptedException {
        long startedNanos = System.nanoTime();
        PhaseTimer timer = timers.phases(submission.getLanguage());
        Optional<ExecutionOutcome> rejection = executor.rejection(submission);
        Optional<LanguageInfo> language = executor.language(submission.getLanguage());
        ExecutionReport judged;
        CacheOutcome cacheOutcome;
        if (rejection.isPresent() || language.isEmpty()) {
            judged =
                    toReport(
                            submission,
                            rejection.orElseGet(() -> executor.execute(submission, timer)));
            cacheOutcome = NOT_LOOKED_UP;
        } else {
            CacheKey key =
                    CacheKey.of(
                            submission,
                            language.get().toolchainVersion(),
                            flags(language.get()),
                            SubmissionExecutor.RUNNER_VERSION);
            CacheResult result =
                    cache.lookupOrCompute(
                            key, () -> toReport(submission, executor.execute(submission, timer)));
            judged = result.report();
            cacheOutcome = result.outcome();
            timers.recordCacheLookup(result.lookupMicros());
        }
        if (Thread.interrupted()) {
            // The executor returns INTERNAL_ERROR when interrupted; the pipeline must not publish
            // it, because the submission is redelivered to another worker.
            throw new InterruptedException(
                    "Cancelled while judging submission " + submission.getId());
        }
        ExecutionReport report = complete(judged, submission, context, cacheOutcome, startedNanos);
        timers.recordQueue(report.getQueueMs());
        return report;
    }

    @Override
    public ExecutionReport internalError(
            Submission submission, RecordContext context, String reason) {
        ExecutionOutcome outcome =
                new ExecutionOutcome(
                        Verdict.INTERNAL_ERROR,
                        null,
                        reason,
                        null,
                        List.of(),
                        "",
                        executor.isolationLevel());
        ExecutionReport report = toReport(submission, outcome);
        return complete(report, submission, context, NOT_LOOKED_UP, System.nanoTime());
    }

    private ExecutionReport toReport(Submission submission, ExecutionOutcome outcome) {
        Instant now = Instant.now();
        ExecutionReport.Builder builder =
                ExecutionReport.newBuilder()
                        .setSubmissionId(submission.getId())
                        .setProblemId(submission.getProblemId())
                        .setLanguage(submission.getLanguage())
                        .setQueueMs(0)
                        .setProcessingMicros(0)
                        .setCache(NOT_LOOKED_UP)
                        .setWorkerId(workerId)
                        .setStartedAt(now)
                        .setCompletedAt(now);
        return outcome.applyTo(builder).build();
    }

    private ExecutionReport complete(
            ExecutionReport judged,
            Submission submission,
            RecordContext context,
            CacheOutcome cacheOutcome,
            long startedNanos) {
        Instant completedAt = Instant.now();
        long queueMs =
                Math.max(
                        0,
                        Duration.between(submission.getSubmittedAt(), context.pickedUpAt())
                                .toMillis());
        return ExecutionReport.newBuilder(judged)
                .setSubmissionId(submission.getId())
                .setProblemId(submission.getProblemId())
                .setLanguage(submission.getLanguage())
                .setAttributes(submission.getAttributes())
                .setWorkerId(workerId)
                .setQueueMs(queueMs)
                .setProcessingMicros((System.nanoTime() - startedNanos) / 1_000)
                .setCache(cacheOutcome)
                .setStartedAt(context.pickedUpAt())
                .setCompletedAt(completedAt)
                .build();
    }

    private static List<String> flags(LanguageInfo language) {
        List<String> flags = new ArrayList<>(language.compileFlags());
        flags.add(RUN_FLAGS_MARKER);
        flags.addAll(language.runFlags());
        return flags;
    }
}
