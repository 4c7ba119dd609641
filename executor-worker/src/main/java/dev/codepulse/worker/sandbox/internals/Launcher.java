package dev.codepulse.worker.sandbox.internals;

import dev.codepulse.worker.sandbox.RunLimits;
import dev.codepulse.worker.sandbox.RunRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the command line that starts one run. Every step replaces itself with the next through
 * exec, so the chain costs no extra processes:
 *
 * <ol>
 *   <li>{@code sh}, still root, opens the bubblewrap status file as fd 3 and writes its own pid
 *       into the run's cgroups, so everything after it is counted from the first instruction;
 *   <li>{@code prlimit} sets RLIMIT_CPU, FSIZE, NOFILE, NPROC, STACK and CORE (and AS when asked);
 *   <li>{@code setpriv} becomes the slot's uid with no groups, capabilities or new privileges,
 *       because bwrap's own --uid only renames root inside its user namespace;
 *   <li>{@code bwrap} builds fresh namespaces, a read-only system and the work directory, then
 *       starts the program as pid 2 below its own reaper.
 * </ol>
 *
 * Steps the host cannot do are left out; the probe reports them as missing.
 *
 * <p>With namespaces, a slot normally starts the chain ahead as a spare ({@link #spareCommand}):
 * the shell joins the cgroups and waits for a {@link #controlMessage} with the run's rlimits and
 * command, while bwrap reads its options for the run from a file ({@link #spareOptions}). Joining a
 * cgroup waits for an RCU grace period in the kernel, often 5 to 15 ms here, so doing it ahead
 * takes that wait off the run.
 */
public final class Launcher {
    /** Path of the work directory inside the sandbox. */
    public static final String SANDBOX_WORK_DIR = "/work";

    // Ignored signals stay ignored across exec, so the chain and the program ignore the signals a
    // terminal sends to the worker's whole process group (Ctrl-C, Ctrl-\, Ctrl-Z, hang-up). A
    // worker started in a terminal then stops by its own shutdown, which lets runs finish, instead
    // of its runs dying at once and being reported as failed launches.
    private static final String IGNORE_TERMINAL_SIGNALS = "trap '' INT QUIT TSTP HUP; ";

    // $1 is the status file; then cgroup.procs files up to "--"; then the command to exec.
    // PWD is unset because the shell would otherwise pass the worker's directory on.
    private static final String JOIN_SCRIPT =
            IGNORE_TERMINAL_SIGNALS
                    + "unset PWD; exec 3>\"$1\"; shift; for f in \"$@\"; do [ \"$f\" = -- ] && break;"
                    + " echo $$ >\"$f\" || exit 125; shift; done; shift; exec \"$@\"";

    // Started ahead of its run: $1 is the status file, $2 the file of bwrap options, then
    // cgroup.procs files up to "--", then the chain up to bwrap. It joins the cgroups at once
    // and then waits on stdin for the merge flag, the rlimit options and the program's arguments,
    // one per line up to an empty line. Everything after that on stdin is the program's input.
    private static final String SPARE_SCRIPT =
            String.join(
                    "\n",
                    IGNORE_TERMINAL_SIGNALS + "unset PWD; status=$1; options=$2; shift 2",
                    "for f in \"$@\"; do [ \"$f\" = -- ] && break;"
                            + " echo $$ >\"$f\" || exit 125; shift; done; shift",
                    "IFS= read -r merge || exit 124",
                    "IFS= read -r limits || exit 124",
                    "set -- \"$@\" --",
                    "while IFS= read -r arg && [ -n \"$arg\" ]; do set -- \"$@\" \"$arg\"; done",
                    "exec 3>\"$status\" 4<\"$options\"",
                    "[ \"$merge\" = 1 ] && exec 2>&1",
                    "prlimit=$1; shift",
                    "[ \"$prlimit\" = - ] && exec \"$@\"",
                    "set -f",
                    "exec \"$prlimit\" $limits \"$@\"");

    // RLIMIT_NPROC counts the uid's zombies too. bwrap leaves its namespace init as a zombie per
    // run until the host's init reaps it, which can take a second, so a slot running many short
    // programs would soon fail to fork. The pids cgroup bounds each run exactly; this margin only
    // keeps the rlimit from counting zombies of earlier runs.
    static final int ZOMBIE_ALLOWANCE = 256;

    private static final List<String> SYSTEM_DIRS =
            List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    private final Path shell;
    private final Path prlimit;
    private final Path setpriv;
    private final Path bwrap;
    private final long tmpSizeBytes;
    private final List<String> layout;

    /**
     * @param prlimit null when rlimits cannot be set
     * @param setpriv null when the uid cannot be switched
     * @param bwrap null when the program runs without namespaces
     */
    public Launcher(
            Path shell,
            Path prlimit,
            Path setpriv,
            Path bwrap,
            long tmpSizeBytes,
            List<Path> readOnlyPaths)
            throws IOException {
        this.shell = shell;
        this.prlimit = prlimit;
        this.setpriv = setpriv;
        this.bwrap = bwrap;
        this.tmpSizeBytes = tmpSizeBytes;
        this.layout = bwrap == null ? List.of() : layout(readOnlyPaths);
    }

    public boolean namespaces() {
        return bwrap != null;
    }

    /** Returns the work directory path as programs see it. */
    public String workDir(Path hostWorkDir) {
        return bwrap == null ? hostWorkDir.toString() : SANDBOX_WORK_DIR;
    }

    /**
     * Returns the full command line of one run.
     *
     * @param cpuLimitedByCgroup true when the CPU time of the run is polled from its cgroup, so
     *     RLIMIT_CPU only backs it up a second later
     * @param addressSpaceBytes RLIMIT_AS, or 0 for none
     */
    public List<String> command(
            RunRequest request,
            int uid,
            Path hostWorkDir,
            Path statusFile,
            List<Path> cgroupProcsFiles,
            boolean cpuLimitedByCgroup,
            long addressSpaceBytes) {
        List<String> argv = new ArrayList<>();
        if (bwrap != null || !cgroupProcsFiles.isEmpty()) {
            argv.addAll(List.of(shell.toString(), "-c", JOIN_SCRIPT, "sh"));
            argv.add(bwrap == null ? "/dev/null" : statusFile.toString());
            cgroupProcsFiles.forEach(file -> argv.add(file.toString()));
            argv.add("--");
        }
        if (prlimit != null) {
            argv.addAll(rlimits(request.limits(), cpuLimitedByCgroup, addressSpaceBytes));
        }
        if (setpriv != null) {
            argv.addAll(setprivArguments(uid));
        }
        if (bwrap != null) {
            argv.add(bwrap.toString());
            argv.addAll(bwrapOptions(request, hostWorkDir));
            argv.add("--");
        }
        argv.addAll(request.command());
        return argv;
    }

    /**
     * Returns true when runs can be started ahead as spares: with namespaces and the uid switch.
     */
    public boolean supportsSpares() {
        return bwrap != null && setpriv != null;
    }

    /**
     * Returns the command line of a spare: the launch chain up to bwrap, waiting in its cgroups for
     * {@link #controlMessage} on stdin, with bwrap's options in {@code optionsFile}.
     */
    public List<String> spareCommand(
            int uid, Path statusFile, Path optionsFile, List<Path> cgroupProcsFiles) {
        List<String> argv = new ArrayList<>(List.of(shell.toString(), "-c", SPARE_SCRIPT, "sh"));
        argv.add(statusFile.toString());
        argv.add(optionsFile.toString());
        cgroupProcsFiles.forEach(file -> argv.add(file.toString()));
        argv.add("--");
        argv.add(prlimit == null ? "-" : prlimit.toString());
        argv.addAll(setprivArguments(uid));
        argv.addAll(List.of(bwrap.toString(), "--args", "4"));
        return argv;
    }

    /**
     * Returns what a spare reads from stdin before it starts the program, or empty when the command
     * cannot be sent that way: an argument that is empty or contains a line break.
     */
    public Optional<byte[]> controlMessage(
            RunRequest request, boolean cpuLimitedByCgroup, long addressSpaceBytes) {
        StringBuilder message = new StringBuilder(request.mergeStderr() ? "1\n" : "0\n");
        message.append(
                String.join(
                        " ",
                        rlimitOptions(request.limits(), cpuLimitedByCgroup, addressSpaceBytes)));
        message.append('\n');
        for (String argument : request.command()) {
            if (argument.isEmpty() || argument.indexOf('\n') >= 0) {
                return Optional.empty();
            }
            message.append(argument).append('\n');
        }
        message.append('\n');
        return Optional.of(message.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns bwrap's options for one run, each followed by a NUL byte, as {@code --args} reads
     * them, or empty when an option contains a NUL byte.
     */
    public Optional<byte[]> spareOptions(RunRequest request, Path hostWorkDir) {
        StringBuilder options = new StringBuilder();
        for (String option : bwrapOptions(request, hostWorkDir)) {
            if (option.indexOf('\0') >= 0) {
                return Optional.empty();
            }
            options.append(option).append('\0');
        }
        return Optional.of(options.toString().getBytes(StandardCharsets.UTF_8));
    }

    private List<String> setprivArguments(int uid) {
        String id = Integer.toString(uid);
        return List.of(
                setpriv.toString(),
                "--reuid",
                id,
                "--regid",
                id,
                "--clear-groups",
                "--inh-caps=-all",
                "--bounding-set=-all",
                "--no-new-privs",
                "--");
    }

    private List<String> rlimits(RunLimits limits, boolean cpuByCgroup, long addressSpaceBytes) {
        List<String> argv = new ArrayList<>();
        argv.add(prlimit.toString());
        argv.addAll(rlimitOptions(limits, cpuByCgroup, addressSpaceBytes));
        return argv;
    }

    private static List<String> rlimitOptions(
            RunLimits limits, boolean cpuByCgroup, long addressSpaceBytes) {
        long cpuSeconds = (limits.cpuMs() + 999) / 1000 + (cpuByCgroup ? 1 : 0);
        List<String> argv = new ArrayList<>();
        argv.add("--cpu=" + cpuSeconds + ":" + (cpuSeconds + 1));
        argv.add("--fsize=" + limits.fileSizeBytes());
        argv.add("--nofile=" + limits.openFilesMax());
        argv.add("--nproc=" + (limits.pidsMax() + ZOMBIE_ALLOWANCE));
        argv.add("--stack=" + limits.stackBytes());
        argv.add("--core=0");
        if (addressSpaceBytes > 0) {
            argv.add("--as=" + addressSpaceBytes);
        }
        return argv;
    }

    private List<String> bwrapOptions(RunRequest request, Path hostWorkDir) {
        List<String> argv = new ArrayList<>();
        argv.addAll(
                List.of(
                        "--unshare-all",
                        "--unshare-user",
                        "--disable-userns",
                        "--die-with-parent",
                        "--new-session",
                        "--cap-drop",
                        "ALL"));
        argv.addAll(layout);
        String tmpSize = Long.toString(tmpSizeBytes);
        argv.addAll(List.of("--size", tmpSize, "--tmpfs", "/tmp"));
        argv.addAll(List.of("--size", tmpSize, "--tmpfs", "/dev/shm"));
        argv.add(request.writableWorkDir() ? "--bind" : "--ro-bind");
        argv.add(hostWorkDir.toString());
        argv.add(SANDBOX_WORK_DIR);
        // Without these, / (bwrap's own tmpfs), /etc and /dev stay writable and unbounded.
        argv.addAll(List.of("--remount-ro", "/dev", "--remount-ro", "/"));
        argv.addAll(List.of("--chdir", SANDBOX_WORK_DIR, "--json-status-fd", "3"));
        for (Map.Entry<String, String> variable : request.environment().entrySet()) {
            argv.addAll(List.of("--setenv", variable.getKey(), variable.getValue()));
        }
        return argv;
    }

    // /usr read-only, the merged-/usr links or real directories of the host, the extra paths,
    // and fresh /proc and /dev.
    private static List<String> layout(List<Path> readOnlyPaths) throws IOException {
        List<String> argv = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr"));
        for (String dir : SYSTEM_DIRS) {
            Path path = Path.of(dir);
            if (Files.isSymbolicLink(path)) {
                argv.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), dir));
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                argv.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        for (Path path : readOnlyPaths) {
            if (!path.startsWith("/usr")) {
                argv.addAll(List.of("--ro-bind-try", path.toString(), path.toString()));
            }
        }
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        return argv;
    }
}
