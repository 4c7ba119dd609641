package dev.codepulse.optimizer.internals.engine;

import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.optimizer.internals.state.HealthData;
import dev.codepulse.optimizer.internals.state.RecommendationData;
import dev.codepulse.optimizer.rules.EvidenceItem;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.Distribution;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.TargetKind;
import dev.codepulse.schemas.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Computes health scores from 0 to 100, per language and overall, as weighted sums of parts.
 *
 * <p>Language parts: success-rate 0.30 (share of reports without an error verdict), internal-errors
 * 0.20 (falls linearly to 0 at {@code health.internal.error.max.rate}), latency 0.20 and queue 0.10
 * (100 up to the budget, then budget / p95), open-recommendations 0.20 (100 minus the health
 * penalty of each open recommendation about the language). Overall parts: each scored language
 * weighted by its share of the window's reports, together 0.80, and functions 0.20 (100 minus the
 * penalties of open recommendations about functions).
 */
final class HealthScorer {
    static final String OVERALL_SCOPE = "overall";
    private static final double LANGUAGES_WEIGHT = 0.8;
    private static final double FUNCTIONS_WEIGHT = 0.2;

    private final long minSamples;
    private final double runWallBudgetMs;
    private final double queueBudgetMs;
    private final double internalErrorMaxRate;

    HealthScorer(OptimizerConfig config) {
        this.minSamples = config.getLong(OptimizerConfig.HEALTH_MIN_SAMPLES_CONFIG);
        this.runWallBudgetMs = config.getDouble(OptimizerConfig.HEALTH_RUN_WALL_BUDGET_MS_CONFIG);
        this.queueBudgetMs = config.getDouble(OptimizerConfig.HEALTH_QUEUE_BUDGET_MS_CONFIG);
        this.internalErrorMaxRate =
                config.getDouble(OptimizerConfig.HEALTH_INTERNAL_ERROR_MAX_RATE_CONFIG);
    }

    /** Returns the scope of a language's score, such as {@code language:python}. */
    static String languageScope(String language) {
        return "language:" + language;
    }

    /**
     * Scores every language with at least {@code health.min.samples} reports, then the whole system
     * when at least one language was scored.
     *
     * @param active recommendations in state OPEN or UPDATED after this window
     */
    List<HealthData> score(WindowData window, List<RecommendationData> active) {
        List<HealthData> scores = new ArrayList<>();
        List<HealthData.Part> languageParts = new ArrayList<>();
        long totalReports = 0;
        for (LanguageStats stats : window.languages().values()) {
            if (stats.getCount() >= minSamples) {
                totalReports += stats.getCount();
            }
        }
        for (Map.Entry<String, LanguageStats> entry : window.languages().entrySet()) {
            LanguageStats stats = entry.getValue();
            if (stats.getCount() < minSamples) {
                continue;
            }
            HealthData language = scoreLanguage(entry.getKey(), stats, window, active);
            scores.add(language);
            double share = (double) stats.getCount() / totalReports;
            languageParts.add(
                    new HealthData.Part(
                            language.scope(),
                            language.score(),
                            LANGUAGES_WEIGHT * share,
                            stats.getCount() + " of " + totalReports + " reports in the window"));
        }
        if (!languageParts.isEmpty()) {
            scores.add(scoreOverall(languageParts, window, active));
        }
        return scores;
    }

    private HealthData scoreLanguage(
            String language,
            LanguageStats stats,
            WindowData window,
            List<RecommendationData> active) {
        List<RecommendationData> own =
                active.stream()
                        .filter(r -> r.targetKind() == TargetKind.LANGUAGE)
                        .filter(r -> r.target().equals(language))
                        .toList();
        List<HealthData.Part> parts =
                List.of(
                        successRate(stats),
                        internalErrors(stats),
                        withinBudget("latency", stats.getRunWallMillis(), runWallBudgetMs, 0.20),
                        withinBudget("queue", stats.getQueueMillis(), queueBudgetMs, 0.10),
                        recommendations("open-recommendations", own, 0.20));
        return data(languageScope(language), parts, window, own.size());
    }

    private HealthData scoreOverall(
            List<HealthData.Part> languageParts,
            WindowData window,
            List<RecommendationData> active) {
        List<RecommendationData> functions =
                active.stream().filter(r -> r.targetKind() == TargetKind.FUNCTION).toList();
        List<HealthData.Part> parts = new ArrayList<>(languageParts);
        parts.add(recommendations("functions", functions, FUNCTIONS_WEIGHT));
        return data(OVERALL_SCOPE, parts, window, active.size());
    }

    private static HealthData data(
            String scope, List<HealthData.Part> parts, WindowData window, int open) {
        double total = 0;
        for (HealthData.Part part : parts) {
            total += part.score() * part.weight();
        }
        int score = (int) Math.round(Math.max(0, Math.min(100, total)));
        return new HealthData(
                scope,
                score,
                List.copyOf(parts),
                window.start().toEpochMilli(),
                window.end().toEpochMilli(),
                open);
    }

    private static HealthData.Part successRate(LanguageStats stats) {
        double errorRate = (double) stats.getErrorCount() / stats.getCount();
        return new HealthData.Part(
                "success-rate",
                100 * (1 - errorRate),
                0.30,
                "100 x (1 - "
                        + stats.getErrorCount()
                        + " error verdicts / "
                        + stats.getCount()
                        + " reports)");
    }

    private HealthData.Part internalErrors(LanguageStats stats) {
        long internal = stats.getVerdictCounts().getOrDefault(Verdict.INTERNAL_ERROR.name(), 0L);
        double rate = (double) internal / stats.getCount();
        double score = 100 * Math.max(0, 1 - rate / internalErrorMaxRate);
        return new HealthData.Part(
                "internal-errors",
                score,
                0.20,
                "100 x max(0, 1 - rate "
                        + EvidenceItem.format(rate)
                        + " / "
                        + EvidenceItem.format(internalErrorMaxRate)
                        + "), "
                        + internal
                        + " INTERNAL_ERROR of "
                        + stats.getCount()
                        + " reports");
    }

    private static HealthData.Part withinBudget(
            String name, Distribution distribution, double budgetMs, double weight) {
        if (distribution.getCount() == 0) {
            return new HealthData.Part(name, 100, weight, "no samples in the window");
        }
        double p95 = distribution.getP95();
        double score = p95 <= budgetMs ? 100 : 100 * budgetMs / p95;
        return new HealthData.Part(
                name,
                score,
                weight,
                "p95 "
                        + EvidenceItem.format(p95)
                        + " ms against a budget of "
                        + EvidenceItem.format(budgetMs)
                        + " ms: 100 up to the budget, else 100 x budget / p95");
    }

    private static HealthData.Part recommendations(
            String name, List<RecommendationData> open, double weight) {
        double penalty = 0;
        for (RecommendationData recommendation : open) {
            penalty += SeverityTable.healthPenalty(recommendation.severity());
        }
        return new HealthData.Part(
                name,
                Math.max(0, 100 - penalty),
                weight,
                "100 - "
                        + EvidenceItem.format(penalty)
                        + " penalty of "
                        + open.size()
                        + " open recommendations (LOW 5, MEDIUM 15, HIGH 30, CRITICAL 50)");
    }
}
