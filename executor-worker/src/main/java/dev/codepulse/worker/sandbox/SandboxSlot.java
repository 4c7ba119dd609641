package dev.codepulse.worker.sandbox;

import dev.codepulse.worker.sandbox.internals.Launcher;
import dev.codepulse.worker.sandbox.internals.RunSupervisor;
import dev.codepulse.worker.sandbox.internals.SlotContext;
import dev.codepulse.worker.sandbox.internals.Spare;
import dev.codepulse.worker.sandbox.internals.UidLease;
import dev.codepulse.worker.sandbox.internals.WorkDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution slot, leased from {@link Sandbox#acquire()} for one submission: a uid of its own, a
 * work directory that the compile step writes and test runs read, and one run at a time. Closing
 * the lease empties the work directory and returns the slot. Not thread-safe: one submission uses a
 * slot at a time.
 */
public final class SandboxSlot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxSlot.class);

    private final UidLease uid;
    private final WorkDirectory workDirectory;
    private final SlotContext context;
    private final Launcher launcher;
    private final RunSupervisor supervisor;
    private final ExecutorService io;
    private final BlockingQueue<SandboxSlot> pool;
    private final AtomicBoolean leased = new AtomicBoolean();
    // The launch chain of the next run, started after the previous one; null without spares.
    private volatile Future<Spare> spare;
    private long sparesPrepared;

    SandboxSlot(
            UidLease uid,
            WorkDirectory workDirectory,
            Path controlDir,
            Launcher launcher,
            RunSupervisor supervisor,
            ExecutorService io,
            BlockingQueue<SandboxSlot> pool) {
        this.uid = uid;
        this.workDirectory = workDirectory;
        this.context =
                new SlotContext(
                        uid.uid(),
                        workDirectory.path(),
                        controlDir.resolve("slot-" + uid.uid() + ".status"),
                        controlDir.resolve("slot-" + uid.uid() + ".options"));
        this.launcher = launcher;
        this.supervisor = supervisor;
        this.io = io;
        this.pool = pool;
        prepareSpare();
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
        Spare ready = takeSpare();
        try {
            return supervisor.run(request, context, ready, this::prepareSpare);
        } finally {
            if (spare == null) {
                prepareSpare();
            }
        }
    }

    // Starts the next run's launch chain in the background, so that joining its cgroup is off
    // the path of the run that will use it. It starts as soon as a program has exited, not
    // before, because moving a process into a cgroup takes a lock that every fork and exit on
    // the host waits for, which would slow the program being measured. Spares alternate between
    // two cgroup names, because the run that just ended still has the other one.
    private void prepareSpare() {
        if (launcher.supportsSpares() && spare == null) {
            String cgroupName = "slot-" + uid() + "-" + (sparesPrepared++ % 2);
            spare = io.submit(() -> supervisor.prepareSpare(context, cgroupName));
        }
    }

    private Spare takeSpare() throws InterruptedException {
        Future<Spare> next = spare;
        spare = null;
        if (next == null) {
            return null;
        }
        try {
            return next.get();
        } catch (ExecutionException e) {
            log.warn(
                    "Could not prepare a spare run, starting one now: uid={}", uid(), e.getCause());
            return null;
        } catch (InterruptedException e) {
            io.submit(() -> discardWhenReady(next));
            throw e;
        }
    }

    private void discardWhenReady(Future<Spare> next) {
        try {
            supervisor.discard(next.get());
        } catch (ExecutionException e) {
            // Nothing was started.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    void discardSpare() {
        Future<Spare> next = spare;
        spare = null;
        if (next != null) {
            discardWhenReady(next);
        }
    }

    void destroy() {
        discardSpare();
        workDirectory.close();
        try {
            Files.deleteIfExists(context.statusFile());
            Files.deleteIfExists(context.optionsFile());
        } catch (IOException e) {
            // Stale control files are replaced before every run anyway.
        }
        uid.close();
    }
}
