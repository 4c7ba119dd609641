package dev.codepulse.worker;

import static dev.codepulse.worker.ExecutionConfig.COMPILE_CPU_MS_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.COMPILE_MEMORY_BYTES_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.COMPILE_OUTPUT_LIMIT_BYTES_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.COMPILE_PIDS_MAX_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.COMPILE_WALL_MS_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.LIMITS_CPU_MS_MAX_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.LIMITS_CPU_MS_MIN_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.LIMITS_MEMORY_BYTES_MAX_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.LIMITS_MEMORY_BYTES_MIN_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.LIMITS_OUTPUT_BYTES_MAX_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.LIMITS_OUTPUT_BYTES_MIN_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.LIMITS_WALL_MS_MAX_CONFIG;
import static dev.codepulse.worker.ExecutionConfig.LIMITS_WALL_MS_MIN_CONFIG;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The compile-limit keys and the valid ranges of submission limits, of {@link ExecutionConfig}. */
final class ExecutionLimitKeys {
    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;

    private ExecutionLimitKeys() {}

    static void define(ConfigDef def) {
        def.define(
                COMPILE_CPU_MS_CONFIG,
                Type.INT,
                10_000,
                Range.between(100, 600_000),
                Importance.MEDIUM,
                "CPU time of a compile step, in milliseconds; past it the compile fails with COMPILE_ERROR. Range 100 to 600000.");
        def.define(
                COMPILE_WALL_MS_CONFIG,
                Type.INT,
                30_000,
                Range.between(100, 600_000),
                Importance.MEDIUM,
                "Wall-clock time of a compile step, in milliseconds. Range 100 to 600000.");
        def.define(
                COMPILE_MEMORY_BYTES_CONFIG,
                Type.LONG,
                GIB,
                Range.between(64 * MIB, 16 * GIB),
                Importance.MEDIUM,
                "Memory of a compile step, in bytes, enforced by its memory cgroup. Range 64 MiB to 16 GiB.");
        def.define(
                COMPILE_PIDS_MAX_CONFIG,
                Type.INT,
                128,
                Range.between(8, 4096),
                Importance.LOW,
                "Processes and threads a compile step may have at once; javac's JVM needs about 30. Range 8 to 4096.");
        def.define(
                COMPILE_OUTPUT_LIMIT_BYTES_CONFIG,
                Type.LONG,
                4 * MIB,
                Range.between(1024, 256 * MIB),
                Importance.LOW,
                "Diagnostics a compiler may write, in bytes, before it is killed and the compile fails; only the first report.compile.output.max.bytes reach the report. Range 1 KiB to 256 MiB.");
        defineRange(
                def,
                LIMITS_CPU_MS_MIN_CONFIG,
                LIMITS_CPU_MS_MAX_CONFIG,
                10,
                30_000,
                3_600_000,
                "limits.cpuMs",
                "ms");
        defineRange(
                def,
                LIMITS_WALL_MS_MIN_CONFIG,
                LIMITS_WALL_MS_MAX_CONFIG,
                10,
                60_000,
                3_600_000,
                "limits.wallMs",
                "ms");
        defineRange(
                def,
                LIMITS_MEMORY_BYTES_MIN_CONFIG,
                LIMITS_MEMORY_BYTES_MAX_CONFIG,
                16 * MIB,
                2 * GIB,
                64 * GIB,
                "limits.memoryBytes",
                "bytes");
        defineRange(
                def,
                LIMITS_OUTPUT_BYTES_MIN_CONFIG,
                LIMITS_OUTPUT_BYTES_MAX_CONFIG,
                1,
                64 * MIB,
                GIB,
                "limits.outputBytes",
                "bytes");
    }

    private static void defineRange(
            ConfigDef def,
            String minKey,
            String maxKey,
            long min,
            long max,
            long ceiling,
            String field,
            String unit) {
        Type type = unit.equals("ms") ? Type.INT : Type.LONG;
        Object minDefault = type == Type.INT ? (Object) (int) min : (Object) min;
        Object maxDefault = type == Type.INT ? (Object) (int) max : (Object) max;
        def.define(
                minKey,
                type,
                minDefault,
                Range.between(1, ceiling),
                Importance.MEDIUM,
                "Smallest "
                        + field
                        + " a submission may ask for, in "
                        + unit
                        + "; smaller values are REJECTED. Range 1 to "
                        + ceiling
                        + ".");
        def.define(
                maxKey,
                type,
                maxDefault,
                Range.between(1, ceiling),
                Importance.MEDIUM,
                "Largest "
                        + field
                        + " a submission may ask for, in "
                        + unit
                        + "; larger values are REJECTED. Range 1 to "
                        + ceiling
                        + ".");
    }

    /** Checks that every minimum is at most its maximum. */
    static void checkRanges(AbstractConfig config) {
        checkRange(config, LIMITS_CPU_MS_MIN_CONFIG, LIMITS_CPU_MS_MAX_CONFIG);
        checkRange(config, LIMITS_WALL_MS_MIN_CONFIG, LIMITS_WALL_MS_MAX_CONFIG);
        checkRange(config, LIMITS_MEMORY_BYTES_MIN_CONFIG, LIMITS_MEMORY_BYTES_MAX_CONFIG);
        checkRange(config, LIMITS_OUTPUT_BYTES_MIN_CONFIG, LIMITS_OUTPUT_BYTES_MAX_CONFIG);
    }

    private static void checkRange(AbstractConfig config, String minKey, String maxKey) {
        long min = ((Number) config.values().get(minKey)).longValue();
        long max = ((Number) config.values().get(maxKey)).longValue();
        if (min > max) {
            throw new ConfigException(
                    minKey
                            + "="
                            + min
                            + " is greater than "
                            + maxKey
                            + "="
                            + max
                            + "; the minimum must not exceed the maximum");
        }
    }
}
