package dev.codepulse.optimizer.internals.engine;

import dev.codepulse.optimizer.internals.state.ActionData;
import dev.codepulse.optimizer.internals.state.HealthData;
import dev.codepulse.optimizer.internals.state.RecommendationData;
import dev.codepulse.optimizer.rules.EvidenceItem;
import dev.codepulse.schemas.Evidence;
import dev.codepulse.schemas.HealthPart;
import dev.codepulse.schemas.HealthScore;
import dev.codepulse.schemas.OptimizerAction;
import dev.codepulse.schemas.Recommendation;
import java.time.Instant;
import java.util.List;

/** Converts the optimizer's state records to the Avro events it publishes, and back. */
public final class AvroMapping {
    private AvroMapping() {}

    /** Returns the Avro event of a recommendation revision. */
    public static Recommendation toAvro(RecommendationData data) {
        return Recommendation.newBuilder()
                .setId(data.id())
                .setRule(data.rule())
                .setTargetKind(data.targetKind())
                .setTarget(data.target())
                .setSeverity(data.severity())
                .setImpactScore(data.impactScore())
                .setState(data.state())
                .setRevision(data.revision())
                .setEvidence(data.evidence().stream().map(AvroMapping::toAvro).toList())
                .setSuggestedAction(data.suggestedAction())
                .setAutoApplicable(data.autoApplicable())
                .setFirstSeen(Instant.ofEpochMilli(data.firstSeenMs()))
                .setUpdatedAt(Instant.ofEpochMilli(data.updatedAtMs()))
                .build();
    }

    /** Returns the Avro record of one evidence item. */
    public static Evidence toAvro(EvidenceItem item) {
        return Evidence.newBuilder()
                .setMetric(item.metric())
                .setUnit(item.unit())
                .setExpectedLow(item.expectedLow())
                .setExpectedHigh(item.expectedHigh())
                .setObserved(item.observed())
                .setWindowStart(item.windowStart())
                .setWindowEnd(item.windowEnd())
                .setSampleCount(item.sampleCount())
                .setSummary(item.summary())
                .build();
    }

    /** Returns the Avro event of a health score. */
    public static HealthScore toAvro(HealthData data) {
        List<HealthPart> parts =
                data.parts().stream()
                        .map(
                                part ->
                                        HealthPart.newBuilder()
                                                .setName(part.name())
                                                .setScore(part.score())
                                                .setWeight(part.weight())
                                                .setDetail(part.detail())
                                                .build())
                        .toList();
        return HealthScore.newBuilder()
                .setScope(data.scope())
                .setScore(data.score())
                .setParts(parts)
                .setWindowStart(Instant.ofEpochMilli(data.windowStartMs()))
                .setWindowEnd(Instant.ofEpochMilli(data.windowEndMs()))
                .setOpenRecommendations(data.openRecommendations())
                .build();
    }

    /** Returns the Avro event of an action. */
    public static OptimizerAction toAvro(ActionData data) {
        return OptimizerAction.newBuilder()
                .setId(data.id())
                .setType(data.type())
                .setTarget(data.target())
                .setParameter(data.parameter())
                .setPreviousValue(data.previousValue())
                .setNewValue(data.newValue())
                .setMinValue(data.minValue())
                .setMaxValue(data.maxValue())
                .setStatus(data.status())
                .setReason(data.reason())
                .setRecommendationId(data.recommendationId())
                .setIssuedBy(data.issuedBy())
                .setIssuedAt(Instant.ofEpochMilli(data.issuedAtMs()))
                .build();
    }

    /** Returns the state record of an action or acknowledgement read from the topic. */
    public static ActionData fromAvro(OptimizerAction action) {
        return new ActionData(
                action.getId(),
                action.getType(),
                action.getTarget(),
                action.getParameter(),
                action.getPreviousValue(),
                action.getNewValue(),
                action.getMinValue(),
                action.getMaxValue(),
                action.getStatus(),
                action.getReason(),
                action.getRecommendationId(),
                action.getIssuedBy(),
                action.getIssuedAt().toEpochMilli());
    }
}
