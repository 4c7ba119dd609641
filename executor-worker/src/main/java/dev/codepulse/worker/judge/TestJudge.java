package dev.codepulse.worker.judge;

import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.CompileResult;
import dev.codepulse.schemas.TestCase;
import dev.codepulse.schemas.TestResult;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.worker.language.Language;
import dev.codepulse.worker.sandbox.RunLimits;
import dev.codepulse.worker.sandbox.RunResult;

/** Turns sandbox results into the report's test and compile results. */
public final class TestJudge {
    private final int excerptBytes;
    private final int compileOutputBytes;

    /**
     * @param excerptBytes size of the stdout and stderr excerpts of each test result, in bytes
     * @param compileOutputBytes size of the compiler output kept in a compile result, in bytes
     */
    public TestJudge(int excerptBytes, int compileOutputBytes) {
        this.excerptBytes = excerptBytes;
        this.compileOutputBytes = compileOutputBytes;
    }

    /** Judges one test run: limits and failures first, then the output under {@code mode}. */
    public TestResult judge(
            TestCase test, RunResult run, RunLimits limits, Language language, CheckerMode mode) {
        RunVerdict classified = RunVerdict.classify(run, limits, language);
        Verdict verdict = classified.verdict();
        if (verdict == null) {
            verdict =
                    OutputChecker.matches(run.stdout(), test.getExpectedStdout(), mode)
                            ? Verdict.ACCEPTED
                            : Verdict.WRONG_ANSWER;
        }
        return TestResult.newBuilder()
                .setName(test.getName())
                .setVerdict(verdict)
                .setLimitExceeded(classified.limit())
                .setCpuMs(run.cpuMs())
                .setWallMs(run.wallMs())
                .setPeakMemoryBytes(run.peakMemoryBytes())
                .setExitCode(run.exitCode())
                .setSignal(run.signal())
                .setStdoutExcerpt(Excerpts.utf8Prefix(run.stdout(), excerptBytes))
                .setStdoutTruncated(run.stdoutBytes() > Math.min(excerptBytes, run.stdout().length))
                .setStderrExcerpt(Excerpts.utf8Prefix(run.stderr(), excerptBytes))
                .setStderrTruncated(run.stderrBytes() > Math.min(excerptBytes, run.stderr().length))
                .build();
    }

    /**
     * Builds the compile result of a compile run whose stdout contains the merged compiler output.
     * When a limit stopped the compiler, a last line names the limit.
     */
    public CompileResult compileResult(RunResult run, RunLimits limits) {
        String output = Excerpts.utf8Prefix(run.stdout(), compileOutputBytes);
        boolean truncated = run.stdoutBytes() > Math.min(compileOutputBytes, run.stdout().length);
        String stopped = stopNote(run, limits);
        if (stopped != null) {
            output = output + (output.isEmpty() || output.endsWith("\n") ? "" : "\n") + stopped;
        }
        return CompileResult.newBuilder()
                .setSucceeded(run.succeeded() && !run.memoryLimitHit())
                .setWallMs(run.wallMs())
                .setCpuMs(run.cpuMs())
                .setPeakMemoryBytes(run.peakMemoryBytes())
                .setExitCode(run.exitCode())
                .setOutput(output)
                .setOutputTruncated(truncated)
                .build();
    }

    private static String stopNote(RunResult run, RunLimits limits) {
        if (run.memoryLimitHit()) {
            return "compilation stopped: the compiler passed the compile memory limit of "
                    + limits.memoryBytes()
                    + " bytes";
        }
        if (run.stoppedBy() == null) {
            return null;
        }
        return switch (run.stoppedBy()) {
            case CPU_TIME ->
                    "compilation stopped: the compiler passed the compile CPU limit of "
                            + limits.cpuMs()
                            + " ms";
            case WALL_TIME ->
                    "compilation stopped: the compiler passed the compile wall-clock"
                            + " limit of "
                            + limits.wallMs()
                            + " ms";
            case OUTPUT ->
                    "compilation stopped: the compiler wrote more than "
                            + limits.outputBytes()
                            + " bytes of diagnostics";
            default -> "compilation stopped by the " + run.stoppedBy() + " limit";
        };
    }
}
