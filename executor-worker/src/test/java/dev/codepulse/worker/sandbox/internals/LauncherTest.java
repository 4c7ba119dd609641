package dev.codepulse.worker.sandbox.internals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codepulse.worker.sandbox.RunLimits;
import dev.codepulse.worker.sandbox.RunRequest;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherTest {
    private static final RunLimits LIMITS =
            new RunLimits(1500, 3000, 64L << 20, 1 << 20, 32, 100, 1 << 20, 8 << 20);
    private static final Path WORK = Path.of("/run/codepulse-sandbox/slot-61000");
    private static final Path STATUS = Path.of("/run/codepulse-sandbox/control/slot-61000.status");
    private static final List<Path> PROCS =
            List.of(Path.of("/sys/fs/cgroup/memory/codepulse/slot-61000/cgroup.procs"));

    private static Launcher full() throws Exception {
        return new Launcher(
                Path.of("/bin/sh"),
                Path.of("/usr/bin/prlimit"),
                Path.of("/usr/bin/setpriv"),
                Path.of("/usr/bin/bwrap"),
                1 << 20,
                List.of(Path.of("/etc/alternatives"), Path.of("/usr/lib/jvm")));
    }

    private static RunRequest request(boolean writable) {
        return RunRequest.builder(List.of("/work/main", "arg"), LIMITS)
                .writableWorkDir(writable)
                .environment(Map.of("PATH", "/usr/bin"))
                .build();
    }

    @Test
    void shouldChainHelpersBeforeProgram() throws Exception {
        List<String> argv = full().command(request(false), 61000, WORK, STATUS, PROCS, true, 0);

        assertThat(argv.subList(0, 2)).containsExactly("/bin/sh", "-c");
        assertThat(argv)
                .containsSubsequence(
                        "/bin/sh",
                        STATUS.toString(),
                        PROCS.get(0).toString(),
                        "--",
                        "/usr/bin/prlimit",
                        "/usr/bin/setpriv",
                        "/usr/bin/bwrap",
                        "--",
                        "/work/main",
                        "arg");
        assertThat(argv.subList(argv.size() - 2, argv.size())).containsExactly("/work/main", "arg");
    }

    @Test
    void shouldSetRlimitsFromLimits() throws Exception {
        List<String> argv = full().command(request(false), 61000, WORK, STATUS, PROCS, true, 0);

        // 1500 ms rounds up to 2 s; the cgroup enforces the exact limit, so RLIMIT_CPU waits 1 s
        // more.
        assertThat(argv)
                .contains(
                        "--cpu=3:4",
                        "--fsize=1048576",
                        "--nofile=100",
                        "--nproc=" + (32 + Launcher.ZOMBIE_ALLOWANCE),
                        "--core=0");
        assertThat(argv).noneMatch(arg -> arg.startsWith("--as="));
    }

    @Test
    void shouldLimitAddressSpaceWhenAsked() throws Exception {
        List<String> argv =
                full().command(request(false), 61000, WORK, STATUS, List.of(), false, 1 << 26);

        assertThat(argv).contains("--cpu=2:3", "--as=67108864");
    }

    @Test
    void shouldDropPrivilegesCompletely() throws Exception {
        List<String> argv = full().command(request(false), 61000, WORK, STATUS, PROCS, true, 0);

        assertThat(argv)
                .containsSubsequence(
                        "--reuid",
                        "61000",
                        "--regid",
                        "61000",
                        "--clear-groups",
                        "--inh-caps=-all",
                        "--bounding-set=-all",
                        "--no-new-privs");
        assertThat(argv)
                .containsSubsequence(
                        "--unshare-all",
                        "--unshare-user",
                        "--disable-userns",
                        "--die-with-parent",
                        "--new-session",
                        "--cap-drop",
                        "ALL");
    }

    @Test
    void shouldMountWorkDirPerStep() throws Exception {
        Launcher launcher = full();

        List<String> run = launcher.command(request(false), 61000, WORK, STATUS, PROCS, true, 0);
        List<String> compile = launcher.command(request(true), 61000, WORK, STATUS, PROCS, true, 0);

        assertThat(run).containsSubsequence("--ro-bind", "/usr", "/usr");
        assertThat(run)
                .containsSubsequence("--ro-bind-try", "/etc/alternatives", "/etc/alternatives");
        assertThat(run).doesNotContain("/usr/lib/jvm");
        assertThat(run).containsSubsequence("--ro-bind", WORK.toString(), "/work");
        assertThat(compile).containsSubsequence("--bind", WORK.toString(), "/work");
        assertThat(run).containsSubsequence("--remount-ro", "/dev", "--remount-ro", "/");
        assertThat(run).containsSubsequence("--size", "1048576", "--tmpfs", "/tmp");
        assertThat(run).containsSubsequence("--setenv", "PATH", "/usr/bin");
        assertThat(Collections.indexOfSubList(run, List.of("--remount-ro", "/")))
                .isGreaterThan(Collections.indexOfSubList(run, List.of("--tmpfs", "/tmp")));
    }

    @Test
    void shouldRunProgramDirectlyWithoutAnyHelper() throws Exception {
        Launcher bare = new Launcher(Path.of("/bin/sh"), null, null, null, 1 << 20, List.of());

        List<String> argv = bare.command(request(false), 61000, WORK, STATUS, List.of(), false, 0);

        assertThat(argv).containsExactly("/work/main", "arg");
        assertThat(bare.workDir(WORK)).isEqualTo(WORK.toString());
        assertThat(bare.namespaces()).isFalse();
    }
}
