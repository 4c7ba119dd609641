package dev.codepulse.worker.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.CompileResult;
import dev.codepulse.schemas.LimitKind;
import dev.codepulse.schemas.TestCase;
import dev.codepulse.schemas.TestResult;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.worker.language.PythonLanguage;
import dev.codepulse.worker.sandbox.RunLimits;
import dev.codepulse.worker.sandbox.RunResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestJudgeTest {
    private static final RunLimits LIMITS =
            new RunLimits(1000, 2000, 64L << 20, 1 << 20, 64, 128, 1 << 20, 8 << 20);
    private static final TestJudge JUDGE = new TestJudge(4, 10);

    private static RunResult finished(String stdout, long stdoutBytes, LimitKind stoppedBy) {
        byte[] bytes = stdout.getBytes(StandardCharsets.UTF_8);
        return new RunResult(
                stoppedBy == null ? 0 : null,
                stoppedBy == null ? null : 9,
                5,
                7,
                1 << 20,
                bytes,
                stdoutBytes,
                new byte[0],
                0,
                stoppedBy,
                false,
                false);
    }

    @Test
    void shouldAcceptMatchingOutputAndCapExcerpt() {
        TestCase test =
                TestCase.newBuilder()
                        .setName("t")
                        .setStdin("")
                        .setExpectedStdout("hello world")
                        .build();

        TestResult result =
                JUDGE.judge(
                        test,
                        finished("hello world\n", 12, null),
                        LIMITS,
                        new PythonLanguage(),
                        CheckerMode.NORMALIZED);

        assertThat(result.getVerdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(result.getStdoutExcerpt()).isEqualTo("hell");
        assertThat(result.getStdoutTruncated()).isTrue();
        assertThat(result.getStderrTruncated()).isFalse();
        assertThat(result.getExitCode()).isZero();
        assertThat(result.getSignal()).isNull();
        assertThat(result.getCpuMs()).isEqualTo(5);
        assertThat(result.getWallMs()).isEqualTo(7);
    }

    @Test
    void shouldCapCompileOutputAndMarkTruncation() {
        CompileResult result =
                JUDGE.compileResult(finished("0123456789abcdef", 5000, null), LIMITS);

        assertThat(result.getSucceeded()).isTrue();
        assertThat(result.getOutput()).isEqualTo("0123456789");
        assertThat(result.getOutputTruncated()).isTrue();
    }

    @Test
    void shouldExplainStoppedCompiler() {
        CompileResult result = JUDGE.compileResult(finished("err", 3, LimitKind.CPU_TIME), LIMITS);

        assertThat(result.getSucceeded()).isFalse();
        assertThat(result.getOutput())
                .isEqualTo(
                        "err\ncompilation stopped: the compiler passed the compile CPU limit of 1000 ms");
        assertThat(result.getOutputTruncated()).isFalse();
        assertThat(result.getExitCode()).isNull();
    }
}
