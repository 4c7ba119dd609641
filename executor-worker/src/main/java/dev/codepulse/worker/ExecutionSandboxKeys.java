package dev.codepulse.worker;

import static dev.codepulse.worker.ExecutionConfig.EXECUTOR_SLOTS_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_ALLOW_INSECURE_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_BWRAP_PATH_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_CGROUP_MODE_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_CGROUP_NAME_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_CGROUP_ROOT_DIR_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_CLEANUP_TIMEOUT_MS_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_FILE_SIZE_BYTES_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_MOUNT_PATH_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_OPEN_FILES_MAX_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_PIDS_MAX_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_POLL_INTERVAL_MS_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_PRLIMIT_PATH_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_READ_ONLY_PATHS_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_SETPRIV_PATH_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_SHELL_PATH_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_STACK_BYTES_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_TMP_SIZE_BYTES_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_UID_COUNT_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_UID_FIRST_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_UMOUNT_PATH_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_WORK_INODES_MAX_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_WORK_ROOT_DIR_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.SANDBOX_WORK_SIZE_BYTES_CONFIG;

import dev.codepulse.worker.sandbox.CgroupMode;
import dev.codepulse.worker.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The sandbox keys of {@link ExecutionConfig}: their definitions and the settings built from them.
 */
final class ExecutionSandboxKeys {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;

    private static final String SANDBOX_ALLOW_INSECURE_DOC =
            "When true, the worker runs programs without isolation (isolation level NONE) if the"
                    + " sandbox cannot isolate them, instead of refusing to start. Untrusted code"
                    + " then runs with the worker's rights; use only for trusted code.";
    private static final String SANDBOX_UID_FIRST_DOC =
            "First uid of the range that sandbox slots run programs as; each slot takes the first"
                    + " uid no other worker on the host has leased. Use uids no account owns. Range 1000"
                    + " to 2000000000.";
    private static final String SANDBOX_UID_COUNT_DOC =
            "Size of the sandbox uid range; it must cover the slots of every worker process on the"
                    + " host. Range 1 to 65536.";
    private static final String SANDBOX_WORK_ROOT_DIR_DOC =
            "Host directory holding the slots' work directories, uid lock files and bubblewrap"
                    + " status files. Created with mode 0711 when missing; every worker on a host"
                    + " shares it so they share the uid locks.";
    private static final String SANDBOX_WORK_SIZE_BYTES_DOC =
            "Size of each slot's tmpfs work directory, which contains the source and the compiled"
                    + " program, in bytes. Range 1 MiB to 16 GiB.";
    private static final String SANDBOX_WORK_INODES_MAX_DOC =
            "Maximum number of files and directories in each slot's work directory. Range 16 to"
                    + " 1000000.";
    private static final String SANDBOX_TMP_SIZE_BYTES_DOC =
            "Size of the private /tmp, and separately of /dev/shm, of each run, in bytes; their"
                    + " pages also count against the run's memory limit. Range 1 MiB to 4 GiB.";
    private static final String SANDBOX_READ_ONLY_PATHS_DOC =
            "Comma-separated host paths bound read-only into the sandbox when they exist, beside"
                    + " /usr and what the languages' toolchains need.";
    private static final String SANDBOX_CGROUP_MODE_DOC =
            "cgroup hierarchy for memory, process and CPU accounting: auto (v2 when its memory"
                    + " and pids controllers are available, else v1), v1, v2 or none.";
    private static final String SANDBOX_CGROUP_ROOT_DIR_DOC =
            "Mount point of the cgroup file system: the v2 hierarchy, or the directory holding the"
                    + " v1 memory, pids and cpuacct hierarchies.";
    private static final String SANDBOX_CGROUP_NAME_DOC =
            "Name of the cgroup below which each run gets a cgroup of its own.";
    private static final String SANDBOX_POLL_INTERVAL_MS_DOC =
            "How often a running program's CPU time is compared with its limit, in milliseconds;"
                    + " a program may overrun its CPU limit by up to this much per core. Range 1"
                    + " to 1000.";
    private static final String SANDBOX_CLEANUP_TIMEOUT_MS_DOC =
            "How long to wait for a killed process tree to disappear before the run fails with"
                    + " INTERNAL_ERROR, in milliseconds. Range 100 to 60000.";
    private static final String SANDBOX_PIDS_MAX_DOC =
            "Processes and threads a test run may have at once, enforced by the pids cgroup; the JVM"
                    + " needs about 20. RLIMIT_NPROC allows 256 more, because it also counts"
                    + " zombies of earlier runs that the host's init has not reaped yet. Range 8 to"
                    + " 4096.";
    private static final String SANDBOX_OPEN_FILES_MAX_DOC =
            "Open file descriptors per process (RLIMIT_NOFILE). Range 16 to 65536.";
    private static final String SANDBOX_FILE_SIZE_BYTES_DOC =
            "Largest file a process may write (RLIMIT_FSIZE), in bytes, for compile steps and"
                    + " runs. Range 1 KiB to 16 GiB.";
    private static final String SANDBOX_STACK_BYTES_DOC =
            "Stack size of each process's main thread (RLIMIT_STACK), in bytes; it counts against"
                    + " the memory limit only as far as it is used. Range 1 MiB to 1 GiB.";

    private ExecutionSandboxKeys() {}

    static void define(ConfigDef def) {
        defineHost(def);
        defineTools(def);
        defineRlimits(def);
    }

    private static void defineHost(ConfigDef def) {
        def.define(
                SANDBOX_ALLOW_INSECURE_CONFIG,
                Type.BOOLEAN,
                false,
                Importance.HIGH,
                SANDBOX_ALLOW_INSECURE_DOC);
        def.define(
                SANDBOX_UID_FIRST_CONFIG,
                Type.INT,
                61000,
                Range.between(1000, 2_000_000_000),
                Importance.MEDIUM,
                SANDBOX_UID_FIRST_DOC);
        def.define(
                SANDBOX_UID_COUNT_CONFIG,
                Type.INT,
                1000,
                Range.between(1, 65536),
                Importance.MEDIUM,
                SANDBOX_UID_COUNT_DOC);
        def.define(
                SANDBOX_WORK_ROOT_DIR_CONFIG,
                Type.STRING,
                "/run/codepulse-sandbox",
                new ConfigDef.NonEmptyString(),
                Importance.MEDIUM,
                SANDBOX_WORK_ROOT_DIR_DOC);
        def.define(
                SANDBOX_WORK_SIZE_BYTES_CONFIG,
                Type.LONG,
                256 * MIB,
                Range.between(MIB, 16 * GIB),
                Importance.MEDIUM,
                SANDBOX_WORK_SIZE_BYTES_DOC);
        def.define(
                SANDBOX_WORK_INODES_MAX_CONFIG,
                Type.INT,
                4096,
                Range.between(16, 1_000_000),
                Importance.LOW,
                SANDBOX_WORK_INODES_MAX_DOC);
        def.define(
                SANDBOX_TMP_SIZE_BYTES_CONFIG,
                Type.LONG,
                64 * MIB,
                Range.between(MIB, 4 * GIB),
                Importance.LOW,
                SANDBOX_TMP_SIZE_BYTES_DOC);
        def.define(
                SANDBOX_READ_ONLY_PATHS_CONFIG,
                Type.LIST,
                "/etc/alternatives,/etc/ld.so.cache,/etc/java-17-openjdk",
                Importance.LOW,
                SANDBOX_READ_ONLY_PATHS_DOC);
    }

    private static void defineTools(ConfigDef def) {
        definePath(def, SANDBOX_BWRAP_PATH_CONFIG, "/usr/bin/bwrap", "bubblewrap");
        definePath(def, SANDBOX_SETPRIV_PATH_CONFIG, "/usr/bin/setpriv", "util-linux setpriv");
        definePath(def, SANDBOX_PRLIMIT_PATH_CONFIG, "/usr/bin/prlimit", "util-linux prlimit");
        definePath(def, SANDBOX_SHELL_PATH_CONFIG, "/bin/sh", "a POSIX shell");
        definePath(def, SANDBOX_MOUNT_PATH_CONFIG, "/bin/mount", "mount");
        definePath(def, SANDBOX_UMOUNT_PATH_CONFIG, "/bin/umount", "umount");
        def.define(
                SANDBOX_CGROUP_MODE_CONFIG,
                Type.STRING,
                "auto",
                ConfigDef.CaseInsensitiveValidString.in("auto", "v1", "v2", "none"),
                Importance.MEDIUM,
                SANDBOX_CGROUP_MODE_DOC);
        def.define(
                SANDBOX_CGROUP_ROOT_DIR_CONFIG,
                Type.STRING,
                "/sys/fs/cgroup",
                new ConfigDef.NonEmptyString(),
                Importance.LOW,
                SANDBOX_CGROUP_ROOT_DIR_DOC);
        def.define(
                SANDBOX_CGROUP_NAME_CONFIG,
                Type.STRING,
                "codepulse",
                new ConfigDef.NonEmptyString(),
                Importance.LOW,
                SANDBOX_CGROUP_NAME_DOC);
        def.define(
                SANDBOX_POLL_INTERVAL_MS_CONFIG,
                Type.INT,
                10,
                Range.between(1, 1000),
                Importance.LOW,
                SANDBOX_POLL_INTERVAL_MS_DOC);
        def.define(
                SANDBOX_CLEANUP_TIMEOUT_MS_CONFIG,
                Type.INT,
                5000,
                Range.between(100, 60000),
                Importance.LOW,
                SANDBOX_CLEANUP_TIMEOUT_MS_DOC);
    }

    private static void defineRlimits(ConfigDef def) {
        def.define(
                SANDBOX_PIDS_MAX_CONFIG,
                Type.INT,
                64,
                Range.between(8, 4096),
                Importance.MEDIUM,
                SANDBOX_PIDS_MAX_DOC);
        def.define(
                SANDBOX_OPEN_FILES_MAX_CONFIG,
                Type.INT,
                128,
                Range.between(16, 65536),
                Importance.LOW,
                SANDBOX_OPEN_FILES_MAX_DOC);
        def.define(
                SANDBOX_FILE_SIZE_BYTES_CONFIG,
                Type.LONG,
                64 * MIB,
                Range.between(KIB, 16 * GIB),
                Importance.LOW,
                SANDBOX_FILE_SIZE_BYTES_DOC);
        def.define(
                SANDBOX_STACK_BYTES_CONFIG,
                Type.LONG,
                64 * MIB,
                Range.between(MIB, GIB),
                Importance.LOW,
                SANDBOX_STACK_BYTES_DOC);
    }

    private static void definePath(ConfigDef def, String key, String path, String tool) {
        def.define(
                key,
                Type.STRING,
                path,
                new ConfigDef.NonEmptyString(),
                Importance.LOW,
                "Path of " + tool + " on the host.");
    }

    /** Builds the sandbox settings, binding {@code toolchainPaths} beside the configured paths. */
    static SandboxSettings settings(AbstractConfig config, List<Path> toolchainPaths) {
        Set<Path> readOnly = new LinkedHashSet<>();
        config.getList(SANDBOX_READ_ONLY_PATHS_CONFIG).forEach(path -> readOnly.add(Path.of(path)));
        readOnly.addAll(toolchainPaths);
        return new SandboxSettings(
                config.getInt(EXECUTOR_SLOTS_CONFIG),
                config.getBoolean(SANDBOX_ALLOW_INSECURE_CONFIG),
                config.getInt(SANDBOX_UID_FIRST_CONFIG),
                config.getInt(SANDBOX_UID_COUNT_CONFIG),
                Path.of(config.getString(SANDBOX_WORK_ROOT_DIR_CONFIG)),
                config.getLong(SANDBOX_WORK_SIZE_BYTES_CONFIG),
                config.getInt(SANDBOX_WORK_INODES_MAX_CONFIG),
                config.getLong(SANDBOX_TMP_SIZE_BYTES_CONFIG),
                List.copyOf(readOnly),
                Path.of(config.getString(SANDBOX_BWRAP_PATH_CONFIG)),
                Path.of(config.getString(SANDBOX_SETPRIV_PATH_CONFIG)),
                Path.of(config.getString(SANDBOX_PRLIMIT_PATH_CONFIG)),
                Path.of(config.getString(SANDBOX_SHELL_PATH_CONFIG)),
                Path.of(config.getString(SANDBOX_MOUNT_PATH_CONFIG)),
                Path.of(config.getString(SANDBOX_UMOUNT_PATH_CONFIG)),
                CgroupMode.valueOf(
                        config.getString(SANDBOX_CGROUP_MODE_CONFIG).toUpperCase(Locale.ROOT)),
                Path.of(config.getString(SANDBOX_CGROUP_ROOT_DIR_CONFIG)),
                config.getString(SANDBOX_CGROUP_NAME_CONFIG),
                config.getInt(SANDBOX_POLL_INTERVAL_MS_CONFIG),
                config.getInt(SANDBOX_CLEANUP_TIMEOUT_MS_CONFIG));
    }
}
