package dev.codepulse.worker.sandbox.internals;

import dev.codepulse.worker.sandbox.CgroupMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the per-run cgroups of one cgroup hierarchy. {@link #open} picks the hierarchy and checks
 * which controllers it can use.
 */
public interface CgroupDriver extends AutoCloseable {
    /** Returns "v1", "v2" or "none". */
    String version();

    boolean memory();

    boolean pids();

    boolean cpu();

    /** Returns one line per controller or feature that could not be used, with the reason. */
    List<String> missing();

    /**
     * Creates a fresh cgroup without limits for one run, removing a stale one of the same name
     * first.
     *
     * @param name unique among the runs in progress on this host, such as slot-61000
     */
    RunCgroup create(String name) throws IOException, InterruptedException;

    /** Removes the driver's parent cgroups when no other worker uses them. */
    @Override
    void close();

    /**
     * Opens the hierarchy that {@code mode} selects below {@code rootDir}. Without root, or when
     * nothing works, returns a driver that creates no cgroups and lists why.
     */
    static CgroupDriver open(CgroupMode mode, Path rootDir, String name, boolean root) {
        List<String> missing = new ArrayList<>();
        if (mode == CgroupMode.NONE) {
            missing.add("cgroups: disabled by configuration");
            return new NoCgroups(missing);
        }
        if (!root) {
            missing.add("cgroups: the worker does not run as root");
            return new NoCgroups(missing);
        }
        boolean unified = Files.exists(rootDir.resolve("cgroup.controllers"));
        if (mode == CgroupMode.V2 || (mode == CgroupMode.AUTO && unified)) {
            CgroupDriver v2 = CgroupV2.open(rootDir, name);
            if (v2.memory() || mode == CgroupMode.V2) {
                return v2;
            }
            missing.addAll(v2.missing());
            v2.close();
        }
        CgroupDriver v1 = CgroupV1.open(rootDir, name);
        if (v1.memory() || v1.pids() || v1.cpu()) {
            return v1;
        }
        missing.addAll(v1.missing());
        v1.close();
        return new NoCgroups(missing);
    }

    /** The driver used when no hierarchy works. */
    final class NoCgroups implements CgroupDriver {
        private final List<String> missing;

        NoCgroups(List<String> missing) {
            this.missing = List.copyOf(missing);
        }

        @Override
        public String version() {
            return "none";
        }

        @Override
        public boolean memory() {
            return false;
        }

        @Override
        public boolean pids() {
            return false;
        }

        @Override
        public boolean cpu() {
            return false;
        }

        @Override
        public List<String> missing() {
            return missing;
        }

        @Override
        public RunCgroup create(String name) {
            return RunCgroup.NONE;
        }

        @Override
        public void close() {}
    }
}
