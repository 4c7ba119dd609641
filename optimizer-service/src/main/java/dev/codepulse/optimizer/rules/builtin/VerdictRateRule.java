package dev.codepulse.optimizer.rules.builtin;

import dev.codepulse.optimizer.rules.EvidenceItem;
import dev.codepulse.optimizer.rules.LanguageRule;
import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.optimizer.rules.RuleContext;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.Verdict;
import java.util.List;

/**
 * Base of the rules that fire when one verdict is frequent in a language: the share of the window's
 * reports with that verdict. Each verdict is its own rule, so each has its own severity table and
 * its own recommendation per language.
 */
public abstract class VerdictRateRule extends LanguageRule {
    private final Verdict verdict;

    protected VerdictRateRule(Verdict verdict) {
        this.verdict = verdict;
    }

    /** Returns the suggested action for a language whose rate of the verdict is high. */
    protected abstract String suggestion(String language, double rate, long reports);

    @Override
    protected final long sampleCount(LanguageStats stats) {
        return stats.getCount();
    }

    @Override
    protected final Observation observe(
            String language, LanguageStats stats, WindowData window, RuleContext context) {
        long matching = stats.getVerdictCounts().getOrDefault(verdict.name(), 0L);
        double rate = (double) matching / stats.getCount();
        EvidenceItem evidence =
                EvidenceItem.of(
                        "verdict." + verdict.name() + ".rate",
                        "ratio",
                        0,
                        lowThreshold(),
                        rate,
                        window,
                        stats.getCount());
        return judge(
                language,
                rate,
                List.of(evidence),
                matching,
                stats.getCount(),
                () -> suggestion(language, rate, matching));
    }

    /** Returns a rate as a percentage with up to one decimal, such as {@code 12.5%}. */
    protected static String percent(double rate) {
        return format(Math.round(rate * 1000) / 10.0) + "%";
    }

    /** Returns the definition's defaults for a verdict rule: at least 50 reports. */
    protected static long defaultMinReports() {
        return 50;
    }
}
