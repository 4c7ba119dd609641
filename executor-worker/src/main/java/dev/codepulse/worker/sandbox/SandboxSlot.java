package dev.codepulse.worker.sandbox;

import dev.codepulse.worker.sandbox.internals.Launcher;
import dev.codepulse.worker.sandbox.internals.RunSupervisor;
import dev.codepulse.worker.sandbox.internals.UidLease;
import dev.codepulse.worker.sandbox.internals.WorkDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution slot, leased from {@link Sandbox#acquire()} for one submission: a uid of its own, a
 * work directory that the compile step writes and test runs read, and one run at a time. Closing
 * the lease empties the work directory and returns the slot. Not thread-safe: one submission uses a
 * slot at a time.
 */
public final class SandboxSlot implements AutoCloseable {
    private final UidLease uid;
    private final WorkDirectory workDirectory;
    private final Path statusFile;
    private final Launcher launcher;
    private final RunSupervisor supervisor;
    private final BlockingQueue<SandboxSlot> pool;
    private final AtomicBoolean leased = new AtomicBoolean();

    SandboxSlot(
            UidLease uid,
            WorkDirectory workDirectory,
            Path statusFile,
            Launcher launcher,
            RunSupervisor supervisor,
            BlockingQueue<SandboxSlot> pool) {
        this.uid = uid;
        this.workDirectory = workDirectory;
        this.statusFile = statusFile;
        this.launcher = launcher;
        this.supervisor = supervisor;
        this.pool = pool;
    }

    /** Returns the uid programs of this slot run as. */
    public int uid() {
        return uid.uid();
    }

    /** Returns the work directory as programs see it, for use in commands. */
    public String workDir() {
        return launcher.workDir(workDirectory.path());
    }

    /** Returns the work directory on the host. */
    public Path hostWorkDir() {
        return workDirectory.path();
    }

    /**
     * Creates a file in the work directory; the name must be a plain file name.
     *
     * @throws SandboxException if the file cannot be written
     */
    public void writeFile(String name, byte[] content) {
        Objects.requireNonNull(name, "name can't be null");
        Objects.requireNonNull(content, "content can't be null");
        try {
            workDirectory.write(name, content);
        } catch (IOException e) {
            throw new SandboxException(
                    "could not write " + name + " to the work directory " + hostWorkDir(), e);
        }
    }

    /**
     * Runs one program and returns once it and every process it started are gone.
     *
     * @throws SandboxException if the platform failed to start, supervise or clean up the run
     * @throws InterruptedException if interrupted; the run is killed and cleaned up first
     */
    public RunResult run(RunRequest request) throws InterruptedException {
        Objects.requireNonNull(request, "request can't be null");
        if (!leased.get()) {
            throw new IllegalStateException("slot of uid " + uid() + " is not leased");
        }
        return supervisor.run(request, uid(), workDirectory.path(), statusFile);
    }

    void lease() {
        leased.set(true);
    }

    BlockingQueue<SandboxSlot> pool() {
        return pool;
    }

    /** Ends the probe's trial run without returning the slot to a pool that is not open yet. */
    void endTrial() {
        leased.set(false);
        try {
            workDirectory.wipe();
        } catch (IOException e) {
            throw new SandboxException("could not empty the work directory " + hostWorkDir(), e);
        }
    }

    /**
     * Empties the work directory and returns the slot to its sandbox.
     *
     * @throws SandboxException if the work directory cannot be emptied; the slot is returned anyway
     *     and its next file write fails visibly
     */
    @Override
    public void close() {
        if (!leased.compareAndSet(true, false)) {
            return;
        }
        try {
            workDirectory.wipe();
        } catch (IOException e) {
            throw new SandboxException("could not empty the work directory " + hostWorkDir(), e);
        } finally {
            pool.add(this);
        }
    }

    void destroy() {
        workDirectory.close();
        try {
            Files.deleteIfExists(statusFile);
        } catch (IOException e) {
            // A stale status file is deleted before every run anyway.
        }
        uid.close();
    }
}
