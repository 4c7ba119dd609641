package dev.codepulse.worker.sandbox;

/**
 * Resource limits of one sandboxed run.
 *
 * @param cpuMs CPU time of the whole process tree, in milliseconds
 * @param wallMs wall-clock time, in milliseconds; the process tree is killed when it passes
 * @param memoryBytes memory of the process tree, enforced by the memory cgroup
 * @param outputBytes bytes the program may write to stdout and stderr together
 * @param pidsMax processes and threads the run may have at once
 * @param openFilesMax open file descriptors per process
 * @param fileSizeBytes largest file a process may write
 * @param stackBytes stack size of each process's main thread
 */
public record RunLimits(
        long cpuMs,
        long wallMs,
        long memoryBytes,
        long outputBytes,
        int pidsMax,
        int openFilesMax,
        long fileSizeBytes,
        long stackBytes) {

    public RunLimits {
        requirePositive("cpuMs", cpuMs);
        requirePositive("wallMs", wallMs);
        requirePositive("memoryBytes", memoryBytes);
        requirePositive("outputBytes", outputBytes);
        requirePositive("pidsMax", pidsMax);
        requirePositive("openFilesMax", openFilesMax);
        requirePositive("fileSizeBytes", fileSizeBytes);
        requirePositive("stackBytes", stackBytes);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be positive");
        }
    }
}
