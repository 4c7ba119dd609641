package dev.codepulse.worker.sandbox.internals;

import dev.codepulse.schemas.LimitKind;
import dev.codepulse.worker.sandbox.RunRequest;
import dev.codepulse.worker.sandbox.RunResult;
import dev.codepulse.worker.sandbox.SandboxException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request in one slot: creates the run's cgroup, starts the launch chain, feeds stdin,
 * pumps output, enforces the CPU, wall-clock and output limits, and removes every trace of the run
 * before it returns.
 */
public final class RunSupervisor {
    private static final Logger log = LoggerFactory.getLogger(RunSupervisor.class);

    private final Launcher launcher;
    private final CgroupDriver cgroups;
    private final ExecutorService io;
    private final long pollIntervalMs;
    private final long cleanupTimeoutMs;

    public RunSupervisor(
            Launcher launcher,
            CgroupDriver cgroups,
            ExecutorService io,
            long pollIntervalMs,
            long cleanupTimeoutMs) {
        this.launcher = launcher;
        this.cgroups = cgroups;
        this.io = io;
        this.pollIntervalMs = pollIntervalMs;
        this.cleanupTimeoutMs = cleanupTimeoutMs;
    }

    /**
     * Runs {@code request} in a slot, through {@code spare} when one is given and can carry the
     * request, else through a launch chain started now.
     *
     * @param spare a spare of this slot from {@link #prepareSpare}, or null; used up either way
     * @param afterExit called once the program has exited, before the run is cleaned up
     * @throws SandboxException if the run could not be started, supervised or cleaned up
     * @throws InterruptedException if interrupted; the process tree is killed first
     */
    public RunResult run(RunRequest request, SlotContext slot, Spare spare, Runnable afterExit)
            throws InterruptedException {
        Launch launch = spare == null ? null : spareLaunch(request, slot, spare);
        RunCgroup cgroup = launch == null ? createCgroup("slot-" + slot.uid()) : spare.cgroup();
        RunResult result;
        try {
            cgroup.limit(request.limits().memoryBytes(), request.limits().pidsMax());
            if (launch == null) {
                launch = coldLaunch(request, slot, cgroup);
            } else {
                launch = launch.go(cgroup);
            }
            result = supervise(request, launch, cgroup, slot.statusFile(), afterExit);
        } catch (IOException e) {
            if (launch != null) {
                launch.process().destroyForcibly();
            }
            releaseQuietly(cgroup);
            throw new SandboxException("could not start the run of uid " + slot.uid(), e);
        } catch (InterruptedException | RuntimeException e) {
            if (launch != null) {
                launch.process().destroyForcibly();
            }
            releaseQuietly(cgroup);
            throw e;
        }
        release(cgroup, slot.uid());
        logFinished(slot.uid(), result);
        return result;
    }

    /**
     * Starts a spare for a later run of {@code slot}: creates its cgroup and starts the launch
     * chain, which joins the cgroup and waits.
     *
     * @param cgroupName the spare's cgroup name, unique among the slot's cgroups in use
     * @throws SandboxException if the cgroup or the process cannot be created
     */
    public Spare prepareSpare(SlotContext slot, String cgroupName) throws InterruptedException {
        RunCgroup cgroup = createCgroup(cgroupName);
        List<String> command =
                launcher.spareCommand(
                        slot.uid(), slot.statusFile(), slot.optionsFile(), cgroup.procsFiles());
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File("/"));
        builder.environment().clear();
        try {
            return new Spare(builder.start(), cgroup);
        } catch (IOException e) {
            releaseQuietly(cgroup);
            throw new SandboxException(
                    "could not start a spare launch chain for uid " + slot.uid(), e);
        }
    }

    /** Kills a spare that will not be used and removes its cgroup. */
    public void discard(Spare spare) {
        spare.process().destroyForcibly();
        releaseQuietly(spare.cgroup());
    }

    // Returns null, after discarding the spare, when it died or cannot carry the request.
    private Launch spareLaunch(RunRequest request, SlotContext slot, Spare spare) {
        Optional<byte[]> control =
                launcher.controlMessage(request, cgroups.cpu(), addressSpace(request));
        Optional<byte[]> options = launcher.spareOptions(request, slot.hostWorkDir());
        if (control.isEmpty() || options.isEmpty() || !spare.process().isAlive()) {
            discard(spare);
            return null;
        }
        return new Launch(spare.process(), 0, 0, control.get(), options.get(), slot);
    }

    private Launch coldLaunch(RunRequest request, SlotContext slot, RunCgroup cgroup) {
        List<String> command =
                launcher.command(
                        request,
                        slot.uid(),
                        slot.hostWorkDir(),
                        slot.statusFile(),
                        cgroup.procsFiles(),
                        cgroups.cpu(),
                        addressSpace(request));
        deleteStatus(slot.statusFile());
        long startNanos = System.nanoTime();
        Process process = start(command, request, slot.hostWorkDir());
        return new Launch(process, startNanos, 0, null, null, slot);
    }

    private long addressSpace(RunRequest request) {
        return request.addressSpaceFallback() && !cgroups.memory()
                ? request.limits().memoryBytes()
                : 0;
    }

    private RunCgroup createCgroup(String name) throws InterruptedException {
        try {
            return cgroups.create(name);
        } catch (IOException e) {
            throw new SandboxException("could not create the run cgroup " + name, e);
        }
    }

    private void logFinished(int uid, RunResult result) {
        log.debug(
                "Run finished: uid={} exitCode={} signal={} stoppedBy={} cpuMs={} wallMs={}"
                        + " peakMemoryBytes={} memoryLimitHit={}",
                uid,
                result.exitCode(),
                result.signal(),
                result.stoppedBy(),
                result.cpuMs(),
                result.wallMs(),
                result.peakMemoryBytes(),
                result.memoryLimitHit());
    }

    private RunResult supervise(
            RunRequest request,
            Launch launch,
            RunCgroup cgroup,
            Path statusFile,
            Runnable afterExit)
            throws InterruptedException {
        Process process = launch.process();
        RunningProcess running = new RunningProcess(process, cgroup, launch.cpuBaselineMicros());
        AtomicLong outputBytes = new AtomicLong();
        OutputPump stdout =
                pump(
                        process.getInputStream(),
                        request.stdoutRetainBytes(),
                        outputBytes,
                        request,
                        running);
        OutputPump stderr =
                pump(
                        process.getErrorStream(),
                        request.stderrRetainBytes(),
                        outputBytes,
                        request,
                        running);
        IoTasks tasks = IoTasks.start(io, process, request.stdin(), stdout, stderr);
        try {
            long exitNanos = awaitExit(running, request, launch.startNanos());
            afterExit.run();
            tasks.await(cleanupTimeoutMs, running);
            long wallMs = TimeUnit.NANOSECONDS.toMillis(exitNanos - launch.startNanos());
            return result(
                    running, stdout, request.mergeStderr() ? null : stderr, statusFile, wallMs);
        } catch (InterruptedException | RuntimeException e) {
            running.kill();
            throw e;
        }
    }

    // stdout and stderr share one count against the output limit.
    private static OutputPump pump(
            InputStream in,
            long retainBytes,
            AtomicLong sharedBytes,
            RunRequest request,
            RunningProcess running) {
        return new OutputPump(
                in,
                retainBytes,
                sharedBytes,
                request.limits().outputBytes(),
                () -> running.stop(LimitKind.OUTPUT));
    }

    /**
     * A started or ready-to-start launch chain; for a spare, {@code control} and {@code options}
     * are what it still has to be sent.
     */
    private record Launch(
            Process process,
            long startNanos,
            long cpuBaselineMicros,
            byte[] control,
            byte[] options,
            SlotContext slot) {

        // Writes bwrap's options, then sends the control message that lets the spare go on.
        Launch go(RunCgroup cgroup) throws IOException {
            Files.write(slot.optionsFile(), options);
            deleteStatus(slot.statusFile());
            cgroup.resetPeak();
            long baseline = Math.max(0, cgroup.cpuMicros());
            long startNanos = System.nanoTime();
            OutputStream stdin = process.getOutputStream();
            stdin.write(control);
            stdin.flush();
            return new Launch(process, startNanos, baseline, null, null, slot);
        }
    }

    private Process start(List<String> command, RunRequest request, Path hostWorkDir) {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(request.mergeStderr());
        builder.environment().clear();
        if (launcher.namespaces()) {
            // bwrap sets the program's environment and work directory itself.
            builder.directory(new File("/"));
        } else {
            // The shell, prlimit and setpriv pass both on to the program.
            builder.environment().putAll(request.environment());
            builder.directory(hostWorkDir.toFile());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new SandboxException("could not start " + command.get(0), e);
        }
    }

    // Returns System.nanoTime() at which the process was seen to exit.
    private long awaitExit(RunningProcess running, RunRequest request, long startNanos)
            throws InterruptedException {
        long deadline = startNanos + TimeUnit.MILLISECONDS.toNanos(request.limits().wallMs());
        long cpuLimitMicros = request.limits().cpuMs() * 1000;
        while (true) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            long waitMs = Math.max(1, Math.min(pollIntervalMs, remainingMs));
            if (running.process().waitFor(waitMs, TimeUnit.MILLISECONDS)) {
                return System.nanoTime();
            }
            if (System.nanoTime() - deadline >= 0) {
                running.stop(LimitKind.WALL_TIME);
            } else if (cgroups.cpu() && running.cpuMicros() > cpuLimitMicros) {
                running.stop(LimitKind.CPU_TIME);
            }
            if (running.stoppedBy() != null) {
                if (!running.process().waitFor(cleanupTimeoutMs, TimeUnit.MILLISECONDS)) {
                    throw new SandboxException(
                            "the sandbox process did not end within "
                                    + cleanupTimeoutMs
                                    + " ms of SIGKILL");
                }
                return System.nanoTime();
            }
        }
    }

    private RunResult result(
            RunningProcess running,
            OutputPump stdout,
            OutputPump stderr,
            Path statusFile,
            long wallMs) {
        byte[] stdoutBytes = stdout.retained();
        byte[] stderrBytes = stderr == null ? new byte[0] : stderr.retained();
        try {
            RunCgroup cgroup = running.cgroup();
            boolean oom = cgroup.oomKilled();
            checkStarted(running, statusFile, oom, stderr == null ? stdoutBytes : stderrBytes);
            int status = running.process().exitValue();
            // bwrap and Java both report death by signal n as status 128 + n.
            // NOTE: a program that exits with status 129 to 192 is reported as killed by a signal.
            boolean signaled = status > 128 && status <= 128 + 64;
            long cpuMicros = cgroup.cpuMicros();
            return new RunResult(
                    signaled ? null : status,
                    signaled ? status - 128 : null,
                    cpuMicros < 0 ? 0 : cpuMicros / 1000,
                    wallMs,
                    cgroup.peakMemoryBytes(),
                    stdoutBytes,
                    stdout.totalBytes(),
                    stderrBytes,
                    stderr == null ? 0 : stderr.totalBytes(),
                    running.stoppedBy(),
                    oom,
                    cgroup.pidsLimitHit());
        } catch (IOException e) {
            throw new SandboxException("could not read the run's cgroup statistics", e);
        }
    }

    // bwrap writes "exit-code" to its status file only when the program ran. Without it, bwrap
    // or a step before it failed, and stderr has the message.
    private void checkStarted(RunningProcess running, Path statusFile, boolean oom, byte[] errors)
            throws IOException {
        if (!launcher.namespaces() || running.stoppedBy() != null || oom) {
            return;
        }
        String status;
        try {
            status = Files.readString(statusFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            status = "";
        }
        if (!status.contains("\"exit-code\"")) {
            String message = new String(errors, StandardCharsets.UTF_8).strip();
            throw new SandboxException(
                    "the sandbox failed to start the program (exit status "
                            + running.process().exitValue()
                            + "): "
                            + (message.isEmpty()
                                    ? "no message"
                                    : message.lines().findFirst().get()));
        }
    }

    static void deleteStatus(Path statusFile) {
        try {
            Files.deleteIfExists(statusFile);
        } catch (IOException e) {
            throw new SandboxException("could not delete the status file " + statusFile, e);
        }
    }

    private void release(RunCgroup cgroup, int uid) throws InterruptedException {
        try {
            cgroup.killAll();
            if (!cgroup.awaitEmpty(cleanupTimeoutMs)) {
                throw new SandboxException(
                        "processes of uid "
                                + uid
                                + " were still alive "
                                + cleanupTimeoutMs
                                + " ms after the run ended");
            }
            cgroup.remove();
        } catch (IOException e) {
            throw new SandboxException("could not remove the run cgroup of uid " + uid, e);
        }
    }

    private void releaseQuietly(RunCgroup cgroup) {
        boolean interrupted = Thread.interrupted();
        try {
            cgroup.killAll();
            cgroup.awaitEmpty(cleanupTimeoutMs);
            cgroup.remove();
        } catch (IOException | InterruptedException | RuntimeException e) {
            log.warn("Could not remove a run cgroup after a failed run", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
