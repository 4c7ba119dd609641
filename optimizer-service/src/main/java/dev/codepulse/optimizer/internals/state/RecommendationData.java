package dev.codepulse.optimizer.internals.state;

import dev.codepulse.optimizer.rules.EvidenceItem;
import dev.codepulse.schemas.RecommendationState;
import dev.codepulse.schemas.Severity;
import dev.codepulse.schemas.TargetKind;
import java.util.List;

/** One published revision of a recommendation; mirrors the Avro {@code Recommendation}. */
public record RecommendationData(
        String id,
        String rule,
        TargetKind targetKind,
        String target,
        Severity severity,
        double impactScore,
        RecommendationState state,
        int revision,
        List<EvidenceItem> evidence,
        String suggestedAction,
        boolean autoApplicable,
        long firstSeenMs,
        long updatedAtMs) {

    /** Returns true while the recommendation is OPEN or UPDATED. */
    public boolean active() {
        return state != RecommendationState.RESOLVED;
    }
}
