package dev.codepulse.optimizer;

import dev.codepulse.common.InvalidConfigurationException;
import dev.codepulse.common.config.ServiceConfig;
import dev.codepulse.common.config.Validators;
import dev.codepulse.optimizer.rules.Rule;
import dev.codepulse.optimizer.rules.RuleSettings;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.optimizer.rules.builtin.CacheHitRateRule;
import dev.codepulse.optimizer.rules.builtin.InternalErrorRateRule;
import dev.codepulse.optimizer.rules.builtin.LatencyRegressionRule;
import dev.codepulse.optimizer.rules.builtin.MemoryLimitRateRule;
import dev.codepulse.optimizer.rules.builtin.MemoryPressureRule;
import dev.codepulse.optimizer.rules.builtin.QueueGrowthRule;
import dev.codepulse.optimizer.rules.builtin.RuntimeErrorRateRule;
import dev.codepulse.optimizer.rules.builtin.SlowCompilationRule;
import dev.codepulse.optimizer.rules.builtin.SlowFunctionRule;
import dev.codepulse.optimizer.rules.builtin.TimeLimitRateRule;
import dev.codepulse.schemas.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Configuration of the optimizer service: the shared service keys of {@link ServiceConfig}, how
 * windows are collected, recommendation life cycle, health scores, automatic actions, and the keys
 * of every rule listed in {@code optimizer.rules}.
 *
 * <p>Each rule gets {@code rule.ID.enabled}, {@code rule.ID.min.samples} and {@code
 * rule.ID.severity.{low,medium,high,critical}}, where ID is the rule id with dots for dashes (for
 * example {@code rule.slow.function.severity.high}), plus keys of its own.
 */
public final class OptimizerConfig extends ServiceConfig {
    /** Default HTTP port of the optimizer. */
    public static final int DEFAULT_HTTP_PORT = 8083;

    public static final String APPLICATION_ID_CONFIG = "optimizer.application.id";
    private static final String APPLICATION_ID_DOC =
            "Kafka Streams application id, after the topic prefix. Names the consumer group, the"
                    + " transactional ids and the internal topics; instances with the same id"
                    + " share one evaluator and fail over to each other.";

    public static final String STATE_DIR_CONFIG = "optimizer.state.dir";
    private static final String STATE_DIR_DOC =
            "Directory of Kafka Streams state; empty for codepulse-optimizer under the system"
                    + " temporary directory. The optimizer keeps its state in memory, restored from"
                    + " its changelog topic at start.";

    public static final String WINDOW_SETTLE_MS_CONFIG = "optimizer.window.settle.ms";
    private static final String WINDOW_SETTLE_MS_DOC =
            "Wall-clock time a window waits after its first aggregate arrives before it is"
                    + " evaluated, in milliseconds, so that the aggregates of every language and"
                    + " function reach the evaluator. Aggregates of a window that arrive after it"
                    + " was evaluated are dropped and counted.";

    public static final String PUNCTUATE_INTERVAL_MS_CONFIG = "optimizer.punctuate.interval.ms";
    private static final String PUNCTUATE_INTERVAL_MS_DOC =
            "How often the evaluator checks for settled windows without new input, in"
                    + " milliseconds.";

    public static final String HISTORY_WINDOWS_CONFIG = "optimizer.history.windows";
    private static final String HISTORY_WINDOWS_DOC =
            "Earlier windows kept per target and metric for the rules that compare against"
                    + " history, in windows.";

    public static final String RULES_CONFIG = "optimizer.rules";
    private static final String RULES_DOC =
            "Rule classes to load, fully qualified; each implements"
                    + " dev.codepulse.optimizer.rules.Rule and has a public no-argument"
                    + " constructor. Disable a listed rule with rule.ID.enabled=false.";

    public static final String RESOLVE_WINDOWS_CONFIG = "recommendation.resolve.windows";

    public static final String UPDATE_MIN_CHANGE_CONFIG = "recommendation.update.min.change";

    public static final String REVISIONS_KEPT_CONFIG = "recommendation.revisions.kept";

    public static final String HEALTH_MIN_SAMPLES_CONFIG = "health.min.samples";

    public static final String HEALTH_RUN_WALL_BUDGET_MS_CONFIG = "health.run.wall.budget.ms";

    public static final String HEALTH_QUEUE_BUDGET_MS_CONFIG = "health.queue.budget.ms";

    public static final String HEALTH_INTERNAL_ERROR_MAX_RATE_CONFIG =
            "health.internal.error.max.rate";

    public static final String CACHE_TTL_ENABLED_CONFIG = "action.cache.ttl.enabled";

    public static final String CACHE_TTL_CURRENT_MS_CONFIG = "action.cache.ttl.current.ms";

    public static final String CACHE_TTL_MIN_MS_CONFIG = "action.cache.ttl.min.ms";

    public static final String CACHE_TTL_MAX_MS_CONFIG = "action.cache.ttl.max.ms";

    public static final String CACHE_TTL_FACTOR_CONFIG = "action.cache.ttl.factor";

    public static final String CACHE_TTL_MIN_SEVERITY_CONFIG = "action.cache.ttl.min.severity";

    public static final String CACHE_TTL_COOLDOWN_WINDOWS_CONFIG =
            "action.cache.ttl.cooldown.windows";

    /** Rule classes loaded when {@code optimizer.rules} is not set. */
    public static final List<String> DEFAULT_RULES =
            List.of(
                    SlowFunctionRule.class.getName(),
                    LatencyRegressionRule.class.getName(),
                    CacheHitRateRule.class.getName(),
                    RuntimeErrorRateRule.class.getName(),
                    TimeLimitRateRule.class.getName(),
                    MemoryLimitRateRule.class.getName(),
                    InternalErrorRateRule.class.getName(),
                    SlowCompilationRule.class.getName(),
                    MemoryPressureRule.class.getName(),
                    QueueGrowthRule.class.getName());

    /** A configured rule and whether it runs. */
    public record ConfiguredRule(Rule rule, boolean enabled, RuleSettings settings) {}

    private final List<ConfiguredRule> rules;

    /**
     * Parses and validates the configuration.
     *
     * @throws org.apache.kafka.common.config.ConfigException if a value is invalid or a rule class
     *     cannot be loaded
     * @throws InvalidConfigurationException if values contradict each other, such as a severity
     *     table out of order
     */
    public OptimizerConfig(Map<?, ?> originals) {
        super(configDef(RuleKeys.instantiate(RULES_CONFIG, ruleClasses(originals))), originals);
        this.rules = configureRules(RuleKeys.instantiate(RULES_CONFIG, getList(RULES_CONFIG)));
        checkCacheTtlBounds();
    }

    /** Returns the definition with the keys of the default rules, for documentation. */
    public static ConfigDef configDef() {
        return configDef(RuleKeys.instantiate(RULES_CONFIG, DEFAULT_RULES));
    }

    private static ConfigDef configDef(List<Rule> rules) {
        ConfigDef definition = ServiceConfig.define(new ConfigDef(), DEFAULT_HTTP_PORT);
        defineService(definition);
        OptimizerKeys.defineRecommendations(definition);
        OptimizerKeys.defineHealth(definition);
        OptimizerKeys.defineCacheTtl(definition);
        RuleKeys.define(definition, rules);
        return definition;
    }

    private static void defineService(ConfigDef definition) {
        definition
                .define(
                        APPLICATION_ID_CONFIG,
                        Type.STRING,
                        "codepulse-optimizer",
                        Validators.matching(
                                "[a-zA-Z0-9._-]+", "ASCII letters, digits, '.', '_' and '-'"),
                        Importance.HIGH,
                        APPLICATION_ID_DOC)
                .define(STATE_DIR_CONFIG, Type.STRING, "", Importance.LOW, STATE_DIR_DOC)
                .define(
                        WINDOW_SETTLE_MS_CONFIG,
                        Type.LONG,
                        5_000L,
                        Range.between(0, 3_600_000),
                        Importance.MEDIUM,
                        WINDOW_SETTLE_MS_DOC)
                .define(
                        PUNCTUATE_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        1_000L,
                        Range.between(10, 60_000),
                        Importance.LOW,
                        PUNCTUATE_INTERVAL_MS_DOC)
                .define(
                        HISTORY_WINDOWS_CONFIG,
                        Type.INT,
                        12,
                        Range.between(2, 1_000),
                        Importance.MEDIUM,
                        HISTORY_WINDOWS_DOC)
                .define(
                        RULES_CONFIG,
                        Type.LIST,
                        String.join(",", DEFAULT_RULES),
                        Validators.nonEmptyList(),
                        Importance.MEDIUM,
                        RULES_DOC);
    }

    private static List<String> ruleClasses(Map<?, ?> originals) {
        Object value = originals.get(RULES_CONFIG);
        if (value == null) {
            return DEFAULT_RULES;
        }
        @SuppressWarnings("unchecked")
        List<String> parsed = (List<String>) ConfigDef.parseType(RULES_CONFIG, value, Type.LIST);
        return parsed;
    }

    private List<ConfiguredRule> configureRules(List<Rule> instances) {
        List<ConfiguredRule> configured = new ArrayList<>();
        for (Rule rule : instances) {
            RuleSettings settings =
                    new RuleSettings(
                            severityTable(rule),
                            getLong(RuleKeys.minSamplesKey(rule.definition())),
                            this);
            rule.configure(settings);
            boolean enabled = getBoolean(RuleKeys.enabledKey(rule.definition()));
            configured.add(new ConfiguredRule(rule, enabled, settings));
        }
        return List.copyOf(configured);
    }

    private SeverityTable severityTable(Rule rule) {
        var definition = rule.definition();
        double[] thresholds = new double[Severity.values().length];
        for (Severity severity : Severity.values()) {
            thresholds[severity.ordinal()] = getDouble(RuleKeys.severityKey(definition, severity));
        }
        try {
            return new SeverityTable(
                    definition.defaultTable().direction(),
                    thresholds[0],
                    thresholds[1],
                    thresholds[2],
                    thresholds[3]);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    "Invalid severity table of rule "
                            + definition.id()
                            + " in "
                            + definition.keyPrefix()
                            + "severity.{low,medium,high,critical}: "
                            + e.getMessage());
        }
    }

    private void checkCacheTtlBounds() {
        long min = getLong(CACHE_TTL_MIN_MS_CONFIG);
        long max = getLong(CACHE_TTL_MAX_MS_CONFIG);
        if (min > max) {
            throw new InvalidConfigurationException(
                    CACHE_TTL_MIN_MS_CONFIG
                            + "="
                            + min
                            + " is above "
                            + CACHE_TTL_MAX_MS_CONFIG
                            + "="
                            + max
                            + "; set the minimum at or below the maximum");
        }
    }

    /** Returns the configured rules in the order of {@code optimizer.rules}. */
    public List<ConfiguredRule> rules() {
        return rules;
    }

    /** Returns the Kafka Streams application id: the topic prefix, then the configured id. */
    public String applicationId() {
        return getString(TOPIC_PREFIX_CONFIG) + getString(APPLICATION_ID_CONFIG);
    }

    /** Returns the name of the single-partition topic that feeds the evaluator. */
    public String evaluatorInputTopic() {
        return applicationId() + "-evaluator-input";
    }

    /** Returns the Kafka Streams state directory. */
    public Path stateDir() {
        String configured = getString(STATE_DIR_CONFIG).strip();
        return configured.isEmpty()
                ? Path.of(System.getProperty("java.io.tmpdir"), "codepulse-optimizer")
                : Path.of(configured);
    }

    /** Returns the settle time of a window, in milliseconds. */
    public long windowSettleMs() {
        return getLong(WINDOW_SETTLE_MS_CONFIG);
    }

    /** Returns how often settled windows are checked, in milliseconds. */
    public long punctuateIntervalMs() {
        return getLong(PUNCTUATE_INTERVAL_MS_CONFIG);
    }

    /** Returns the windows of history kept per series. */
    public int historyWindows() {
        return getInt(HISTORY_WINDOWS_CONFIG);
    }

    /** Returns the healthy windows needed to resolve a recommendation. */
    public int resolveWindows() {
        return getInt(RESOLVE_WINDOWS_CONFIG);
    }

    /** Returns the relative change of an observed value that publishes an update. */
    public double updateMinChange() {
        return getDouble(UPDATE_MIN_CHANGE_CONFIG);
    }

    /** Returns the revisions kept per recommendation. */
    public int revisionsKept() {
        return getInt(REVISIONS_KEPT_CONFIG);
    }
}
