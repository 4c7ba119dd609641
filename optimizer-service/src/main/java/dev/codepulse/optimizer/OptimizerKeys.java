package dev.codepulse.optimizer;

import dev.codepulse.schemas.Severity;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * Definitions of the recommendation, health and action keys of {@link OptimizerConfig}, kept apart
 * so that the configuration class stays readable; the key names are constants of {@link
 * OptimizerConfig}.
 */
final class OptimizerKeys {
    private static final String RESOLVE_WINDOWS_DOC =
            "Consecutive windows in which a rule finds its target healthy before an open"
                    + " recommendation is RESOLVED, in windows. Windows in which the rule stays"
                    + " silent neither count nor reset.";

    private static final String UPDATE_MIN_CHANGE_DOC =
            "Relative change of an observed value, against the last published revision, that"
                    + " publishes an UPDATED revision when the severity stays the same; 0.1 is"
                    + " 10 percent.";

    private static final String REVISIONS_KEPT_DOC =
            "Published revisions kept per recommendation for its history over HTTP, newest kept.";

    private static final String HEALTH_MIN_SAMPLES_DOC =
            "Reports a language needs in a window to get a health score for that window, as a"
                    + " count.";

    private static final String HEALTH_RUN_WALL_BUDGET_MS_DOC =
            "p95 wall time per test run, in milliseconds, at or below which the latency part of a"
                    + " health score is 100.";

    private static final String HEALTH_QUEUE_BUDGET_MS_DOC =
            "p95 queue time per submission, in milliseconds, at or below which the queue part of"
                    + " a health score is 100.";

    private static final String HEALTH_INTERNAL_ERROR_MAX_RATE_DOC =
            "Share of INTERNAL_ERROR reports, from 0 to 1, at which the internal-errors part of a"
                    + " health score reaches 0.";

    private static final String CACHE_TTL_ENABLED_DOC =
            "Publish cache-ttl actions as REQUESTED, for workers to apply. When false, they are"
                    + " published as DRY_RUN and never applied.";

    private static final String CACHE_TTL_CURRENT_MS_DOC =
            "Result-cache TTL the workers start with, in milliseconds, the same as the workers'"
                    + " cache.ttl.ms; the optimizer assumes it for a language until a worker"
                    + " acknowledges an APPLIED value.";

    private static final String CACHE_TTL_MIN_MS_DOC =
            "Smallest TTL a cache-ttl action may set, in milliseconds.";

    private static final String CACHE_TTL_MAX_MS_DOC =
            "Largest TTL a cache-ttl action may set, in milliseconds.";

    private static final String CACHE_TTL_FACTOR_DOC =
            "Factor one cache-ttl action multiplies the current TTL by, before the min and max"
                    + " bounds apply.";

    private static final String CACHE_TTL_MIN_SEVERITY_DOC =
            "Lowest severity of a cache-hit-rate recommendation that issues a cache-ttl action.";

    private static final String CACHE_TTL_COOLDOWN_WINDOWS_DOC =
            "Windows after a cache-ttl action for a language before the next one for that"
                    + " language, in windows; gives workers time to apply it and the hit rate time"
                    + " to respond.";

    private OptimizerKeys() {}

    static void defineRecommendations(ConfigDef definition) {
        definition
                .define(
                        OptimizerConfig.RESOLVE_WINDOWS_CONFIG,
                        Type.INT,
                        3,
                        Range.between(1, 1_000),
                        Importance.MEDIUM,
                        RESOLVE_WINDOWS_DOC)
                .define(
                        OptimizerConfig.UPDATE_MIN_CHANGE_CONFIG,
                        Type.DOUBLE,
                        0.1,
                        Range.between(0.0, 100.0),
                        Importance.LOW,
                        UPDATE_MIN_CHANGE_DOC)
                .define(
                        OptimizerConfig.REVISIONS_KEPT_CONFIG,
                        Type.INT,
                        20,
                        Range.between(1, 1_000),
                        Importance.LOW,
                        REVISIONS_KEPT_DOC);
    }

    static void defineHealth(ConfigDef definition) {
        definition
                .define(
                        OptimizerConfig.HEALTH_MIN_SAMPLES_CONFIG,
                        Type.LONG,
                        20L,
                        Range.atLeast(1),
                        Importance.LOW,
                        HEALTH_MIN_SAMPLES_DOC)
                .define(
                        OptimizerConfig.HEALTH_RUN_WALL_BUDGET_MS_CONFIG,
                        Type.DOUBLE,
                        2_000.0,
                        Range.between(0.001, 3_600_000.0),
                        Importance.LOW,
                        HEALTH_RUN_WALL_BUDGET_MS_DOC)
                .define(
                        OptimizerConfig.HEALTH_QUEUE_BUDGET_MS_CONFIG,
                        Type.DOUBLE,
                        1_000.0,
                        Range.between(0.001, 3_600_000.0),
                        Importance.LOW,
                        HEALTH_QUEUE_BUDGET_MS_DOC)
                .define(
                        OptimizerConfig.HEALTH_INTERNAL_ERROR_MAX_RATE_CONFIG,
                        Type.DOUBLE,
                        0.05,
                        Range.between(0.0001, 1.0),
                        Importance.LOW,
                        HEALTH_INTERNAL_ERROR_MAX_RATE_DOC);
    }

    static void defineCacheTtl(ConfigDef definition) {
        definition
                .define(
                        OptimizerConfig.CACHE_TTL_ENABLED_CONFIG,
                        Type.BOOLEAN,
                        false,
                        Importance.HIGH,
                        CACHE_TTL_ENABLED_DOC)
                .define(
                        OptimizerConfig.CACHE_TTL_CURRENT_MS_CONFIG,
                        Type.LONG,
                        3_600_000L,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        CACHE_TTL_CURRENT_MS_DOC)
                .define(
                        OptimizerConfig.CACHE_TTL_MIN_MS_CONFIG,
                        Type.LONG,
                        60_000L,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        CACHE_TTL_MIN_MS_DOC)
                .define(
                        OptimizerConfig.CACHE_TTL_MAX_MS_CONFIG,
                        Type.LONG,
                        86_400_000L,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        CACHE_TTL_MAX_MS_DOC)
                .define(
                        OptimizerConfig.CACHE_TTL_FACTOR_CONFIG,
                        Type.DOUBLE,
                        2.0,
                        Range.between(1.01, 10.0),
                        Importance.MEDIUM,
                        CACHE_TTL_FACTOR_DOC)
                .define(
                        OptimizerConfig.CACHE_TTL_MIN_SEVERITY_CONFIG,
                        Type.STRING,
                        Severity.MEDIUM.name(),
                        ValidString.in("LOW", "MEDIUM", "HIGH", "CRITICAL"),
                        Importance.LOW,
                        CACHE_TTL_MIN_SEVERITY_DOC)
                .define(
                        OptimizerConfig.CACHE_TTL_COOLDOWN_WINDOWS_CONFIG,
                        Type.INT,
                        3,
                        Range.between(1, 1_000),
                        Importance.LOW,
                        CACHE_TTL_COOLDOWN_WINDOWS_DOC);
    }
}
