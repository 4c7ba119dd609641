package dev.codepulse.worker.sandbox;

import dev.codepulse.schemas.LimitKind;

/**
 * The outcome and measurements of one sandboxed run. Exactly one of {@code exitCode} and {@code
 * signal} is set.
 *
 * @param exitCode exit status of the program; null when a signal ended it
 * @param signal number of the signal that ended the program, such as 9 or 11; null when it exited
 * @param cpuMs CPU time of the process tree, in milliseconds; 0 when no CPU accounting is available
 * @param wallMs wall-clock time from start until the process tree ended, in milliseconds
 * @param peakMemoryBytes peak memory of the process tree, in bytes; 0 when no memory cgroup is
 *     available
 * @param stdout the first {@link RunRequest#stdoutRetainBytes()} bytes of stdout
 * @param stdoutBytes bytes written to stdout in total, including what was not retained
 * @param stderr the first {@link RunRequest#stderrRetainBytes()} bytes of stderr
 * @param stderrBytes bytes written to stderr in total
 * @param stoppedBy the limit the sandbox stopped the run for (CPU_TIME, WALL_TIME or OUTPUT); null
 *     when the program ended by itself
 * @param memoryLimitHit true when the memory cgroup killed a process of the run
 * @param processLimitHit true when the run tried to create more processes than allowed
 */
public record RunResult(
        Integer exitCode,
        Integer signal,
        long cpuMs,
        long wallMs,
        long peakMemoryBytes,
        byte[] stdout,
        long stdoutBytes,
        byte[] stderr,
        long stderrBytes,
        LimitKind stoppedBy,
        boolean memoryLimitHit,
        boolean processLimitHit) {

    /** Signal number of SIGKILL. */
    public static final int SIGKILL = 9;

    /** Signal number of SIGXCPU, sent when RLIMIT_CPU passes its soft limit. */
    public static final int SIGXCPU = 24;

    /** Signal number of SIGXFSZ, sent when a write passes RLIMIT_FSIZE. */
    public static final int SIGXFSZ = 25;

    /** Returns true when the program exited with status 0 and no limit stopped it. */
    public boolean succeeded() {
        return stoppedBy == null && exitCode != null && exitCode == 0;
    }

    /** Returns true when stdout was longer than what was retained. */
    public boolean stdoutTruncated() {
        return stdoutBytes > stdout.length;
    }

    /** Returns true when stderr was longer than what was retained. */
    public boolean stderrTruncated() {
        return stderrBytes > stderr.length;
    }
}
