package dev.codepulse.worker.sandbox.internals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The cgroup of one run: created empty, joined by the run's first process, limited before the
 * program starts and removed after the run.
 */
public interface RunCgroup {

    /** Returns the cgroup.procs files the run's first process writes its pid to. */
    List<Path> procsFiles();

    /** Sets the memory and process limits; the cgroup starts without any. */
    void limit(long memoryBytes, int pidsMax) throws IOException;

    /** Restarts peak-memory tracking from the current usage, where the hierarchy allows it. */
    void resetPeak() throws IOException;

    /** Returns the CPU time of every process that ran in the cgroup, in microseconds, or -1. */
    long cpuMicros() throws IOException;

    /** Returns the peak memory of the cgroup in bytes, or 0 when it cannot be read. */
    long peakMemoryBytes() throws IOException;

    /** Returns true when the kernel's OOM killer killed a process of the cgroup. */
    boolean oomKilled() throws IOException;

    /** Returns true when a fork or clone failed because the pids limit was reached. */
    boolean pidsLimitHit() throws IOException;

    /** Sends SIGKILL to every process in the cgroup. */
    void killAll() throws IOException;

    /**
     * Waits until no process is left in the cgroup.
     *
     * @return false when processes remain after {@code timeoutMs}
     */
    boolean awaitEmpty(long timeoutMs) throws IOException, InterruptedException;

    /** Removes the cgroup; it must be empty. */
    void remove() throws IOException;

    /** A run without a cgroup: nothing to join, nothing measured. */
    RunCgroup NONE =
            new RunCgroup() {
                @Override
                public List<Path> procsFiles() {
                    return List.of();
                }

                @Override
                public void limit(long memoryBytes, int pidsMax) {}

                @Override
                public void resetPeak() {}

                @Override
                public long cpuMicros() {
                    return -1;
                }

                @Override
                public long peakMemoryBytes() {
                    return 0;
                }

                @Override
                public boolean oomKilled() {
                    return false;
                }

                @Override
                public boolean pidsLimitHit() {
                    return false;
                }

                @Override
                public void killAll() {}

                @Override
                public boolean awaitEmpty(long timeoutMs) {
                    return true;
                }

                @Override
                public void remove() {}
            };
}
