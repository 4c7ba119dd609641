package dev.codepulse.optimizer.internals.state;

import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.schemas.TargetKind;
import java.util.List;

/**
 * What a rule concluded in the newest evaluated window, including why it stayed silent.
 *
 * @param silentTargets each target the rule stayed silent about, with the reason and numbers
 */
public record RuleStatus(
        String rule,
        boolean enabled,
        TargetKind targetKind,
        String description,
        long minSamples,
        SeverityTable severityTable,
        long windowStartMs,
        long windowEndMs,
        int firing,
        int healthy,
        int silent,
        List<SilentTarget> silentTargets) {

    /** A target a rule stayed silent about. */
    public record SilentTarget(String target, String reason, String detail) {}
}
