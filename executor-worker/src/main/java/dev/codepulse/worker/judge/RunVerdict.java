package dev.codepulse.worker.judge;

import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.worker.language.Language;
import dev.codepulse.worker.sandbox.RunLimits;
import dev.codepulse.worker.sandbox.RunResult;

/**
 * The verdict of one run before its output is compared, and the limit behind it.
 *
 * @param verdict null when the run ended cleanly within its limits, so its output decides
 * @param limit the limit that fired, or null
 */
public record RunVerdict(Verdict verdict, LimitKind limit) {

    /**
     * Classifies a run, first match wins:
     *
     * <ol>
     *   <li>the sandbox stopped it at the output limit: OUTPUT_LIMIT_EXCEEDED (OUTPUT);
     *   <li>the memory cgroup killed a process: MEMORY_LIMIT_EXCEEDED (MEMORY);
     *   <li>the sandbox stopped it at the CPU limit, SIGXCPU ended it, or it used more CPU than
     *       allowed: TIME_LIMIT_EXCEEDED (CPU_TIME);
     *   <li>the sandbox stopped it at the wall-clock limit: TIME_LIMIT_EXCEEDED (WALL_TIME);
     *   <li>SIGXFSZ ended it: OUTPUT_LIMIT_EXCEEDED (FILE_SIZE);
     *   <li>it failed and the language recognizes a memory error: MEMORY_LIMIT_EXCEEDED (MEMORY);
     *   <li>it failed otherwise: RUNTIME_ERROR, with PROCESSES when a fork hit the process limit;
     *   <li>else null: the output decides.
     * </ol>
     */
    public static RunVerdict classify(RunResult run, RunLimits limits, Language language) {
        LimitKind stoppedBy = run.stoppedBy();
        Integer signal = run.signal();
        if (stoppedBy == LimitKind.OUTPUT) {
            return new RunVerdict(Verdict.OUTPUT_LIMIT_EXCEEDED, LimitKind.OUTPUT);
        }
        if (run.memoryLimitHit()) {
            return new RunVerdict(Verdict.MEMORY_LIMIT_EXCEEDED, LimitKind.MEMORY);
        }
        if (stoppedBy == LimitKind.CPU_TIME
                || isSignal(signal, RunResult.SIGXCPU)
                || run.cpuMs() > limits.cpuMs()) {
            return new RunVerdict(Verdict.TIME_LIMIT_EXCEEDED, LimitKind.CPU_TIME);
        }
        if (stoppedBy == LimitKind.WALL_TIME) {
            return new RunVerdict(Verdict.TIME_LIMIT_EXCEEDED, LimitKind.WALL_TIME);
        }
        if (isSignal(signal, RunResult.SIGXFSZ)) {
            return new RunVerdict(Verdict.OUTPUT_LIMIT_EXCEEDED, LimitKind.FILE_SIZE);
        }
        boolean failed = signal != null || run.exitCode() == null || run.exitCode() != 0;
        if (failed && language.isMemoryError(run)) {
            return new RunVerdict(Verdict.MEMORY_LIMIT_EXCEEDED, LimitKind.MEMORY);
        }
        if (failed) {
            return new RunVerdict(
                    Verdict.RUNTIME_ERROR, run.processLimitHit() ? LimitKind.PROCESSES : null);
        }
        return new RunVerdict(null, null);
    }

    private static boolean isSignal(Integer signal, int expected) {
        return signal != null && signal == expected;
    }
}
