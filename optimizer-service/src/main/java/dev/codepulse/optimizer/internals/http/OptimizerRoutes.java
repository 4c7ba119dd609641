package dev.codepulse.optimizer.internals.http;

import dev.codepulse.common.AvroJson;
import dev.codepulse.common.http.HttpEndpoint;
import dev.codepulse.common.http.HttpEndpoint.Response;
import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.optimizer.internals.OptimizerView;
import dev.codepulse.optimizer.internals.engine.AvroMapping;
import dev.codepulse.optimizer.internals.state.ActionTrack;
import dev.codepulse.optimizer.internals.state.HealthData;
import dev.codepulse.optimizer.internals.state.RecommendationData;
import dev.codepulse.optimizer.internals.state.RuleStatus;
import dev.codepulse.optimizer.internals.state.TrackedRecommendation;
import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.schemas.RecommendationState;
import dev.codepulse.schemas.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The optimizer's HTTP routes, answered from the latest {@link OptimizerView} snapshot:
 *
 * <ul>
 *   <li>{@code /recommendations}: current recommendations, highest impact first; filters {@code
 *       severity}, {@code minSeverity}, {@code state} (comma-separated), {@code target}, {@code
 *       rule}
 *   <li>{@code /recommendations/history?id=ID}: the published revisions of one recommendation
 *   <li>{@code /health-scores}: the latest score per scope; filter {@code scope}
 *   <li>{@code /rules}: each configured rule with its table and what it concluded in the latest
 *       window, including the targets it stayed silent about and why
 *   <li>{@code /actions}: each action type and target with the last issued action, the applied
 *       value and the newest acknowledgement per worker; filters {@code type}, {@code target}
 * </ul>
 */
public final class OptimizerRoutes {
    private final OptimizerView view;
    private final OptimizerConfig config;

    public OptimizerRoutes(OptimizerView view, OptimizerConfig config) {
        this.view = view;
        this.config = config;
    }

    /** Adds the routes to an endpoint. */
    public HttpEndpoint register(HttpEndpoint endpoint) {
        return endpoint.route("/recommendations", this::recommendations)
                .route("/recommendations/history", this::history)
                .route("/health-scores", this::healthScores)
                .route("/rules", query -> Response.ok(rules()))
                .route("/actions", this::actions);
    }

    Response recommendations(Map<String, String> query) {
        Predicate<RecommendationData> filter = recommendationFilter(query);
        List<Map<String, Object>> items = new ArrayList<>();
        view.snapshot().recommendations().stream()
                .filter(tracked -> filter.test(tracked.current()))
                .sorted(BY_ACTIVE_THEN_IMPACT)
                .forEach(tracked -> items.add(recommendationJson(tracked)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", items.size());
        body.put("recommendations", items);
        return Response.ok(body);
    }

    Response history(Map<String, String> query) {
        String id = query.get("id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(
                    "Missing query parameter id, such as ?id=slow-function:executor.run");
        }
        Optional<TrackedRecommendation> found =
                view.snapshot().recommendations().stream()
                        .filter(tracked -> tracked.current().id().equals(id))
                        .findFirst();
        if (found.isEmpty()) {
            return Response.error(404, "No recommendation with id '" + id + "'");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("recoveredWindows", found.get().recoveredWindows());
        body.put(
                "revisions",
                found.get().revisions().stream()
                        .map(revision -> AvroJson.toMap(AvroMapping.toAvro(revision)))
                        .toList());
        return Response.ok(body);
    }

    Response healthScores(Map<String, String> query) {
        String scope = query.get("scope");
        List<Map<String, Object>> scores =
                view.snapshot().health().stream()
                        .filter(score -> scope == null || score.scope().equals(scope))
                        .sorted(Comparator.comparing(HealthData::scope))
                        .map(score -> AvroJson.toMap(AvroMapping.toAvro(score)))
                        .toList();
        if (scope != null && scores.isEmpty()) {
            return Response.error(404, "No health score for scope '" + scope + "'");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scores", scores);
        return Response.ok(body);
    }

    List<Map<String, Object>> rules() {
        Map<String, RuleStatus> statuses = new LinkedHashMap<>();
        for (RuleStatus status : view.snapshot().rules()) {
            statuses.put(status.rule(), status);
        }
        List<Map<String, Object>> rules = new ArrayList<>();
        for (OptimizerConfig.ConfiguredRule configured : config.rules()) {
            RuleDefinition definition = configured.rule().definition();
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("rule", definition.id());
            rule.put("enabled", configured.enabled());
            rule.put("targetKind", definition.targetKind().name());
            rule.put("description", definition.description());
            rule.put("thresholdUnit", definition.thresholdUnit());
            rule.put("severityTable", configured.settings().table());
            rule.put("minSamples", configured.settings().minSamples());
            RuleStatus status = statuses.get(definition.id());
            rule.put("lastWindow", status == null ? null : lastWindow(status));
            rules.add(rule);
        }
        return rules;
    }

    Response actions(Map<String, String> query) {
        String type = query.get("type");
        String target = query.get("target");
        List<ActionTrack> tracks =
                view.snapshot().actions().stream()
                        .filter(track -> type == null || track.type().equals(type))
                        .filter(track -> target == null || track.target().equals(target))
                        .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("actions", tracks);
        return Response.ok(body);
    }

    private static Map<String, Object> lastWindow(RuleStatus status) {
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("windowStart", Instant.ofEpochMilli(status.windowStartMs()).toString());
        window.put("windowEnd", Instant.ofEpochMilli(status.windowEndMs()).toString());
        window.put("firing", status.firing());
        window.put("healthy", status.healthy());
        window.put("silent", status.silent());
        window.put("silentTargets", status.silentTargets());
        return window;
    }

    private static Map<String, Object> recommendationJson(TrackedRecommendation tracked) {
        Map<String, Object> item = AvroJson.toMap(AvroMapping.toAvro(tracked.current()));
        item.put("recoveredWindows", tracked.recoveredWindows());
        return item;
    }

    private static final Comparator<TrackedRecommendation> BY_ACTIVE_THEN_IMPACT =
            Comparator.comparing((TrackedRecommendation t) -> !t.current().active())
                    .thenComparing(
                            (TrackedRecommendation t) -> t.current().impactScore(),
                            Comparator.reverseOrder())
                    .thenComparing(t -> t.current().id());

    private static Predicate<RecommendationData> recommendationFilter(Map<String, String> query) {
        Predicate<RecommendationData> filter = data -> true;
        if (query.containsKey("severity")) {
            Severity severity = severity(query.get("severity"));
            filter = filter.and(data -> data.severity() == severity);
        }
        if (query.containsKey("minSeverity")) {
            Severity min = severity(query.get("minSeverity"));
            filter = filter.and(data -> data.severity().compareTo(min) >= 0);
        }
        if (query.containsKey("state")) {
            List<RecommendationState> states =
                    Arrays.stream(query.get("state").split(","))
                            .map(OptimizerRoutes::state)
                            .toList();
            filter = filter.and(data -> states.contains(data.state()));
        }
        if (query.containsKey("target")) {
            String target = query.get("target");
            filter = filter.and(data -> data.target().equals(target));
        }
        if (query.containsKey("rule")) {
            String rule = query.get("rule");
            filter = filter.and(data -> data.rule().equals(rule));
        }
        return filter;
    }

    private static Severity severity(String text) {
        try {
            return Severity.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Invalid severity '"
                            + text
                            + "'; expected one of "
                            + Arrays.toString(Severity.values()));
        }
    }

    private static RecommendationState state(String text) {
        try {
            return RecommendationState.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Invalid state '"
                            + text
                            + "'; expected one of "
                            + Arrays.toString(RecommendationState.values()));
        }
    }
}
