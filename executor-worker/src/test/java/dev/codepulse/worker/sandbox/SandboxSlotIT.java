package dev.codepulse.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.worker.ExecutionConfig;
import dev.codepulse.worker.sandbox.internals.HostFacts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox slot on its own, below the executor: runs, work directory and cleanup. */
class SandboxSlotIT {
    private static final RunLimits LIMITS =
            new RunLimits(2_000, 5_000, 64L << 20, 1 << 20, 16, 64, 1 << 20, 8 << 20);
    private static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin");

    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        if (!HostFacts.isRoot() || !HostFacts.isExecutable(Path.of("/usr/bin/bwrap"))) {
            fail(
                    "These tests need root and bubblewrap at /usr/bin/bwrap (apt-get install bubblewrap).");
        }
        ExecutionConfig config =
                new ExecutionConfig(Map.of(ExecutionConfig.EXECUTOR_SLOTS_CONFIG, 1));
        sandbox = Sandbox.start(config.sandboxSettings(List.of()));
    }

    @AfterAll
    static void closeSandbox() {
        sandbox.close();
    }

    private static RunResult run(SandboxSlot slot, boolean writable, String script)
            throws Exception {
        RunRequest request =
                RunRequest.builder(List.of("/bin/sh", "-c", script), LIMITS)
                        .environment(ENVIRONMENT)
                        .writableWorkDir(writable)
                        .retain(4096, 4096)
                        .build();
        return slot.run(request);
    }

    private static String stdout(RunResult result) {
        return new String(result.stdout(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldRunManyShortProgramsInARow() throws Exception {
        int succeeded = 0;

        try (SandboxSlot slot = sandbox.acquire()) {
            // Each run leaves a zombie until the host's init reaps it; they must not use up the
            // uid's process limit.
            for (int i = 0; i < 150; i++) {
                if (run(slot, false, "exit 0").succeeded()) {
                    succeeded++;
                }
            }
        }

        assertThat(succeeded).isEqualTo(150);
        assertThat(sandbox.isolationLevel()).isEqualTo(IsolationLevel.FULL);
    }

    @Test
    void shouldLetOnlyCompileStepsWriteWorkDir() throws Exception {
        try (SandboxSlot slot = sandbox.acquire()) {
            RunResult compile = run(slot, true, "echo built > /work/program && cat /work/program");
            RunResult test = run(slot, false, "cat /work/program; echo changed > /work/program");

            assertThat(compile.succeeded()).as(stdout(compile)).isTrue();
            assertThat(stdout(test)).isEqualTo("built\n");
            assertThat(test.exitCode()).isNotZero();
            assertThat(new String(test.stderr(), StandardCharsets.UTF_8))
                    .contains("Read-only file system");
        }
    }

    @Test
    void shouldEmptyWorkDirBetweenLeases() throws Exception {
        Path hostWorkDir;
        try (SandboxSlot slot = sandbox.acquire()) {
            hostWorkDir = slot.hostWorkDir();
            slot.writeFile(
                    "main.c", "int main(void) { return 0; }".getBytes(StandardCharsets.UTF_8));
            run(slot, true, "mkdir -p /work/a/b && echo x > /work/a/b/c");
        }

        try (var entries = Files.list(hostWorkDir)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void shouldCountOutputBeyondRetainedBytes() throws Exception {
        RunResult result;
        try (SandboxSlot slot = sandbox.acquire()) {
            result = run(slot, false, "head -c 100000 /dev/zero; head -c 10 /dev/zero >&2");
        }

        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout()).hasSize(4096);
        assertThat(result.stdoutBytes()).isEqualTo(100_000);
        assertThat(result.stdoutTruncated()).isTrue();
        assertThat(result.stderrBytes()).isEqualTo(10);
        assertThat(result.stderrTruncated()).isFalse();
    }

    @Test
    void shouldFeedStdinLargerThanPipeBuffer() throws Exception {
        byte[] input = new byte[1 << 20];
        RunResult result;
        try (SandboxSlot slot = sandbox.acquire()) {
            RunRequest request =
                    RunRequest.builder(List.of("/usr/bin/wc", "-c"), LIMITS)
                            .stdin(input)
                            .environment(ENVIRONMENT)
                            .retain(4096, 4096)
                            .build();
            result = slot.run(request);
        }

        assertThat(stdout(result).strip()).isEqualTo(Integer.toString(input.length));
    }

    @Test
    void shouldRunCommandThatSpareCannotCarry() throws Exception {
        RunResult result;
        try (SandboxSlot slot = sandbox.acquire()) {
            // A line break in an argument cannot be sent to a waiting spare, so the chain starts
            // at run time instead.
            result = run(slot, false, "echo first\necho second");
        }

        assertThat(result.succeeded()).isTrue();
        assertThat(stdout(result)).isEqualTo("first\nsecond\n");
    }

    @Test
    void shouldMergeStderrIntoStdoutWhenAsked() throws Exception {
        RunResult result;
        try (SandboxSlot slot = sandbox.acquire()) {
            RunRequest request =
                    RunRequest.builder(List.of("/bin/sh", "-c", "echo out; echo err >&2"), LIMITS)
                            .environment(ENVIRONMENT)
                            .mergeStderr(true)
                            .retain(4096, 4096)
                            .build();
            result = slot.run(request);
        }

        assertThat(stdout(result)).isEqualTo("out\nerr\n");
        assertThat(result.stderrBytes()).isZero();
    }
}
