package dev.codepulse.optimizer.rules;

import dev.codepulse.schemas.Severity;
import java.util.List;
import java.util.Objects;

/**
 * What a rule concluded about one target in one window: firing with a severity, healthy, or silent
 * with the reason.
 *
 * @param target language id or function name
 * @param status firing, healthy or silent
 * @param severity severity when firing, otherwise null
 * @param evidence measurements behind the conclusion; empty when silent
 * @param volume samples affected in the window, the volume factor of the impact score
 * @param sampleCount samples the rule looked at
 * @param suggestedAction what to change when firing, otherwise empty
 * @param silentReason why the rule stayed silent, otherwise null
 * @param detail the numbers behind a silent reason, such as {@code 12 samples, need at least 50}
 */
public record Observation(
        String target,
        Status status,
        Severity severity,
        List<EvidenceItem> evidence,
        long volume,
        long sampleCount,
        String suggestedAction,
        SilentReason silentReason,
        String detail) {

    /** Outcome of a rule for one target. */
    public enum Status {
        FIRING,
        HEALTHY,
        SILENT
    }

    public Observation {
        Objects.requireNonNull(target, "target can't be null");
        Objects.requireNonNull(status, "status can't be null");
        evidence = List.copyOf(evidence);
        suggestedAction = suggestedAction == null ? "" : suggestedAction;
        detail = detail == null ? "" : detail;
    }

    /** Creates a firing observation. */
    public static Observation firing(
            String target,
            Severity severity,
            List<EvidenceItem> evidence,
            long volume,
            long sampleCount,
            String suggestedAction) {
        return new Observation(
                target,
                Status.FIRING,
                Objects.requireNonNull(severity, "severity can't be null"),
                evidence,
                volume,
                sampleCount,
                suggestedAction,
                null,
                "");
    }

    /** Creates a healthy observation: the metric is within its expected range. */
    public static Observation healthy(
            String target, List<EvidenceItem> evidence, long sampleCount) {
        return new Observation(
                target, Status.HEALTHY, null, evidence, 0, sampleCount, "", null, "");
    }

    /** Creates a silent observation with its reason and the numbers behind it. */
    public static Observation silent(
            String target, SilentReason reason, String detail, long sampleCount) {
        return new Observation(
                target,
                Status.SILENT,
                null,
                List.of(),
                0,
                sampleCount,
                "",
                Objects.requireNonNull(reason, "reason can't be null"),
                detail);
    }
}
