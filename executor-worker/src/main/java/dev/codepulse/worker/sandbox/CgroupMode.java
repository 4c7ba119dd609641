package dev.codepulse.worker.sandbox;

/** The cgroup hierarchy the sandbox uses for memory, process and CPU accounting. */
public enum CgroupMode {
    /** cgroup v2 when its memory and pids controllers are available, else v1, else none. */
    AUTO,
    /** The v1 hierarchies: memory, pids and cpuacct, each mounted below the cgroup root. */
    V1,
    /** The unified v2 hierarchy mounted at the cgroup root. */
    V2,
    /** No cgroups: isolation is DEGRADED and memory is limited by address space where allowed. */
    NONE
}
