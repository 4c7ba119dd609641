package dev.codepulse.worker.sandbox.internals;

import dev.codepulse.schemas.LimitKind;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started run with its cgroup and the first limit that stopped it, if any. */
final class RunningProcess {
    private static final Logger log = LoggerFactory.getLogger(RunningProcess.class);

    private final Process process;
    private final RunCgroup cgroup;
    private final AtomicReference<LimitKind> stoppedBy = new AtomicReference<>();
    private final long cpuBaselineMicros;

    /**
     * @param cpuBaselineMicros the cgroup's CPU time before the program started, which a spare
     *     spent waiting; 0 for a cgroup joined at start
     */
    RunningProcess(Process process, RunCgroup cgroup, long cpuBaselineMicros) {
        this.process = process;
        this.cgroup = cgroup;
        this.cpuBaselineMicros = cpuBaselineMicros;
    }

    Process process() {
        return process;
    }

    RunCgroup cgroup() {
        return cgroup;
    }

    /** Records {@code limit} if it is the first to fire, and kills the process tree. */
    void stop(LimitKind limit) {
        if (stoppedBy.compareAndSet(null, limit)) {
            kill();
        }
    }

    LimitKind stoppedBy() {
        return stoppedBy.get();
    }

    /** Returns the run's CPU time in microseconds, or -1 when it cannot be read. */
    long cpuMicros() {
        try {
            long micros = cgroup.cpuMicros();
            return micros < 0 ? -1 : Math.max(0, micros - cpuBaselineMicros);
        } catch (IOException e) {
            return -1;
        }
    }

    // SIGKILL to bwrap takes its pid namespace down with it (--die-with-parent on the
    // namespace's init); the cgroup kill also catches a process that is still starting.
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            cgroup.killAll();
        } catch (IOException e) {
            log.warn("Could not signal the processes of a run cgroup", e);
        }
    }
}
