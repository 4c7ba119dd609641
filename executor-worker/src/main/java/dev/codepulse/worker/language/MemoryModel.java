package dev.codepulse.worker.language;

/** The way a language's memory limit is enforced. */
public enum MemoryModel {
    /**
     * Only the memory cgroup limits it. The JVM and Node reserve gigabytes of address space they
     * never touch, so an address-space limit would break them at start.
     */
    CGROUP_ONLY,
    /**
     * The memory cgroup limits it; without one, RLIMIT_AS at the memory limit is a usable stand-in.
     */
    ADDRESS_SPACE_FALLBACK
}
