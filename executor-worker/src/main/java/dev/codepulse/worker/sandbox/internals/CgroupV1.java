package dev.codepulse.worker.sandbox.internals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cgroup v1: the memory, pids and cpuacct controllers, each its own hierarchy mounted at {@code
 * root/<controller>} (a combined cpu,cpuacct mount is reached through its cpuacct symlink). Run
 * cgroups live in {@code root/<controller>/<name>/<run>}.
 */
final class CgroupV1 implements CgroupDriver {
    static final String MEMORY = "memory";
    static final String PIDS = "pids";
    static final String CPUACCT = "cpuacct";

    private final Map<String, Path> parents;
    private final List<String> missing;

    private CgroupV1(Map<String, Path> parents, List<String> missing) {
        this.parents = parents;
        this.missing = List.copyOf(missing);
    }

    static CgroupV1 open(Path root, String name) {
        Map<String, Path> parents = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String controller : List.of(MEMORY, PIDS, CPUACCT)) {
            Path mount = root.resolve(controller);
            if (!Files.exists(mount.resolve("cgroup.procs"))) {
                missing.add("cgroup v1 " + controller + ": not mounted at " + mount);
                continue;
            }
            Path parent = mount.resolve(name);
            try {
                Files.createDirectories(parent);
                checkUsable(controller, parent);
                parents.put(controller, parent);
            } catch (IOException | RuntimeException e) {
                missing.add("cgroup v1 " + controller + ": cannot use " + parent + ": " + e);
            }
        }
        return new CgroupV1(parents, missing);
    }

    // Creates, configures and removes a throwaway child so that a read-only or restricted
    // hierarchy shows up at start, not on the first submission.
    private static void checkUsable(String controller, Path parent) throws IOException {
        Path probe = parent.resolve("probe-" + ProcessHandle.current().pid());
        Files.createDirectories(probe);
        try {
            switch (controller) {
                case MEMORY ->
                        CgroupFiles.write(probe.resolve("memory.limit_in_bytes"), "67108864");
                case PIDS -> CgroupFiles.write(probe.resolve("pids.max"), "16");
                default -> CgroupFiles.readLong(probe.resolve("cpuacct.usage"));
            }
        } finally {
            CgroupFiles.remove(probe);
        }
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public boolean memory() {
        return parents.containsKey(MEMORY);
    }

    @Override
    public boolean pids() {
        return parents.containsKey(PIDS);
    }

    @Override
    public boolean cpu() {
        return parents.containsKey(CPUACCT);
    }

    @Override
    public List<String> missing() {
        return missing;
    }

    @Override
    public RunCgroup create(String name) throws IOException, InterruptedException {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (Map.Entry<String, Path> entry : parents.entrySet()) {
            dirs.put(entry.getKey(), entry.getValue().resolve(name));
        }
        Run run = new Run(dirs);
        run.removeStale();
        for (Path dir : dirs.values()) {
            Files.createDirectory(dir);
        }
        return run;
    }

    @Override
    public void close() {
        for (Path parent : parents.values()) {
            try {
                CgroupFiles.remove(parent);
            } catch (IOException e) {
                // Another worker on this host still has runs below it.
            }
        }
    }

    private static final class Run implements RunCgroup {
        private final Map<String, Path> dirs;
        private final List<Path> procsFiles;

        Run(Map<String, Path> dirs) {
            this.dirs = dirs;
            this.procsFiles =
                    dirs.values().stream().map(dir -> dir.resolve("cgroup.procs")).toList();
        }

        void removeStale() throws IOException, InterruptedException {
            if (dirs.values().stream().noneMatch(Files::exists)) {
                return;
            }
            killAll();
            awaitEmpty(5_000);
            remove();
        }

        @Override
        public void limit(long memoryBytes, int pidsMax) throws IOException {
            Path memory = dirs.get(MEMORY);
            if (memory != null) {
                CgroupFiles.write(
                        memory.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
                // Swap would let a run pass its limit unnoticed. memsw exists only with swap
                // accounting, and it must be at least the memory limit, so it is set second.
                Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
                if (Files.exists(memsw)) {
                    CgroupFiles.write(memsw, Long.toString(memoryBytes));
                }
            }
            Path pids = dirs.get(PIDS);
            if (pids != null) {
                CgroupFiles.write(pids.resolve("pids.max"), Integer.toString(pidsMax));
            }
        }

        @Override
        public void resetPeak() throws IOException {
            Path memory = dirs.get(MEMORY);
            if (memory != null) {
                CgroupFiles.write(memory.resolve("memory.max_usage_in_bytes"), "0");
            }
        }

        @Override
        public List<Path> procsFiles() {
            return procsFiles;
        }

        @Override
        public long cpuMicros() throws IOException {
            Path cpu = dirs.get(CPUACCT);
            if (cpu == null) {
                return -1;
            }
            long nanos = CgroupFiles.readLong(cpu.resolve("cpuacct.usage"));
            return nanos < 0 ? -1 : nanos / 1000;
        }

        @Override
        public long peakMemoryBytes() throws IOException {
            Path memory = dirs.get(MEMORY);
            return memory == null
                    ? 0
                    : Math.max(
                            0, CgroupFiles.readLong(memory.resolve("memory.max_usage_in_bytes")));
        }

        @Override
        public boolean oomKilled() throws IOException {
            Path memory = dirs.get(MEMORY);
            if (memory == null) {
                return false;
            }
            long kills = CgroupFiles.readKey(memory.resolve("memory.oom_control"), "oom_kill");
            if (kills >= 0) {
                return kills > 0;
            }
            // Kernels before 4.13 have no oom_kill counter: hitting the limit is the best sign.
            return CgroupFiles.readLong(memory.resolve("memory.failcnt")) > 0;
        }

        @Override
        public boolean pidsLimitHit() throws IOException {
            Path pids = dirs.get(PIDS);
            return pids != null && CgroupFiles.readKey(pids.resolve("pids.events"), "max") > 0;
        }

        @Override
        public void killAll() throws IOException {
            for (Path file : procsFiles) {
                CgroupFiles.killAll(file);
            }
        }

        @Override
        public boolean awaitEmpty(long timeoutMs) throws IOException, InterruptedException {
            return CgroupFiles.awaitEmpty(procsFiles, timeoutMs);
        }

        @Override
        public void remove() throws IOException {
            for (Path dir : dirs.values()) {
                CgroupFiles.remove(dir);
            }
        }
    }
}
