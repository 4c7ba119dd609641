package dev.codepulse.optimizer.internals.actions;

import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.optimizer.internals.state.ActionData;
import dev.codepulse.optimizer.internals.state.ActionTrack;
import dev.codepulse.optimizer.internals.state.JsonTable;
import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.optimizer.rules.builtin.CacheHitRateRule;
import dev.codepulse.schemas.ActionStatus;
import dev.codepulse.schemas.OptimizerActions;
import dev.codepulse.schemas.Severity;
import java.util.Optional;

/**
 * Plans {@code cache-ttl} actions: when the cache hit rate of a language is low with at least the
 * configured severity, the TTL of that language is multiplied by {@code action.cache.ttl.factor}
 * and clamped to {@code [action.cache.ttl.min.ms, action.cache.ttl.max.ms]}. The current TTL is the
 * value of the newest APPLIED acknowledgement, else {@code action.cache.ttl.current.ms}. At most
 * one action per language is issued per {@code action.cache.ttl.cooldown.windows} windows, none
 * once the TTL is at its maximum, and each is DRY_RUN unless {@code action.cache.ttl.enabled} is
 * true.
 */
public final class CacheTtlPlanner implements ActionPlanner {
    private final JsonTable<ActionTrack> tracks;
    private final boolean enabled;
    private final long configuredTtlMs;
    private final long minTtlMs;
    private final long maxTtlMs;
    private final double factor;
    private final Severity minSeverity;
    private final int cooldownWindows;

    public CacheTtlPlanner(OptimizerConfig config, JsonTable<ActionTrack> tracks) {
        this.tracks = tracks;
        this.enabled = config.getBoolean(OptimizerConfig.CACHE_TTL_ENABLED_CONFIG);
        this.configuredTtlMs = config.getLong(OptimizerConfig.CACHE_TTL_CURRENT_MS_CONFIG);
        this.minTtlMs = config.getLong(OptimizerConfig.CACHE_TTL_MIN_MS_CONFIG);
        this.maxTtlMs = config.getLong(OptimizerConfig.CACHE_TTL_MAX_MS_CONFIG);
        this.factor = config.getDouble(OptimizerConfig.CACHE_TTL_FACTOR_CONFIG);
        this.minSeverity =
                Severity.valueOf(config.getString(OptimizerConfig.CACHE_TTL_MIN_SEVERITY_CONFIG));
        this.cooldownWindows = config.getInt(OptimizerConfig.CACHE_TTL_COOLDOWN_WINDOWS_CONFIG);
    }

    @Override
    public String type() {
        return OptimizerActions.CACHE_TTL_TYPE;
    }

    @Override
    public String ruleId() {
        return CacheHitRateRule.ID;
    }

    @Override
    public Plan plan(Observation firing, String recommendationId, WindowData window, long nowMs) {
        if (firing.severity().compareTo(minSeverity) < 0) {
            return Plan.NONE;
        }
        String language = firing.target();
        ActionTrack track =
                tracks.get(ActionTrack.key(type(), language))
                        .orElse(ActionTrack.empty(type(), language));
        long currentMs = track.appliedValue() != null ? track.appliedValue() : configuredTtlMs;
        long proposedMs = Math.max(minTtlMs, Math.min(maxTtlMs, Math.round(currentMs * factor)));
        if (proposedMs <= currentMs) {
            return new Plan(
                    false,
                    " The cache TTL of "
                            + language
                            + " is "
                            + currentMs
                            + " ms, already at its maximum of "
                            + maxTtlMs
                            + " ms.",
                    Optional.empty());
        }

        String note = note(language, currentMs, proposedMs);
        long windowEndMs = window.end().toEpochMilli();
        boolean coolingDown =
                track.lastIssued() != null
                        && windowEndMs - track.lastIssuedWindowEndMs()
                                < cooldownWindows * window.sizeMs();
        if (coolingDown) {
            return new Plan(true, note, Optional.empty());
        }
        ActionData action =
                issue(firing, recommendationId, currentMs, proposedMs, windowEndMs, nowMs);
        tracks.put(
                ActionTrack.key(type(), language),
                new ActionTrack(
                        type(),
                        language,
                        track.appliedValue(),
                        action,
                        windowEndMs,
                        track.acknowledgements()));
        return new Plan(true, note, Optional.of(action));
    }

    private String note(String language, long currentMs, long proposedMs) {
        return " Automatic action cache-ttl: "
                + OptimizerActions.CACHE_TTL_PARAMETER
                + " of "
                + language
                + " from "
                + currentMs
                + " to "
                + proposedMs
                + " ms ("
                + (enabled
                        ? "requested from the workers"
                        : "dry run; set "
                                + OptimizerConfig.CACHE_TTL_ENABLED_CONFIG
                                + "=true to apply")
                + ").";
    }

    private ActionData issue(
            Observation firing,
            String recommendationId,
            long currentMs,
            long proposedMs,
            long windowEndMs,
            long nowMs) {
        String language = firing.target();
        return new ActionData(
                type() + ":" + language + ":" + windowEndMs,
                type(),
                language,
                OptimizerActions.CACHE_TTL_PARAMETER,
                currentMs,
                proposedMs,
                minTtlMs,
                maxTtlMs,
                enabled ? ActionStatus.REQUESTED : ActionStatus.DRY_RUN,
                firing.evidence().isEmpty() ? "" : firing.evidence().get(0).summary(),
                recommendationId,
                OptimizerActions.ISSUED_BY_OPTIMIZER,
                nowMs);
    }
}
