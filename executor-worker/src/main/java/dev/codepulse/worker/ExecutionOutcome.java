package dev.codepulse.worker;

import dev.codepulse.schemas.CompileResult;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.TestResult;
import dev.codepulse.schemas.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * The judged outcome of one submission: every field of an {@link ExecutionReport} that depends on
 * running it, without the Kafka, timing and cache fields.
 *
 * @param verdict ACCEPTED when every test passed, else the verdict of the first failing test, or
 *     COMPILE_ERROR, REJECTED or INTERNAL_ERROR
 * @param limitExceeded the limit behind a TIME_LIMIT_EXCEEDED, MEMORY_LIMIT_EXCEEDED or
 *     OUTPUT_LIMIT_EXCEEDED verdict, or PROCESSES behind a RUNTIME_ERROR caused by the process
 *     limit; null otherwise
 * @param reason one sentence saying why, for REJECTED and INTERNAL_ERROR; null otherwise
 * @param compile the compile step's result; null for interpreted languages and when nothing ran
 * @param tests the results of the tests that ran, in order, up to the first failing one
 * @param toolchain the language's toolchain, such as g++ 12.2.0; empty for an unknown language
 * @param isolationLevel the sandbox isolation the worker applied
 */
public record ExecutionOutcome(
        Verdict verdict,
        LimitKind limitExceeded,
        String reason,
        CompileResult compile,
        List<TestResult> tests,
        String toolchain,
        IsolationLevel isolationLevel) {

    public ExecutionOutcome {
        Objects.requireNonNull(verdict, "verdict can't be null");
        tests = List.copyOf(tests);
        Objects.requireNonNull(toolchain, "toolchain can't be null");
        Objects.requireNonNull(isolationLevel, "isolationLevel can't be null");
    }

    static ExecutionOutcome rejected(String reason, String toolchain, IsolationLevel isolation) {
        return new ExecutionOutcome(
                Verdict.REJECTED, null, reason, null, List.of(), toolchain, isolation);
    }

    static ExecutionOutcome internalError(
            String reason,
            CompileResult compile,
            List<TestResult> tests,
            String toolchain,
            IsolationLevel isolation) {
        return new ExecutionOutcome(
                Verdict.INTERNAL_ERROR, null, reason, compile, tests, toolchain, isolation);
    }

    /**
     * Returns true when running the same submission again on the same toolchain gives the same
     * outcome, so it may be cached: not for INTERNAL_ERROR, which the platform caused, nor for a
     * wall-clock kill, which depends on the host's load.
     *
     * <p>NOTE: CPU-time verdicts close to the limit can still differ between runs.
     */
    public boolean deterministic() {
        return verdict != Verdict.INTERNAL_ERROR && limitExceeded != LimitKind.WALL_TIME;
    }

    /**
     * Copies this outcome's fields into a report builder: verdict, limitExceeded, reason, compile,
     * tests, toolchain and isolationLevel. The caller sets the rest.
     */
    public ExecutionReport.Builder applyTo(ExecutionReport.Builder report) {
        return report.setVerdict(verdict)
                .setLimitExceeded(limitExceeded)
                .setReason(reason)
                .setCompile(compile)
                .setTests(tests)
                .setToolchain(toolchain)
                .setIsolationLevel(isolationLevel);
    }
}
