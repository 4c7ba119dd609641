package dev.codepulse.optimizer.rules.builtin;

import dev.codepulse.optimizer.rules.EvidenceItem;
import dev.codepulse.optimizer.rules.LanguageRule;
import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.optimizer.rules.RuleContext;
import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.RuleSettings;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.optimizer.rules.TargetOverrides;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.Distribution;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.TargetKind;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Fires when runs of a language come close to their memory limit: the p95 peak memory per run
 * divided by the limit. Aggregates do not carry the limits of the submissions, so the limit is
 * configured, per language where it differs.
 */
public final class MemoryPressureRule extends LanguageRule {
    public static final String ID = "memory-pressure";

    private static final RuleDefinition DEFINITION =
            new RuleDefinition(
                    ID,
                    TargetKind.LANGUAGE,
                    "Runs of a language come close to their memory limit.",
                    "ratio of p95 peak memory per run to the language's memory limit",
                    SeverityTable.higherIsWorse(0.60, 0.75, 0.85, 0.95),
                    50,
                    "Raise the language's memory limit or bound the runtime's footprint.");

    public static final String LIMIT_BYTES_CONFIG = DEFINITION.keyPrefix() + "limit.bytes";
    public static final String LIMIT_OVERRIDES_CONFIG = DEFINITION.keyPrefix() + "limit.overrides";

    private long defaultLimitBytes;
    private TargetOverrides limits;

    @Override
    public RuleDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void defineKeys(ConfigDef definition) {
        definition
                .define(
                        LIMIT_BYTES_CONFIG,
                        Type.LONG,
                        256L * 1024 * 1024,
                        Range.atLeast(1),
                        Importance.MEDIUM,
                        "Memory limit of a run that peak memory is compared against, in bytes;"
                                + " set it to the default memory limit of submissions.")
                .define(
                        LIMIT_OVERRIDES_CONFIG,
                        Type.LIST,
                        "",
                        TargetOverrides.validator(),
                        Importance.MEDIUM,
                        "Memory limits of single languages as language:bytes entries, such as"
                                + " java:536870912; languages not listed get "
                                + LIMIT_BYTES_CONFIG
                                + ".");
    }

    @Override
    protected void configureKeys(RuleSettings settings) {
        defaultLimitBytes = settings.config().getLong(LIMIT_BYTES_CONFIG);
        limits =
                TargetOverrides.parse(
                        LIMIT_OVERRIDES_CONFIG, settings.config().getList(LIMIT_OVERRIDES_CONFIG));
    }

    @Override
    protected long sampleCount(LanguageStats stats) {
        return stats.getPeakMemoryBytes().getCount();
    }

    @Override
    protected Observation observe(
            String language, LanguageStats stats, WindowData window, RuleContext context) {
        Distribution memory = stats.getPeakMemoryBytes();
        double limitBytes = limits.valueFor(language, defaultLimitBytes);
        double ratio = memory.getP95() / limitBytes;
        EvidenceItem evidence =
                EvidenceItem.of(
                        "run.peak.memory.p95",
                        "bytes",
                        0,
                        limitBytes * lowThreshold(),
                        memory.getP95(),
                        window,
                        memory.getCount());
        return judge(
                language,
                ratio,
                List.of(evidence),
                memory.getCount(),
                memory.getCount(),
                () ->
                        "Runs of "
                                + language
                                + " peak at "
                                + format(memory.getP95() / (1024 * 1024))
                                + " MiB at p95, "
                                + format(ratio * 100)
                                + "% of the "
                                + format(limitBytes / (1024 * 1024))
                                + " MiB limit. Raise the "
                                + language
                                + " memory limit, or bound the runtime's own footprint (heap"
                                + " and stack flags), before MEMORY_LIMIT_EXCEEDED verdicts"
                                + " follow.");
    }
}
