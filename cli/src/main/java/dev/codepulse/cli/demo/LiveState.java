package dev.codepulse.cli.demo;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.HealthScore;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.OptimizerAction;
import dev.codepulse.schemas.Recommendation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The latest of everything the pipeline published, as the live view shows it. Thread-safe. */
final class LiveState {
    private final Map<String, Long> verdicts = new TreeMap<>();
    private final Map<String, LanguageStats> languages = new TreeMap<>();
    private final Map<String, FunctionStats> functions = new TreeMap<>();
    private final Map<String, Recommendation> recommendations = new LinkedHashMap<>();
    private final Map<String, HealthScore> health = new TreeMap<>();
    private final List<OptimizerAction> actions = new ArrayList<>();
    private long reports;
    private long cacheHits;

    synchronized void report(ExecutionReport report) {
        reports++;
        verdicts.merge(report.getVerdict().name(), 1L, Long::sum);
        if (report.getCache().getHit()) {
            cacheHits++;
        }
    }

    synchronized void languageStats(LanguageStats stats) {
        LanguageStats current = languages.get(stats.getLanguage());
        if (current == null || !stats.getWindowStart().isBefore(current.getWindowStart())) {
            languages.put(stats.getLanguage(), stats);
        }
    }

    synchronized void functionStats(FunctionStats stats) {
        FunctionStats current = functions.get(stats.getFunction());
        if (current == null || !stats.getWindowStart().isBefore(current.getWindowStart())) {
            functions.put(stats.getFunction(), stats);
        }
    }

    synchronized void recommendation(Recommendation recommendation) {
        recommendations.remove(recommendation.getId());
        recommendations.put(recommendation.getId(), recommendation);
    }

    synchronized void health(HealthScore score) {
        health.put(score.getScope(), score);
    }

    synchronized void action(OptimizerAction action) {
        actions.add(action);
        if (actions.size() > 20) {
            actions.remove(0);
        }
    }

    /** Returns a consistent copy for rendering. */
    synchronized Snapshot snapshot() {
        return new Snapshot(
                reports,
                cacheHits,
                new TreeMap<>(verdicts),
                new TreeMap<>(languages),
                new TreeMap<>(functions),
                new ArrayList<>(recommendations.values()),
                new TreeMap<>(health),
                new ArrayList<>(actions));
    }

    /** An immutable view of the state at one moment. */
    record Snapshot(
            long reports,
            long cacheHits,
            Map<String, Long> verdicts,
            Map<String, LanguageStats> languages,
            Map<String, FunctionStats> functions,
            List<Recommendation> recommendations,
            Map<String, HealthScore> health,
            List<OptimizerAction> actions) {}
}
