package dev.codepulse.optimizer.rules.builtin;

import dev.codepulse.optimizer.rules.EvidenceItem;
import dev.codepulse.optimizer.rules.LanguageRule;
import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.optimizer.rules.RuleContext;
import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.TargetKind;
import java.util.List;

/**
 * Fires when the result-cache hit rate of a language is low: hits over every tier divided by hits
 * plus misses. The optimizer's {@code cache-ttl} action raises the TTL of such a language.
 */
public final class CacheHitRateRule extends LanguageRule {
    public static final String ID = "cache-hit-rate";

    private static final RuleDefinition DEFINITION =
            new RuleDefinition(
                    ID,
                    TargetKind.LANGUAGE,
                    "The result-cache hit rate of a language is low.",
                    "hit rate, hits / (hits + misses), from 0 to 1; lower is worse",
                    SeverityTable.lowerIsWorse(0.5, 0.3, 0.15, 0.05),
                    50,
                    "Raise the language's cache TTL and check that cache keys are stable.");

    @Override
    public RuleDefinition definition() {
        return DEFINITION;
    }

    @Override
    protected long sampleCount(LanguageStats stats) {
        return hits(stats) + stats.getCacheMisses();
    }

    @Override
    protected Observation observe(
            String language, LanguageStats stats, WindowData window, RuleContext context) {
        long lookups = sampleCount(stats);
        double hitRate = (double) hits(stats) / lookups;
        EvidenceItem evidence =
                EvidenceItem.of(
                        "cache.hit.rate", "ratio", lowThreshold(), 1, hitRate, window, lookups);
        return judge(
                language,
                hitRate,
                List.of(evidence),
                stats.getCacheMisses(),
                lookups,
                () ->
                        "Raise the result-cache TTL of "
                                + language
                                + " so repeated submissions hit (hit rate "
                                + format(hitRate)
                                + " with "
                                + stats.getCacheMisses()
                                + " misses), and check that identical submissions get identical"
                                + " cache keys: toolchain version, compile flags, limits and"
                                + " checker mode are part of the key.");
    }

    private static long hits(LanguageStats stats) {
        return stats.getCacheHits().values().stream().mapToLong(Long::longValue).sum();
    }
}
