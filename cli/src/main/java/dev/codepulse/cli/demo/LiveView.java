package dev.codepulse.cli.demo;

import dev.codepulse.schemas.Distribution;
import dev.codepulse.schemas.Evidence;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.HealthScore;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.OptimizerAction;
import dev.codepulse.schemas.Recommendation;
import dev.codepulse.schemas.RecommendationState;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link LiveState.Snapshot} as the demo's text dashboard. */
final class LiveView {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int FUNCTIONS_SHOWN = 8;
    private static final int RECOMMENDATIONS_SHOWN = 10;

    private LiveView() {}

    /** Returns the dashboard text. */
    static String render(LiveState.Snapshot state, Duration elapsed, Duration total, long posted) {
        StringBuilder text = new StringBuilder();
        header(text, state, elapsed, total, posted);
        languages(text, state.languages(), state.health());
        functions(text, state.functions());
        recommendations(text, state.recommendations());
        actions(text, state.actions());
        return text.toString();
    }

    private static void header(
            StringBuilder text,
            LiveState.Snapshot state,
            Duration elapsed,
            Duration total,
            long posted) {
        text.append(
                String.format(
                        Locale.ROOT,
                        "codepulse demo  %s%s  posted %d  reported %d  cache hits %s%n",
                        clock(elapsed),
                        total == null ? "" : " / " + clock(total),
                        posted,
                        state.reports(),
                        percent(state.cacheHits(), state.reports())));
        StringBuilder verdicts = new StringBuilder("  verdicts:");
        state.verdicts()
                .forEach(
                        (verdict, count) ->
                                verdicts.append(' ').append(verdict).append(' ').append(count));
        text.append(verdicts).append(System.lineSeparator());
        HealthScore overall = state.health().get("overall");
        if (overall != null) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "  health overall %d/100 (window %s-%s)%n",
                            overall.getScore(),
                            TIME.format(overall.getWindowStart()),
                            TIME.format(overall.getWindowEnd())));
        }
    }

    private static void languages(
            StringBuilder text,
            Map<String, LanguageStats> languages,
            Map<String, HealthScore> health) {
        text.append(System.lineSeparator())
                .append(
                        String.format(
                                Locale.ROOT,
                                "%-11s %-17s %6s %5s %5s %5s %9s %9s %9s %6s%n",
                                "language",
                                "window",
                                "count",
                                "ok%",
                                "err%",
                                "hit%",
                                "run p95",
                                "cmp p95",
                                "queue p95",
                                "health"));
        if (languages.isEmpty()) {
            text.append("  (no window closed yet)").append(System.lineSeparator());
        }
        for (LanguageStats stats : languages.values()) {
            long accepted = stats.getVerdictCounts().getOrDefault("ACCEPTED", 0L);
            long hits = stats.getCacheHits().values().stream().mapToLong(Long::longValue).sum();
            HealthScore score = health.get("language:" + stats.getLanguage());
            text.append(
                    String.format(
                            Locale.ROOT,
                            "%-11s %-17s %6d %5s %5s %5s %9s %9s %9s %6s%n",
                            stats.getLanguage(),
                            TIME.format(stats.getWindowStart())
                                    + "-"
                                    + TIME.format(stats.getWindowEnd()),
                            stats.getCount(),
                            percent(accepted, stats.getCount()),
                            percent(stats.getErrorCount(), stats.getCount()),
                            percent(hits, stats.getCount()),
                            millis(stats.getRunWallMillis()),
                            millis(stats.getCompileMillis()),
                            millis(stats.getQueueMillis()),
                            score == null ? "-" : Integer.toString(score.getScore())));
        }
    }

    private static void functions(StringBuilder text, Map<String, FunctionStats> functions) {
        text.append(System.lineSeparator())
                .append(
                        String.format(
                                Locale.ROOT,
                                "%-28s %7s %10s %10s %7s%n",
                                "slowest functions (p95)",
                                "calls",
                                "p95 ms",
                                "p99 ms",
                                "errors"));
        List<FunctionStats> slowest =
                functions.values().stream()
                        .sorted(
                                Comparator.comparingDouble(
                                                (FunctionStats f) -> f.getWallNanos().getP95())
                                        .reversed())
                        .limit(FUNCTIONS_SHOWN)
                        .toList();
        if (slowest.isEmpty()) {
            text.append("  (no window closed yet)").append(System.lineSeparator());
        }
        for (FunctionStats stats : slowest) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "%-28s %7d %10.2f %10.2f %7d%n",
                            stats.getFunction(),
                            stats.getCount(),
                            stats.getWallNanos().getP95() / 1e6,
                            stats.getWallNanos().getP99() / 1e6,
                            stats.getErrors()));
        }
    }

    private static void recommendations(StringBuilder text, List<Recommendation> recommendations) {
        text.append(System.lineSeparator())
                .append("recommendations")
                .append(System.lineSeparator());
        List<Recommendation> shown =
                recommendations.stream()
                        .sorted(
                                Comparator.comparing(
                                                (Recommendation r) ->
                                                        r.getState()
                                                                == RecommendationState.RESOLVED)
                                        .thenComparing(
                                                Comparator.comparingDouble(
                                                                Recommendation::getImpactScore)
                                                        .reversed()))
                        .limit(RECOMMENDATIONS_SHOWN)
                        .toList();
        if (shown.isEmpty()) {
            text.append("  (none yet; rules speak once a window has closed)")
                    .append(System.lineSeparator());
        }
        for (Recommendation recommendation : shown) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "  %-8s %-8s %-20s %-30s impact %.1f%n",
                            recommendation.getSeverity(),
                            recommendation.getState(),
                            recommendation.getRule(),
                            recommendation.getTarget(),
                            recommendation.getImpactScore()));
            for (Evidence evidence : recommendation.getEvidence()) {
                text.append("      ").append(evidence.getSummary()).append(System.lineSeparator());
            }
            text.append("      suggested: ")
                    .append(recommendation.getSuggestedAction())
                    .append(System.lineSeparator());
        }
    }

    private static void actions(StringBuilder text, List<OptimizerAction> actions) {
        if (actions.isEmpty()) {
            return;
        }
        text.append(System.lineSeparator())
                .append("optimizer actions")
                .append(System.lineSeparator());
        for (OptimizerAction action :
                actions.subList(Math.max(0, actions.size() - 5), actions.size())) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "  %-10s %-8s %-11s %s %d -> %d (bounds %d..%d) by %s%n",
                            action.getStatus(),
                            action.getType(),
                            action.getTarget(),
                            action.getParameter(),
                            action.getPreviousValue(),
                            action.getNewValue(),
                            action.getMinValue(),
                            action.getMaxValue(),
                            action.getIssuedBy()));
        }
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : Math.round(100.0 * part / whole) + "%";
    }

    private static String millis(Distribution distribution) {
        return distribution.getCount() == 0
                ? "-"
                : String.format(Locale.ROOT, "%.0f", distribution.getP95());
    }

    private static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }
}
