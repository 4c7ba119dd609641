package dev.codepulse.worker.sandbox;

import dev.codepulse.schemas.IsolationLevel;
import dev.codepulse.worker.SandboxUnavailableException;
import dev.codepulse.worker.sandbox.internals.CgroupDriver;
import dev.codepulse.worker.sandbox.internals.HostFacts;
import dev.codepulse.worker.sandbox.internals.Launcher;
import dev.codepulse.worker.sandbox.internals.RunSupervisor;
import dev.codepulse.worker.sandbox.internals.UidLease;
import dev.codepulse.worker.sandbox.internals.WorkDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Probes the host and prepares the slots of a {@link Sandbox}; one use. */
final class SandboxBuilder {
    private static final Logger log = LoggerFactory.getLogger(SandboxBuilder.class);
    private static final RunLimits TRIAL_LIMITS =
            new RunLimits(5_000, 10_000, 64L << 20, 64 << 10, 16, 64, 1L << 20, 8L << 20);

    private final SandboxSettings settings;
    private final ExecutorService io;
    private final List<String> missing = new ArrayList<>();
    private final boolean root = HostFacts.isRoot();
    private CgroupDriver cgroups;
    private Path setpriv;
    private List<UidLease> uids = List.of();
    private final List<WorkDirectory> workDirectories = new ArrayList<>();

    SandboxBuilder(SandboxSettings settings, ExecutorService io) {
        this.settings = settings;
        this.io = io;
    }

    Sandbox build() throws IOException, InterruptedException {
        try {
            return prepare();
        } catch (IOException | InterruptedException | RuntimeException e) {
            workDirectories.forEach(WorkDirectory::close);
            uids.forEach(UidLease::close);
            if (cgroups != null) {
                cgroups.close();
            }
            throw e;
        }
    }

    private Sandbox prepare() throws IOException, InterruptedException {
        Path workRoot = workRoot(settings.workRootDir());
        Path lockDir = privateDirectory(workRoot.resolve("locks"));
        Path controlDir = privateDirectory(workRoot.resolve("control"));
        uids =
                UidLease.acquire(
                        lockDir, settings.uidFirst(), settings.uidCount(), settings.slots());
        cgroups =
                CgroupDriver.open(
                        settings.cgroupMode(),
                        settings.cgroupRootDir(),
                        settings.cgroupName(),
                        root);
        missing.addAll(cgroups.missing());
        String bwrapVersion = HostFacts.bwrapVersion(settings.bwrapPath());
        Launcher launcher = launcher(bwrapVersion);
        boolean tmpfs = prepareWorkDirectories();
        List<SandboxSlot> slots = createSlots(launcher, controlDir);
        boolean namespaces = launcher.namespaces() && trialRun(slots.get(0));
        if (launcher.namespaces() && !namespaces) {
            slots.forEach(SandboxSlot::discardSpare);
            launcher = plainLauncher();
            slots = createSlots(launcher, controlDir);
        }
        return finish(slots, capabilities(bwrapVersion, namespaces, tmpfs));
    }

    private List<SandboxSlot> createSlots(Launcher launcher, Path controlDir) {
        RunSupervisor supervisor =
                new RunSupervisor(
                        launcher,
                        cgroups,
                        io,
                        settings.pollIntervalMs(),
                        settings.cleanupTimeoutMs());
        BlockingQueue<SandboxSlot> idle = new ArrayBlockingQueue<>(uids.size());
        List<SandboxSlot> slots = new ArrayList<>();
        for (int i = 0; i < uids.size(); i++) {
            slots.add(
                    new SandboxSlot(
                            uids.get(i),
                            workDirectories.get(i),
                            controlDir,
                            launcher,
                            supervisor,
                            io,
                            idle));
        }
        return slots;
    }

    // Without namespaces a run still gets its own uid, rlimits and cgroups where possible.
    private Launcher plainLauncher() throws IOException {
        return new Launcher(
                settings.shellPath(),
                prlimit(),
                setpriv,
                null,
                settings.tmpSizeBytes(),
                settings.readOnlyPaths());
    }

    private Launcher launcher(String bwrapVersion) throws IOException {
        if (!root) {
            missing.add("uid switch: the worker does not run as root");
        } else if (!HostFacts.isExecutable(settings.setprivPath())) {
            missing.add("uid switch: setpriv not found at " + settings.setprivPath());
        } else {
            setpriv = settings.setprivPath();
        }
        Path bwrap = null;
        if (bwrapVersion.isEmpty()) {
            missing.add("namespaces: bubblewrap not found at " + settings.bwrapPath());
        } else if (setpriv != null) {
            bwrap = settings.bwrapPath();
        }
        if (!HostFacts.isExecutable(settings.shellPath())) {
            throw new IOException("no shell at " + settings.shellPath() + " (sandbox.shell.path)");
        }
        return new Launcher(
                settings.shellPath(),
                prlimit(),
                setpriv,
                bwrap,
                settings.tmpSizeBytes(),
                settings.readOnlyPaths());
    }

    private Path prlimit() {
        return HostFacts.isExecutable(settings.prlimitPath()) ? settings.prlimitPath() : null;
    }

    private boolean prepareWorkDirectories() throws IOException, InterruptedException {
        boolean allTmpfs = true;
        for (UidLease uid : uids) {
            StringBuilder failure = new StringBuilder();
            WorkDirectory dir =
                    WorkDirectory.prepare(
                            settings.workRootDir().resolve("slot-" + uid.uid()),
                            uid.uid(),
                            settings.workSizeBytes(),
                            settings.workInodesMax(),
                            root,
                            settings.mountPath(),
                            settings.umountPath(),
                            failure);
            workDirectories.add(dir);
            if (!dir.tmpfs() && allTmpfs) {
                missing.add(
                        "work tmpfs: "
                                + (root
                                        ? "mount failed: " + failure
                                        : "the worker does not run as root"));
                allTmpfs = false;
            }
        }
        return allTmpfs;
    }

    // Runs `id -u` in full isolation: proves namespaces, mounts, the uid switch and cgroups.
    private boolean trialRun(SandboxSlot slot) throws InterruptedException {
        RunRequest request =
                RunRequest.builder(List.of("/usr/bin/id", "-u"), TRIAL_LIMITS)
                        .environment(Map.of("PATH", "/usr/bin"))
                        .retain(256, 4096)
                        .build();
        slot.lease();
        try {
            RunResult result = slot.run(request);
            String uid = new String(result.stdout(), StandardCharsets.UTF_8).strip();
            if (result.succeeded() && uid.equals(Integer.toString(slot.uid()))) {
                return true;
            }
            missing.add(
                    "namespaces: the trial run printed uid '"
                            + uid
                            + "' with exit status "
                            + result.exitCode()
                            + " and stderr '"
                            + new String(result.stderr(), StandardCharsets.UTF_8).strip()
                            + "'");
        } catch (SandboxException e) {
            missing.add("namespaces: the trial run failed: " + e.getMessage());
        } finally {
            slot.endTrial();
        }
        return false;
    }

    private SandboxCapabilities capabilities(
            String bwrapVersion, boolean namespaces, boolean tmpfs) {
        boolean rlimits = prlimit() != null;
        if (!rlimits) {
            missing.add("rlimits: prlimit not found at " + settings.prlimitPath());
        }
        boolean full =
                namespaces
                        && cgroups.memory()
                        && cgroups.pids()
                        && cgroups.cpu()
                        && rlimits
                        && tmpfs;
        IsolationLevel level =
                !namespaces
                        ? IsolationLevel.NONE
                        : full ? IsolationLevel.FULL : IsolationLevel.DEGRADED;
        return new SandboxCapabilities(
                level,
                root,
                bwrapVersion,
                namespaces,
                cgroups.version(),
                cgroups.memory(),
                cgroups.pids(),
                cgroups.cpu(),
                rlimits,
                tmpfs,
                missing);
    }

    private Sandbox finish(List<SandboxSlot> slots, SandboxCapabilities found) {
        String uidRange = uids.get(0).uid() + ".." + uids.get(uids.size() - 1).uid();
        if (found.isolationLevel() == IsolationLevel.NONE && !settings.allowInsecure()) {
            throw new SandboxUnavailableException(
                    "the sandbox cannot isolate untrusted code on this host ("
                            + found.describe()
                            + "); run the worker as root with bubblewrap installed, or set"
                            + " sandbox.allow.insecure=true to run programs without isolation");
        }
        if (found.isolationLevel() == IsolationLevel.NONE) {
            log.warn(
                    "INSECURE: the sandbox runs untrusted programs WITHOUT isolation because"
                            + " sandbox.allow.insecure=true; every program can read and change"
                            + " what the worker can: {}",
                    found.describe());
        } else {
            log.info(
                    "Sandbox ready: slots={} uids={} {}", slots.size(), uidRange, found.describe());
        }
        if (HostFacts.isPidOne()) {
            log.warn(
                    "The worker runs as pid 1: each sandboxed run leaves one zombie that only"
                            + " an init reaps; start the worker under an init such as tini");
        }
        BlockingQueue<SandboxSlot> idle = slots.get(0).pool();
        idle.addAll(slots);
        return new Sandbox(found, slots, idle, cgroups, io);
    }

    private static Path workRoot(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        }
        // Slot uids must pass through the root to reach their work directories.
        if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
            throw new IOException(
                    "sandbox.work.root.dir "
                            + dir
                            + " is not searchable by other users; make it mode 0711");
        }
        return dir;
    }

    private static Path privateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }
}
