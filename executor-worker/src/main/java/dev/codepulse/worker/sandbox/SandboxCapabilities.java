package dev.codepulse.worker.sandbox;

import dev.codepulse.schemas.IsolationLevel;
import java.util.List;

/**
 * The parts of the sandbox that the start-up probe found usable on this host.
 *
 * @param isolationLevel FULL when everything below is available, DEGRADED when namespaces and the
 *     uid switch work but something else is missing, NONE without namespaces or the uid switch
 * @param root true when the worker runs as root, which the uid switch, cgroups and tmpfs mounts
 *     need
 * @param bwrapVersion bubblewrap's version line, or an empty string when it is missing
 * @param namespaces true when a trial run in fresh user, pid, network, mount, IPC and UTS
 *     namespaces, under the slot's uid, succeeded
 * @param cgroupVersion "v1", "v2" or "none"
 * @param memoryCgroup true when runs get a memory cgroup (limit, peak, OOM detection)
 * @param pidsCgroup true when runs get a pids cgroup
 * @param cpuAccounting true when the CPU time of a whole run is read from its cgroup
 * @param resourceLimits true when prlimit can set rlimits (CPU, file size, open files, processes)
 * @param workTmpfs true when slot work directories are size-capped tmpfs mounts
 * @param missing one short description per missing piece, empty at FULL
 */
public record SandboxCapabilities(
        IsolationLevel isolationLevel,
        boolean root,
        String bwrapVersion,
        boolean namespaces,
        String cgroupVersion,
        boolean memoryCgroup,
        boolean pidsCgroup,
        boolean cpuAccounting,
        boolean resourceLimits,
        boolean workTmpfs,
        List<String> missing) {

    public SandboxCapabilities {
        missing = List.copyOf(missing);
    }

    /** Returns a one-line summary for logs. */
    public String describe() {
        return "isolation="
                + isolationLevel
                + " bwrap="
                + (bwrapVersion.isEmpty() ? "missing" : "'" + bwrapVersion + "'")
                + " namespaces="
                + namespaces
                + " cgroup="
                + cgroupVersion
                + " memoryCgroup="
                + memoryCgroup
                + " pidsCgroup="
                + pidsCgroup
                + " cpuAccounting="
                + cpuAccounting
                + " rlimits="
                + resourceLimits
                + " workTmpfs="
                + workTmpfs
                + " missing="
                + (missing.isEmpty() ? "none" : missing);
    }
}
