package dev.codepulse.worker.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.worker.language.CppLanguage;
import dev.codepulse.worker.language.JavaLanguage;
import dev.codepulse.worker.language.Language;
import dev.codepulse.worker.language.PythonLanguage;
import dev.codepulse.worker.sandbox.RunLimits;
import dev.codepulse.worker.sandbox.RunResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RunVerdictTest {
    private static final RunLimits LIMITS =
            new RunLimits(1000, 2000, 64L << 20, 1 << 20, 64, 128, 1 << 20, 8 << 20);
    private static final Language PYTHON = new PythonLanguage();

    private static RunResult run(
            Integer exitCode,
            Integer signal,
            long cpuMs,
            LimitKind stoppedBy,
            boolean oom,
            boolean pids,
            String stderr) {
        return new RunResult(
                exitCode,
                signal,
                cpuMs,
                10,
                1 << 20,
                new byte[0],
                0,
                stderr.getBytes(StandardCharsets.UTF_8),
                stderr.length(),
                stoppedBy,
                oom,
                pids);
    }

    private static RunVerdict classify(RunResult run, Language language) {
        return RunVerdict.classify(run, LIMITS, language);
    }

    @Test
    void shouldLeaveCleanRunToOutputComparison() {
        RunVerdict verdict = classify(run(0, null, 10, null, false, false, ""), PYTHON);

        assertThat(verdict).isEqualTo(new RunVerdict(null, null));
    }

    @Test
    void shouldNameLimitThatStoppedRun() {
        assertThat(classify(run(null, 9, 10, LimitKind.OUTPUT, false, false, ""), PYTHON))
                .isEqualTo(new RunVerdict(Verdict.OUTPUT_LIMIT_EXCEEDED, LimitKind.OUTPUT));
        assertThat(classify(run(null, 9, 1001, LimitKind.CPU_TIME, false, false, ""), PYTHON))
                .isEqualTo(new RunVerdict(Verdict.TIME_LIMIT_EXCEEDED, LimitKind.CPU_TIME));
        assertThat(classify(run(null, 9, 5, LimitKind.WALL_TIME, false, false, ""), PYTHON))
                .isEqualTo(new RunVerdict(Verdict.TIME_LIMIT_EXCEEDED, LimitKind.WALL_TIME));
        assertThat(classify(run(null, 9, 5, null, true, false, ""), PYTHON))
                .isEqualTo(new RunVerdict(Verdict.MEMORY_LIMIT_EXCEEDED, LimitKind.MEMORY));
    }

    @Test
    void shouldJudgeCpuOverrunAfterCleanExit() {
        RunVerdict verdict = classify(run(0, null, 1001, null, false, false, ""), PYTHON);

        assertThat(verdict)
                .isEqualTo(new RunVerdict(Verdict.TIME_LIMIT_EXCEEDED, LimitKind.CPU_TIME));
    }

    @Test
    void shouldMapRlimitSignals() {
        assertThat(classify(run(null, RunResult.SIGXCPU, 900, null, false, false, ""), PYTHON))
                .isEqualTo(new RunVerdict(Verdict.TIME_LIMIT_EXCEEDED, LimitKind.CPU_TIME));
        assertThat(classify(run(null, RunResult.SIGXFSZ, 10, null, false, false, ""), PYTHON))
                .isEqualTo(new RunVerdict(Verdict.OUTPUT_LIMIT_EXCEEDED, LimitKind.FILE_SIZE));
    }

    @Test
    void shouldRecognizeLanguageMemoryErrors() {
        String java = "Terminating due to java.lang.OutOfMemoryError: Java heap space\n";
        String python =
                "Traceback (most recent call last):\n  File \"main.py\", line 1\nMemoryError\n";
        String cpp = "terminate called after throwing an instance of 'std::bad_alloc'\n";

        assertThat(
                        classify(run(3, null, 10, null, false, false, java), new JavaLanguage())
                                .verdict())
                .isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        assertThat(classify(run(1, null, 10, null, false, false, python), PYTHON).verdict())
                .isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        assertThat(classify(run(null, 6, 10, null, false, false, cpp), new CppLanguage()).verdict())
                .isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
    }

    @Test
    void shouldIgnoreMemoryErrorTextOfSuccessfulRun() {
        RunVerdict verdict =
                classify(run(0, null, 10, null, false, false, "MemoryError\n"), PYTHON);

        assertThat(verdict.verdict()).isNull();
    }

    @Test
    void shouldReportRuntimeErrors() {
        assertThat(classify(run(3, null, 10, null, false, false, ""), PYTHON))
                .isEqualTo(new RunVerdict(Verdict.RUNTIME_ERROR, null));
        assertThat(classify(run(null, 11, 10, null, false, false, ""), PYTHON))
                .isEqualTo(new RunVerdict(Verdict.RUNTIME_ERROR, null));
        assertThat(classify(run(1, null, 10, null, false, true, ""), PYTHON))
                .isEqualTo(new RunVerdict(Verdict.RUNTIME_ERROR, LimitKind.PROCESSES));
    }
}
