package dev.codepulse.optimizer.rules.builtin;

import dev.codepulse.optimizer.rules.EvidenceItem;
import dev.codepulse.optimizer.rules.LanguageRule;
import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.optimizer.rules.RuleContext;
import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.RuleSettings;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.optimizer.rules.SilentReason;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.TargetKind;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Fires when submissions of a language wait longer and longer before a worker takes them: the p95
 * queue time divided by max(median p95 of earlier windows, floor). The floor keeps a queue that
 * grows from 5 ms to 20 ms from counting as a backlog.
 */
public final class QueueGrowthRule extends LanguageRule {
    public static final String ID = "queue-growth";

    private static final RuleDefinition DEFINITION =
            new RuleDefinition(
                    ID,
                    TargetKind.LANGUAGE,
                    "Queue time of a language grows against its own history.",
                    "ratio of p95 queue time to max(median p95 of earlier windows, floor)",
                    SeverityTable.higherIsWorse(1.5, 2.0, 4.0, 8.0),
                    20,
                    "Add workers or execution slots.");

    public static final String MIN_HISTORY_WINDOWS_CONFIG =
            DEFINITION.keyPrefix() + "min.history.windows";
    public static final String FLOOR_MS_CONFIG = DEFINITION.keyPrefix() + "floor.ms";

    private int minHistoryWindows;
    private double floorMs;

    @Override
    public RuleDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void defineKeys(ConfigDef definition) {
        definition
                .define(
                        MIN_HISTORY_WINDOWS_CONFIG,
                        Type.INT,
                        3,
                        Range.between(1, 1_000),
                        Importance.LOW,
                        "Earlier windows with enough samples a language needs before its queue"
                                + " time is compared against their median, in windows.")
                .define(
                        FLOOR_MS_CONFIG,
                        Type.DOUBLE,
                        100.0,
                        Range.between(0.001, 3_600_000.0),
                        Importance.LOW,
                        "Smallest baseline queue time, in milliseconds: growth is measured against"
                                + " at least this value.");
    }

    @Override
    protected void configureKeys(RuleSettings settings) {
        minHistoryWindows = settings.config().getInt(MIN_HISTORY_WINDOWS_CONFIG);
        floorMs = settings.config().getDouble(FLOOR_MS_CONFIG);
    }

    @Override
    protected long sampleCount(LanguageStats stats) {
        return stats.getQueueMillis().getCount();
    }

    @Override
    protected Observation observe(
            String language, LanguageStats stats, WindowData window, RuleContext context) {
        String series = ID + ":" + language;
        List<Double> history = context.history(series);
        double p95Ms = stats.getQueueMillis().getP95();
        long samples = stats.getQueueMillis().getCount();
        context.record(series, p95Ms);
        if (history.size() < minHistoryWindows) {
            return Observation.silent(
                    language,
                    SilentReason.INSUFFICIENT_HISTORY,
                    history.size() + " windows of history, need at least " + minHistoryWindows,
                    samples);
        }
        double baselineMs = Math.max(median(history), floorMs);
        EvidenceItem evidence =
                EvidenceItem.of(
                        "queue.p95", "ms", 0, baselineMs * lowThreshold(), p95Ms, window, samples);
        return judge(
                language,
                p95Ms / baselineMs,
                List.of(evidence),
                samples,
                samples,
                () ->
                        "Queue time of "
                                + language
                                + " submissions grew to "
                                + format(p95Ms)
                                + " ms at p95 from a baseline of "
                                + format(baselineMs)
                                + " ms. Start more executor-worker processes in the consumer group"
                                + " or raise their execution slots, and keep the submissions topic"
                                + " at least as many partitions as workers.");
    }
}
