package dev.codepulse.worker;

import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.Submission;
import dev.codepulse.worker.judge.SubmissionValidator;
import dev.codepulse.worker.judge.TestJudge;
import dev.codepulse.worker.language.Language;
import dev.codepulse.worker.language.Languages;
import dev.codepulse.worker.sandbox.Sandbox;
import dev.codepulse.worker.sandbox.SandboxCapabilities;
import dev.codepulse.worker.sandbox.SandboxException;
import dev.codepulse.worker.sandbox.SandboxSlot;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes submissions synchronously: validates, compiles, runs each test in the sandbox, and
 * judges, stopping at the first failing test. Thread-safe: up to {@code executor.slots} threads
 * execute at once, and further callers wait for a free slot.
 *
 * <p>{@link #execute} turns a bad submission into REJECTED and a platform failure, including an
 * unexpected exception, into INTERNAL_ERROR, each with a one-sentence reason. Only a null timer and
 * JVM errors such as OutOfMemoryError escape.
 */
public final class SubmissionExecutor implements AutoCloseable {
    /**
     * Version of the execution and judging rules; part of every result-cache key, raised whenever a
     * change could alter the outcome of the same submission.
     */
    public static final String RUNNER_VERSION = "1";

    private static final Logger log = LoggerFactory.getLogger(SubmissionExecutor.class);

    private final ExecutionConfig config;
    private final Languages languages;
    private final Sandbox sandbox;
    private final SubmissionValidator validator;
    private final TestJudge judge;

    private SubmissionExecutor(ExecutionConfig config, Languages languages, Sandbox sandbox) {
        this.config = config;
        this.languages = languages;
        this.sandbox = sandbox;
        this.validator = new SubmissionValidator(config.validationRules(), languages.ids());
        this.judge =
                new TestJudge(
                        config.getInt(ExecutionConfig.REPORT_EXCERPT_MAX_BYTES_CONFIG),
                        config.getInt(ExecutionConfig.REPORT_COMPILE_OUTPUT_MAX_BYTES_CONFIG));
    }

    /**
     * Finds every configured language's toolchain, probes and prepares the sandbox, and logs what
     * it found.
     *
     * @throws org.apache.kafka.common.config.ConfigException if a language key is invalid
     * @throws ToolchainUnavailableException if a configured toolchain is missing
     * @throws SandboxUnavailableException if the sandbox cannot isolate programs and {@code
     *     sandbox.allow.insecure} is false, or cannot be prepared
     */
    public static SubmissionExecutor start(ExecutionConfig config) {
        Objects.requireNonNull(config, "config can't be null");
        Languages languages = Languages.load(config.languages(), config::languageConfigs);
        Sandbox sandbox = Sandbox.start(config.sandboxSettings(languages.sandboxPaths()));
        log.info(
                "Submission executor started: slots={} isolation={} languages={} runnerVersion={}",
                sandbox.slotCount(),
                sandbox.isolationLevel(),
                languages.ids(),
                RUNNER_VERSION);
        return new SubmissionExecutor(config, languages, sandbox);
    }

    /**
     * Executes a submission without timing its phases; see {@link #execute(Submission,
     * PhaseTimer)}.
     */
    public ExecutionOutcome execute(Submission submission) {
        return execute(submission, PhaseTimer.NONE);
    }

    /**
     * Executes a submission, waiting for a free slot first, and reports its compile, run and judge
     * phases to {@code timer} on the calling thread.
     *
     * <p>When the thread is interrupted, returns INTERNAL_ERROR and leaves the interrupt flag set.
     */
    public ExecutionOutcome execute(Submission submission, PhaseTimer timer) {
        Objects.requireNonNull(timer, "timer can't be null");
        String toolchain = "";
        try {
            Optional<String> rejection = validator.validate(submission);
            Optional<Language> language =
                    submission == null
                            ? Optional.empty()
                            : languages.find(submission.getLanguage());
            toolchain = language.map(found -> found.toolchain().display()).orElse("");
            if (rejection.isPresent()) {
                log.debug(
                        "Submission rejected: submissionId={} reason={}",
                        idOf(submission),
                        rejection.get());
                return ExecutionOutcome.rejected(rejection.get(), toolchain, isolationLevel());
            }
            return executeValid(submission, language.orElseThrow(), timer);
        } catch (RuntimeException e) {
            log.error("Execution failed unexpectedly: submissionId={}", idOf(submission), e);
            return ExecutionOutcome.internalError(
                    "the worker failed unexpectedly: " + e,
                    null,
                    List.of(),
                    toolchain,
                    isolationLevel());
        }
    }

    private ExecutionOutcome executeValid(
            Submission submission, Language language, PhaseTimer timer) {
        SandboxSlot slot;
        try {
            slot = sandbox.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExecutionOutcome.internalError(
                    "the worker was interrupted while waiting for a sandbox slot",
                    null,
                    List.of(),
                    language.toolchain().display(),
                    isolationLevel());
        }
        try {
            ExecutionOutcome outcome =
                    new SubmissionRun(
                                    submission,
                                    language,
                                    slot,
                                    config,
                                    judge,
                                    timer,
                                    isolationLevel())
                            .execute();
            log.debug(
                    "Submission executed: submissionId={} language={} verdict={} tests={}",
                    submission.getId(),
                    language.id(),
                    outcome.verdict(),
                    outcome.tests().size());
            return outcome;
        } finally {
            release(slot);
        }
    }

    private static void release(SandboxSlot slot) {
        try {
            slot.close();
        } catch (SandboxException e) {
            log.warn("Could not empty a slot's work directory: uid={}", slot.uid(), e);
        }
    }

    private static String idOf(Submission submission) {
        return submission == null ? "" : submission.getId();
    }

    /**
     * Checks a submission without running it.
     *
     * @return the REJECTED outcome with its reason, or empty when the submission may run
     */
    public Optional<ExecutionOutcome> rejection(Submission submission) {
        Optional<String> reason = validator.validate(submission);
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        String toolchain =
                submission == null
                        ? ""
                        : languages
                                .find(submission.getLanguage())
                                .map(found -> found.toolchain().display())
                                .orElse("");
        return Optional.of(ExecutionOutcome.rejected(reason.get(), toolchain, isolationLevel()));
    }

    /** Returns the isolation every execution gets. */
    public IsolationLevel isolationLevel() {
        return sandbox.isolationLevel();
    }

    /** Returns what the sandbox probe found at start. */
    public SandboxCapabilities sandboxCapabilities() {
        return sandbox.capabilities();
    }

    /** Returns the ids of the languages offered. */
    public Set<String> languages() {
        return languages.ids();
    }

    /** Returns the cache-key facts of one language, or empty when it is not offered. */
    public Optional<LanguageInfo> language(String id) {
        return languages
                .find(id)
                .map(
                        language ->
                                new LanguageInfo(
                                        language.id(),
                                        language.toolchain().display(),
                                        language.toolchain().version(),
                                        language.compileFlags(),
                                        language.runFlags()));
    }

    /** Returns the number of submissions that can execute at once. */
    public int slots() {
        return sandbox.slotCount();
    }

    /** Releases the sandbox; call it after every {@link #execute} call has returned. */
    @Override
    public void close() {
        sandbox.close();
    }
}
