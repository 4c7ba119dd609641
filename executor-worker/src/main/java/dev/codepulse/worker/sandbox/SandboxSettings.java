package dev.codepulse.worker.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Host-level sandbox settings, fixed for the life of a {@link Sandbox}. Per-run limits come with
 * each {@link RunRequest}.
 *
 * @param slots number of execution slots, each with its own uid, work directory and cgroup
 * @param allowInsecure run programs without isolation when the sandbox is unavailable
 * @param uidFirst first uid of the range the slots draw their uids from
 * @param uidCount size of the uid range; a slot takes the first uid no other worker has leased
 * @param workRootDir host directory under which slot work directories and lock files live
 * @param workSizeBytes size of each slot's tmpfs work directory, in bytes
 * @param workInodesMax maximum number of files in each slot's work directory
 * @param tmpSizeBytes size of the /tmp and /dev/shm tmpfs of each run, in bytes
 * @param readOnlyPaths extra host paths bound read-only into the sandbox when they exist
 * @param bwrapPath path of the bubblewrap executable
 * @param setprivPath path of util-linux setpriv
 * @param prlimitPath path of util-linux prlimit
 * @param shellPath path of a POSIX shell, used to join the run's cgroup before the sandbox starts
 * @param mountPath path of mount, used to mount the tmpfs work directories
 * @param umountPath path of umount
 * @param cgroupMode which cgroup hierarchy to use
 * @param cgroupRootDir mount point of the cgroup file system
 * @param cgroupName name of the parent cgroup of every run cgroup of this host's workers
 * @param pollIntervalMs how often a running program's CPU time is checked, in milliseconds
 * @param cleanupTimeoutMs how long to wait for a stopped process tree to disappear, in milliseconds
 */
public record SandboxSettings(
        int slots,
        boolean allowInsecure,
        int uidFirst,
        int uidCount,
        Path workRootDir,
        long workSizeBytes,
        int workInodesMax,
        long tmpSizeBytes,
        List<Path> readOnlyPaths,
        Path bwrapPath,
        Path setprivPath,
        Path prlimitPath,
        Path shellPath,
        Path mountPath,
        Path umountPath,
        CgroupMode cgroupMode,
        Path cgroupRootDir,
        String cgroupName,
        int pollIntervalMs,
        int cleanupTimeoutMs) {

    public SandboxSettings {
        Objects.requireNonNull(workRootDir, "workRootDir can't be null");
        Objects.requireNonNull(bwrapPath, "bwrapPath can't be null");
        Objects.requireNonNull(setprivPath, "setprivPath can't be null");
        Objects.requireNonNull(prlimitPath, "prlimitPath can't be null");
        Objects.requireNonNull(shellPath, "shellPath can't be null");
        Objects.requireNonNull(mountPath, "mountPath can't be null");
        Objects.requireNonNull(umountPath, "umountPath can't be null");
        Objects.requireNonNull(cgroupMode, "cgroupMode can't be null");
        Objects.requireNonNull(cgroupRootDir, "cgroupRootDir can't be null");
        Objects.requireNonNull(cgroupName, "cgroupName can't be null");
        readOnlyPaths = List.copyOf(readOnlyPaths);
        if (slots < 1 || slots > uidCount) {
            throw new IllegalArgumentException(
                    "slots is " + slots + "; it must be between 1 and uidCount (" + uidCount + ")");
        }
    }
}
