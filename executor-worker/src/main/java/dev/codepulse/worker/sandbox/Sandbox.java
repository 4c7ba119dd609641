package dev.codepulse.worker.sandbox;

import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.worker.SandboxUnavailableException;
import dev.codepulse.worker.sandbox.internals.CgroupDriver;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox of one worker process: a probe at start decides what isolation the host allows, then
 * a fixed set of {@link SandboxSlot}s runs programs, each slot under its own uid.
 *
 * <p>Each run becomes the slot's unprivileged uid and starts bubblewrap with an empty environment
 * in fresh user, pid, network, mount, IPC, UTS and cgroup namespaces, with a read-only /usr, fresh
 * /proc and /dev, size-capped tmpfs /tmp and /dev/shm, a read-only root, and the slot's tmpfs work
 * directory at /work. rlimits bound CPU time, file size, open files, processes and stack. A fresh
 * memory and pids cgroup per run bounds and measures memory and processes. The supervisor kills the
 * whole tree at the CPU, wall-clock or output limit.
 *
 * <p>NOTE: bubblewrap leaves its namespace init as a zombie for the host's init to reap, one per
 * run. Until then it counts against the slot uid's RLIMIT_NPROC, which therefore allows 256
 * processes more than the pids limit. A worker that is itself pid 1 (a container without an init)
 * never reaps them, so its runs start failing after a few hundred. Start it under an init such as
 * tini. The sandbox logs a warning at start when it finds itself pid 1.
 */
public final class Sandbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    private final SandboxCapabilities capabilities;
    private final List<SandboxSlot> slots;
    private final BlockingQueue<SandboxSlot> idle;
    private final CgroupDriver cgroups;
    private final ExecutorService io;

    Sandbox(
            SandboxCapabilities capabilities,
            List<SandboxSlot> slots,
            BlockingQueue<SandboxSlot> idle,
            CgroupDriver cgroups,
            ExecutorService io) {
        this.capabilities = capabilities;
        this.slots = slots;
        this.idle = idle;
        this.cgroups = cgroups;
        this.io = io;
    }

    /**
     * Probes the host, prepares every slot and logs the isolation level with what is missing.
     *
     * @throws SandboxUnavailableException if the isolation level is NONE and {@code
     *     settings.allowInsecure()} is false, or the slots cannot be prepared
     */
    public static Sandbox start(SandboxSettings settings) {
        Objects.requireNonNull(settings, "settings can't be null");
        ExecutorService io = Executors.newCachedThreadPool(daemonThreads());
        try {
            return new SandboxBuilder(settings, io).build();
        } catch (IOException e) {
            io.shutdownNow();
            throw new SandboxUnavailableException(
                    "could not prepare the sandbox under " + settings.workRootDir() + ": " + e, e);
        } catch (InterruptedException e) {
            io.shutdownNow();
            Thread.currentThread().interrupt();
            throw new SandboxUnavailableException("interrupted while preparing the sandbox", e);
        }
    }

    /** Returns the isolation every run of this sandbox gets. */
    public IsolationLevel isolationLevel() {
        return capabilities.isolationLevel();
    }

    /** Returns what the probe found. */
    public SandboxCapabilities capabilities() {
        return capabilities;
    }

    /** Returns the number of slots. */
    public int slotCount() {
        return slots.size();
    }

    /**
     * Leases a free slot, waiting for one. Close the slot to return it.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public SandboxSlot acquire() throws InterruptedException {
        SandboxSlot slot = idle.take();
        slot.lease();
        return slot;
    }

    /**
     * Unmounts the work directories, removes the cgroups and releases the uids. Call it after every
     * lease has been closed.
     */
    @Override
    public void close() {
        for (SandboxSlot slot : slots) {
            slot.destroy();
        }
        cgroups.close();
        io.shutdownNow();
        log.info("Sandbox closed: slots={}", slots.size());
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sandbox-io-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
