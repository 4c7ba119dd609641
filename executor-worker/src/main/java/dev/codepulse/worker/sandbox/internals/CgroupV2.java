package dev.codepulse.worker.sandbox.internals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * cgroup v2: run cgroups live in {@code <own>/<name>/<run>}, where {@code <own>} is the worker's
 * own cgroup, because v2 only lets a process manage the subtree it was delegated. v2 also forbids
 * processes in a cgroup that hands controllers to its children, so when the worker's own cgroup
 * contains the worker itself, the worker moves into a leaf {@code <own>/<name>-worker} first.
 */
final class CgroupV2 implements CgroupDriver {
    private static final List<String> CONTROLLERS = List.of("memory", "pids");

    private final Path parent;
    private final Set<String> enabled;
    private final List<String> missing;

    private CgroupV2(Path parent, Set<String> enabled, List<String> missing) {
        this.parent = parent;
        this.enabled = Set.copyOf(enabled);
        this.missing = List.copyOf(missing);
    }

    static CgroupV2 open(Path root, String name) {
        List<String> missing = new ArrayList<>();
        try {
            Path own = ownCgroup(root);
            Set<String> available = controllers(own.resolve("cgroup.controllers"));
            List<String> usable = CONTROLLERS.stream().filter(available::contains).toList();
            for (String controller : CONTROLLERS) {
                if (!available.contains(controller)) {
                    missing.add("cgroup v2 " + controller + ": not delegated to " + own);
                }
            }
            // Without controllers a run cgroup still counts CPU time and can be killed at once.
            if (!usable.isEmpty()) {
                enableInOwnCgroup(own, name, usable);
            }
            Path parent = own.resolve(name);
            Files.createDirectories(parent);
            if (!usable.isEmpty()) {
                CgroupFiles.write(parent.resolve("cgroup.subtree_control"), plus(usable));
            }
            checkUsable(parent, usable);
            return new CgroupV2(parent, Set.copyOf(usable), missing);
        } catch (IOException | RuntimeException e) {
            missing.add("cgroup v2: cannot set up run cgroups below " + root + ": " + e);
            return new CgroupV2(null, Set.of(), missing);
        }
    }

    /** Returns the worker's own cgroup directory, read from /proc/self/cgroup. */
    static Path ownCgroup(Path root) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            if (line.startsWith("0::")) {
                String relative = line.substring(3).replaceFirst("^/+", "");
                return relative.isEmpty() ? root : root.resolve(relative);
            }
        }
        throw new IOException("/proc/self/cgroup has no cgroup v2 entry (0::)");
    }

    private static Set<String> controllers(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        return text.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(text.split("\\s+")));
    }

    private static String plus(List<String> controllers) {
        return controllers.stream().map(c -> "+" + c).collect(Collectors.joining(" "));
    }

    private static void enableInOwnCgroup(Path own, String name, List<String> usable)
            throws IOException {
        Path subtree = own.resolve("cgroup.subtree_control");
        try {
            CgroupFiles.write(subtree, plus(usable));
            return;
        } catch (IOException busy) {
            // Fails with EBUSY while processes live in the cgroup: move the worker out below.
        }
        // NOTE: no test covers this branch; the tests run the worker in the root of the v2
        // hierarchy or on cgroup v1.
        Path leaf = own.resolve(name + "-worker");
        Files.createDirectories(leaf);
        CgroupFiles.write(
                leaf.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
        List<Long> others = CgroupFiles.readPids(own.resolve("cgroup.procs"));
        if (!others.isEmpty()) {
            throw new IOException(
                    "processes "
                            + others
                            + " other than the worker share its cgroup "
                            + own
                            + "; run the worker in a cgroup of its own (a container, or a systemd"
                            + " unit with Delegate=yes)");
        }
        CgroupFiles.write(subtree, plus(usable));
    }

    private static void checkUsable(Path parent, List<String> usable) throws IOException {
        Path probe = parent.resolve("probe-" + ProcessHandle.current().pid());
        Files.createDirectories(probe);
        try {
            if (usable.contains("memory")) {
                CgroupFiles.write(probe.resolve("memory.max"), "67108864");
            }
            if (usable.contains("pids")) {
                CgroupFiles.write(probe.resolve("pids.max"), "16");
            }
        } finally {
            CgroupFiles.remove(probe);
        }
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public boolean memory() {
        return enabled.contains("memory");
    }

    @Override
    public boolean pids() {
        return enabled.contains("pids");
    }

    @Override
    public boolean cpu() {
        // cpu.stat and its usage_usec exist in every v2 cgroup, with or without the cpu controller.
        return parent != null;
    }

    @Override
    public List<String> missing() {
        return missing;
    }

    @Override
    public RunCgroup create(String name) throws IOException, InterruptedException {
        if (parent == null) {
            return RunCgroup.NONE;
        }
        Run run = new Run(parent.resolve(name));
        if (Files.exists(run.dir)) {
            run.killAll();
            run.awaitEmpty(5_000);
            run.remove();
        }
        Files.createDirectory(run.dir);
        return run;
    }

    @Override
    public void close() {
        if (parent != null) {
            try {
                CgroupFiles.remove(parent);
            } catch (IOException e) {
                // Runs still below it; they are removed one by one as they end.
            }
        }
    }

    private static final class Run implements RunCgroup {
        private final Path dir;
        private final List<Path> procsFiles;

        Run(Path dir) {
            this.dir = dir;
            this.procsFiles = List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        public void limit(long memoryBytes, int pidsMax) throws IOException {
            Path max = dir.resolve("memory.max");
            if (Files.exists(max)) {
                CgroupFiles.write(max, Long.toString(memoryBytes));
            }
            Path swap = dir.resolve("memory.swap.max");
            if (Files.exists(swap)) {
                CgroupFiles.write(swap, "0");
            }
            Path pids = dir.resolve("pids.max");
            if (Files.exists(pids)) {
                CgroupFiles.write(pids, Integer.toString(pidsMax));
            }
        }

        // NOTE: memory.peak keeps the peak of the waiting spare shell too, about 1 MiB; resetting
        // it needs Linux 6.12 and a file descriptor kept open from reset to read.
        @Override
        public void resetPeak() {}

        @Override
        public List<Path> procsFiles() {
            return procsFiles;
        }

        @Override
        public long cpuMicros() throws IOException {
            return CgroupFiles.readKey(dir.resolve("cpu.stat"), "usage_usec");
        }

        @Override
        public long peakMemoryBytes() throws IOException {
            // memory.peak exists from Linux 5.19; older kernels report 0 (unknown).
            return Math.max(0, CgroupFiles.readLong(dir.resolve("memory.peak")));
        }

        @Override
        public boolean oomKilled() throws IOException {
            return CgroupFiles.readKey(dir.resolve("memory.events"), "oom_kill") > 0;
        }

        @Override
        public boolean pidsLimitHit() throws IOException {
            return CgroupFiles.readKey(dir.resolve("pids.events"), "max") > 0;
        }

        @Override
        public void killAll() throws IOException {
            Path kill = dir.resolve("cgroup.kill");
            if (Files.exists(kill)) {
                CgroupFiles.write(kill, "1");
            } else {
                CgroupFiles.killAll(procsFiles.get(0));
            }
        }

        @Override
        public boolean awaitEmpty(long timeoutMs) throws IOException, InterruptedException {
            return CgroupFiles.awaitEmpty(procsFiles, timeoutMs);
        }

        @Override
        public void remove() throws IOException {
            CgroupFiles.remove(dir);
        }
    }
}
