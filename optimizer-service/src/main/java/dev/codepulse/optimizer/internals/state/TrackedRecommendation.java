package dev.codepulse.optimizer.internals.state;

import java.util.List;

/**
 * A recommendation with its life-cycle bookkeeping.
 *
 * @param current latest published revision
 * @param recoveredWindows consecutive windows in which the rule found the target healthy
 * @param lastObservedWindowEndMs end of the last window in which the rule judged the target
 * @param revisions published revisions, oldest first, the newest {@code
 *     recommendation.revisions.kept} of them
 */
public record TrackedRecommendation(
        RecommendationData current,
        int recoveredWindows,
        long lastObservedWindowEndMs,
        List<RecommendationData> revisions) {}
