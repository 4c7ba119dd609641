package dev.codepulse.worker;

import dev.codepulse.schemas.CompileResult;
import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import dev.codepulse.schemas.TestResult;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.worker.judge.TestJudge;
import dev.codepulse.worker.language.Language;
import dev.codepulse.worker.language.MemoryModel;
import dev.codepulse.worker.sandbox.RunLimits;
import dev.codepulse.worker.sandbox.RunRequest;
import dev.codepulse.worker.sandbox.RunResult;
import dev.codepulse.worker.sandbox.SandboxException;
import dev.codepulse.worker.sandbox.SandboxSlot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles and runs one valid submission in one leased slot, stopping at the first failing test.
 * One use.
 */
final class SubmissionRun {
    private static final Logger log = LoggerFactory.getLogger(SubmissionRun.class);

    private final Submission submission;
    private final Language language;
    private final SandboxSlot slot;
    private final ExecutionConfig config;
    private final TestJudge judge;
    private final PhaseTimer timer;
    private final IsolationLevel isolation;
    private final List<TestResult> results = new ArrayList<>();
    private CompileResult compile;

    SubmissionRun(
            Submission submission,
            Language language,
            SandboxSlot slot,
            ExecutionConfig config,
            TestJudge judge,
            PhaseTimer timer,
            IsolationLevel isolation) {
        this.submission = submission;
        this.language = language;
        this.slot = slot;
        this.config = config;
        this.judge = judge;
        this.timer = timer;
        this.isolation = isolation;
    }

    /**
     * Returns the outcome; a platform failure becomes INTERNAL_ERROR with the results so far. When
     * interrupted, returns INTERNAL_ERROR and leaves the thread's interrupt flag set.
     */
    ExecutionOutcome execute() {
        try {
            slot.writeFile(
                    language.sourceFileName(),
                    submission.getSource().getBytes(StandardCharsets.UTF_8));
            Optional<List<String>> compileCommand = language.compileCommand(slot.workDir());
            if (compileCommand.isPresent()) {
                compile = compile(compileCommand.get());
                if (!compile.getSucceeded()) {
                    return outcome(Verdict.COMPILE_ERROR, null);
                }
            }
            for (TestCase test : submission.getTests()) {
                TestResult result = runTest(test);
                results.add(result);
                if (result.getVerdict() != Verdict.ACCEPTED) {
                    return outcome(result.getVerdict(), result.getLimitExceeded());
                }
            }
            return outcome(Verdict.ACCEPTED, null);
        } catch (SandboxException e) {
            log.error(
                    "Execution failed on the platform's side: submissionId={} language={} uid={}",
                    submission.getId(),
                    language.id(),
                    slot.uid(),
                    e);
            return failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("the worker was interrupted while executing the submission");
        }
    }

    private CompileResult compile(List<String> command) throws InterruptedException {
        RunLimits limits = config.compileLimits();
        RunRequest request =
                RunRequest.builder(command, limits)
                        .writableWorkDir(true)
                        .mergeStderr(true)
                        .environment(language.environment())
                        .retain(
                                config.getInt(
                                        ExecutionConfig.REPORT_COMPILE_OUTPUT_MAX_BYTES_CONFIG),
                                0)
                        .addressSpaceFallback(language.memoryModel() != MemoryModel.CGROUP_ONLY)
                        .build();
        try (PhaseTimer.Phase phase = timer.start(PhaseTimer.COMPILE)) {
            RunResult run = runMarkingFailure(phase, request);
            return judge.compileResult(run, limits);
        }
    }

    private TestResult runTest(TestCase test) throws InterruptedException {
        RunLimits limits = config.runLimits(submission.getLimits());
        int excerpt = config.getInt(ExecutionConfig.REPORT_EXCERPT_MAX_BYTES_CONFIG);
        RunRequest request =
                RunRequest.builder(
                                language.runCommand(slot.workDir(), limits.memoryBytes()), limits)
                        .stdin(test.getStdin().getBytes(StandardCharsets.UTF_8))
                        .environment(language.environment())
                        .retain(limits.outputBytes(), excerpt)
                        .addressSpaceFallback(language.memoryModel() != MemoryModel.CGROUP_ONLY)
                        .build();
        RunResult run;
        try (PhaseTimer.Phase phase = timer.start(PhaseTimer.RUN)) {
            run = runMarkingFailure(phase, request);
        }
        try (PhaseTimer.Phase phase = timer.start(PhaseTimer.JUDGE)) {
            return judge.judge(test, run, limits, language, submission.getCheckerMode());
        }
    }

    private RunResult runMarkingFailure(PhaseTimer.Phase phase, RunRequest request)
            throws InterruptedException {
        try {
            return slot.run(request);
        } catch (SandboxException | InterruptedException e) {
            phase.failed();
            throw e;
        }
    }

    private ExecutionOutcome outcome(Verdict verdict, LimitKind limit) {
        return new ExecutionOutcome(
                verdict, limit, null, compile, results, language.toolchain().display(), isolation);
    }

    private ExecutionOutcome failed(String reason) {
        return ExecutionOutcome.internalError(
                reason, compile, results, language.toolchain().display(), isolation);
    }
}
