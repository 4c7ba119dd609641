package dev.codepulse.worker;

import dev.codepulse.schemas.Limits;
import dev.codepulse.worker.judge.ValidationRules;
import dev.codepulse.worker.sandbox.RunLimits;
import dev.codepulse.worker.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of execution: slots, sandbox, compile limits, report caps, the valid ranges of
 * submissions and their limits, and the languages. Keys under {@code language.<id>.} belong to each
 * language and are defined by its class (see {@link
 * dev.codepulse.worker.language.Language#configDef()}).
 */
public final class ExecutionConfig extends AbstractConfig {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;

    /** Producers reject records above max.request.size, 1 MiB by default; reports stay below. */
    private static final long REPORT_BUDGET_BYTES = 1_000_000;

    public static final String EXECUTOR_SLOTS_CONFIG = "executor.slots";
    private static final String EXECUTOR_SLOTS_DOC =
            "Submissions executed at once by this worker process, each in its own sandbox slot with"
                    + " its own uid. Range 1 to 256.";

    public static final String LANGUAGES_CONFIG = "languages";
    private static final String LANGUAGES_DOC =
            "Comma-separated ids of the languages this worker offers. Built in: python, c, cpp,"
                    + " java, javascript; any other id needs language.<id>.class. Each language"
                    + " reads its own keys under language.<id>.";

    public static final String SANDBOX_ALLOW_INSECURE_CONFIG = "sandbox.allow.insecure";

    public static final String SANDBOX_UID_FIRST_CONFIG = "sandbox.uid.first";

    public static final String SANDBOX_UID_COUNT_CONFIG = "sandbox.uid.count";

    public static final String SANDBOX_WORK_ROOT_DIR_CONFIG = "sandbox.work.root.dir";

    public static final String SANDBOX_WORK_SIZE_BYTES_CONFIG = "sandbox.work.size.bytes";

    public static final String SANDBOX_WORK_INODES_MAX_CONFIG = "sandbox.work.inodes.max";

    public static final String SANDBOX_TMP_SIZE_BYTES_CONFIG = "sandbox.tmp.size.bytes";

    public static final String SANDBOX_READ_ONLY_PATHS_CONFIG = "sandbox.read.only.paths";

    public static final String SANDBOX_BWRAP_PATH_CONFIG = "sandbox.bwrap.path";
    public static final String SANDBOX_SETPRIV_PATH_CONFIG = "sandbox.setpriv.path";
    public static final String SANDBOX_PRLIMIT_PATH_CONFIG = "sandbox.prlimit.path";
    public static final String SANDBOX_SHELL_PATH_CONFIG = "sandbox.shell.path";
    public static final String SANDBOX_MOUNT_PATH_CONFIG = "sandbox.mount.path";
    public static final String SANDBOX_UMOUNT_PATH_CONFIG = "sandbox.umount.path";

    public static final String SANDBOX_CGROUP_MODE_CONFIG = "sandbox.cgroup.mode";

    public static final String SANDBOX_CGROUP_ROOT_DIR_CONFIG = "sandbox.cgroup.root.dir";

    public static final String SANDBOX_CGROUP_NAME_CONFIG = "sandbox.cgroup.name";

    public static final String SANDBOX_POLL_INTERVAL_MS_CONFIG = "sandbox.poll.interval.ms";

    public static final String SANDBOX_CLEANUP_TIMEOUT_MS_CONFIG = "sandbox.cleanup.timeout.ms";

    public static final String SANDBOX_PIDS_MAX_CONFIG = "sandbox.pids.max";

    public static final String SANDBOX_OPEN_FILES_MAX_CONFIG = "sandbox.open.files.max";

    public static final String SANDBOX_FILE_SIZE_BYTES_CONFIG = "sandbox.file.size.bytes";

    public static final String SANDBOX_STACK_BYTES_CONFIG = "sandbox.stack.bytes";

    public static final String COMPILE_CPU_MS_CONFIG = "compile.cpu.ms";
    public static final String COMPILE_WALL_MS_CONFIG = "compile.wall.ms";
    public static final String COMPILE_MEMORY_BYTES_CONFIG = "compile.memory.bytes";
    public static final String COMPILE_PIDS_MAX_CONFIG = "compile.pids.max";
    public static final String COMPILE_OUTPUT_LIMIT_BYTES_CONFIG = "compile.output.limit.bytes";

    public static final String REPORT_EXCERPT_MAX_BYTES_CONFIG = "report.excerpt.max.bytes";
    private static final String REPORT_EXCERPT_MAX_BYTES_DOC =
            "Bytes of a test's stdout, and separately of its stderr, copied into its test result."
                    + " Range 0 to 65536.";

    public static final String REPORT_COMPILE_OUTPUT_MAX_BYTES_CONFIG =
            "report.compile.output.max.bytes";
    private static final String REPORT_COMPILE_OUTPUT_MAX_BYTES_DOC =
            "Bytes of compiler diagnostics copied into the compile result; longer output is cut"
                    + " and marked truncated. Range 0 to 262144.";

    public static final String LIMITS_CPU_MS_MIN_CONFIG = "limits.cpu.ms.min";
    public static final String LIMITS_CPU_MS_MAX_CONFIG = "limits.cpu.ms.max";
    public static final String LIMITS_WALL_MS_MIN_CONFIG = "limits.wall.ms.min";
    public static final String LIMITS_WALL_MS_MAX_CONFIG = "limits.wall.ms.max";
    public static final String LIMITS_MEMORY_BYTES_MIN_CONFIG = "limits.memory.bytes.min";
    public static final String LIMITS_MEMORY_BYTES_MAX_CONFIG = "limits.memory.bytes.max";
    public static final String LIMITS_OUTPUT_BYTES_MIN_CONFIG = "limits.output.bytes.min";
    public static final String LIMITS_OUTPUT_BYTES_MAX_CONFIG = "limits.output.bytes.max";

    public static final String SUBMISSION_SOURCE_MAX_BYTES_CONFIG = "submission.source.max.bytes";
    private static final String SUBMISSION_SOURCE_MAX_BYTES_DOC =
            "Largest accepted source, in UTF-8 bytes; larger submissions are REJECTED. Range 1 to"
                    + " 16 MiB.";

    public static final String SUBMISSION_TESTS_MAX_CONFIG = "submission.tests.max";
    private static final String SUBMISSION_TESTS_MAX_DOC =
            "Most tests accepted per submission; more are REJECTED. Range 1 to 10000.";

    public static final String SUBMISSION_TEST_MAX_BYTES_CONFIG = "submission.test.max.bytes";
    private static final String SUBMISSION_TEST_MAX_BYTES_DOC =
            "Largest stdin, and separately largest expected output, of one test, in UTF-8 bytes;"
                    + " larger tests are REJECTED. Range 0 to 256 MiB.";

    private static final ConfigDef CONFIG = define();

    public ExecutionConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
        checkCrossKeyRules();
    }

    /** Returns the definition of every key, for documentation and for extending it. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    private static ConfigDef define() {
        ConfigDef def = new ConfigDef();
        def.define(
                EXECUTOR_SLOTS_CONFIG,
                Type.INT,
                2,
                Range.between(1, 256),
                Importance.HIGH,
                EXECUTOR_SLOTS_DOC);
        def.define(
                LANGUAGES_CONFIG,
                Type.LIST,
                "python,c,cpp,java,javascript",
                ConfigDef.LambdaValidator.with(
                        ExecutionConfig::validateLanguageIds,
                        () -> "non-empty list of ids of lowercase letters, digits, - and _"),
                Importance.HIGH,
                LANGUAGES_DOC);
        ExecutionSandboxKeys.define(def);
        ExecutionLimitKeys.define(def);
        def.define(
                REPORT_EXCERPT_MAX_BYTES_CONFIG,
                Type.INT,
                1024,
                Range.between(0, 65536),
                Importance.LOW,
                REPORT_EXCERPT_MAX_BYTES_DOC);
        def.define(
                REPORT_COMPILE_OUTPUT_MAX_BYTES_CONFIG,
                Type.INT,
                16384,
                Range.between(0, 262144),
                Importance.LOW,
                REPORT_COMPILE_OUTPUT_MAX_BYTES_DOC);
        def.define(
                SUBMISSION_SOURCE_MAX_BYTES_CONFIG,
                Type.INT,
                (int) (256 * KIB),
                Range.between(1, (int) (16 * MIB)),
                Importance.MEDIUM,
                SUBMISSION_SOURCE_MAX_BYTES_DOC);
        def.define(
                SUBMISSION_TESTS_MAX_CONFIG,
                Type.INT,
                100,
                Range.between(1, 10000),
                Importance.MEDIUM,
                SUBMISSION_TESTS_MAX_DOC);
        def.define(
                SUBMISSION_TEST_MAX_BYTES_CONFIG,
                Type.INT,
                (int) (16 * MIB),
                Range.between(0, (int) (256 * MIB)),
                Importance.MEDIUM,
                SUBMISSION_TEST_MAX_BYTES_DOC);
        return def;
    }

    private static void validateLanguageIds(String name, Object value) {
        List<?> ids = (List<?>) value;
        if (ids == null || ids.isEmpty()) {
            throw new ConfigException(name, value, "at least one language is needed");
        }
        for (Object id : ids) {
            if (!id.toString().matches("[a-z0-9_-]+")) {
                throw new ConfigException(
                        name,
                        value,
                        "language id '"
                                + id
                                + "' may only contain lowercase letters, digits, - and _");
            }
        }
    }

    private void checkCrossKeyRules() {
        ExecutionLimitKeys.checkRanges(this);
        int slots = getInt(EXECUTOR_SLOTS_CONFIG);
        int uids = getInt(SANDBOX_UID_COUNT_CONFIG);
        if (slots > uids) {
            throw new ConfigException(
                    EXECUTOR_SLOTS_CONFIG
                            + "="
                            + slots
                            + " needs at least as many uids, but "
                            + SANDBOX_UID_COUNT_CONFIG
                            + "="
                            + uids);
        }
        long reportBytes = estimatedMaxReportBytes();
        if (reportBytes > REPORT_BUDGET_BYTES) {
            throw new ConfigException(
                    "a report could reach "
                            + reportBytes
                            + " bytes, above the producer's default"
                            + " max.request.size of 1 MiB: lower "
                            + SUBMISSION_TESTS_MAX_CONFIG
                            + "="
                            + getInt(SUBMISSION_TESTS_MAX_CONFIG)
                            + ", "
                            + REPORT_EXCERPT_MAX_BYTES_CONFIG
                            + "="
                            + getInt(REPORT_EXCERPT_MAX_BYTES_CONFIG)
                            + " or "
                            + REPORT_COMPILE_OUTPUT_MAX_BYTES_CONFIG
                            + "="
                            + getInt(REPORT_COMPILE_OUTPUT_MAX_BYTES_CONFIG));
        }
    }

    // An excerpt may grow 3 times on re-encoding, because each invalid byte becomes U+FFFD. The
    // other fields of a test result take about 200 bytes; 512 more leaves a margin.
    private long estimatedMaxReportBytes() {
        long perTest = 2L * 3 * getInt(REPORT_EXCERPT_MAX_BYTES_CONFIG) + 200 + 512;
        return 3L * getInt(REPORT_COMPILE_OUTPUT_MAX_BYTES_CONFIG)
                + perTest * getInt(SUBMISSION_TESTS_MAX_CONFIG)
                + 16 * KIB;
    }

    /** Returns the languages to offer, in configured order without duplicates. */
    public List<String> languages() {
        return new ArrayList<>(new LinkedHashSet<>(getList(LANGUAGES_CONFIG)));
    }

    /** Returns the keys under {@code language.<id>.}, with that prefix removed. */
    public Map<String, Object> languageConfigs(String id) {
        return originalsWithPrefix("language." + id + ".");
    }

    /**
     * Returns the sandbox settings, binding {@code toolchainPaths} read-only beside the configured
     * paths.
     */
    public SandboxSettings sandboxSettings(List<Path> toolchainPaths) {
        return ExecutionSandboxKeys.settings(this, toolchainPaths);
    }

    /** Returns the limits of compile steps. */
    public RunLimits compileLimits() {
        return new RunLimits(
                getInt(COMPILE_CPU_MS_CONFIG),
                getInt(COMPILE_WALL_MS_CONFIG),
                getLong(COMPILE_MEMORY_BYTES_CONFIG),
                getLong(COMPILE_OUTPUT_LIMIT_BYTES_CONFIG),
                getInt(COMPILE_PIDS_MAX_CONFIG),
                getInt(SANDBOX_OPEN_FILES_MAX_CONFIG),
                getLong(SANDBOX_FILE_SIZE_BYTES_CONFIG),
                getLong(SANDBOX_STACK_BYTES_CONFIG));
    }

    /** Returns the limits of each test run of a submission with {@code limits}. */
    public RunLimits runLimits(Limits limits) {
        return new RunLimits(
                limits.getCpuMs(),
                limits.getWallMs(),
                limits.getMemoryBytes(),
                limits.getOutputBytes(),
                getInt(SANDBOX_PIDS_MAX_CONFIG),
                getInt(SANDBOX_OPEN_FILES_MAX_CONFIG),
                getLong(SANDBOX_FILE_SIZE_BYTES_CONFIG),
                getLong(SANDBOX_STACK_BYTES_CONFIG));
    }

    /** Returns the bounds submissions are validated against. */
    public ValidationRules validationRules() {
        return new ValidationRules(
                getInt(SUBMISSION_SOURCE_MAX_BYTES_CONFIG),
                getInt(SUBMISSION_TESTS_MAX_CONFIG),
                getInt(SUBMISSION_TEST_MAX_BYTES_CONFIG),
                getInt(LIMITS_CPU_MS_MIN_CONFIG),
                getInt(LIMITS_CPU_MS_MAX_CONFIG),
                getInt(LIMITS_WALL_MS_MIN_CONFIG),
                getInt(LIMITS_WALL_MS_MAX_CONFIG),
                getLong(LIMITS_MEMORY_BYTES_MIN_CONFIG),
                getLong(LIMITS_MEMORY_BYTES_MAX_CONFIG),
                getLong(LIMITS_OUTPUT_BYTES_MIN_CONFIG),
                getLong(LIMITS_OUTPUT_BYTES_MAX_CONFIG));
    }
}
