package dev.codepulse.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * The contract of the optimizer-actions topic, shared by the optimizer that issues actions and the
 * workers that apply them.
 *
 * <p>The optimizer publishes an {@link OptimizerAction} with status {@link ActionStatus#DRY_RUN}
 * (recorded only, never to be applied) or {@link ActionStatus#REQUESTED} (apply it), with {@code
 * issuedBy} equal to {@link #ISSUED_BY_OPTIMIZER}. A worker that reads a REQUESTED action applies
 * {@code newValue} to {@code parameter} for {@code target} when the value lies within its own
 * bounds, and publishes an acknowledgement on the same topic and key: a copy of the action with
 * status {@link ActionStatus#APPLIED} or {@link ActionStatus#REJECTED}, {@code issuedBy} set to its
 * worker id and {@code reason} saying why it rejected (see {@link #acknowledge}). Workers ignore
 * DRY_RUN actions and every acknowledgement.
 *
 * <p>Action types:
 *
 * <ul>
 *   <li>{@value #CACHE_TTL_TYPE}: target is a language id, parameter {@value #CACHE_TTL_PARAMETER},
 *       a time-to-live in milliseconds for new entries of that language in the result cache. {@code
 *       newValue} lies within {@code minValue} and {@code maxValue}.
 * </ul>
 */
public final class OptimizerActions {
    /** {@code issuedBy} of every action the optimizer publishes. */
    public static final String ISSUED_BY_OPTIMIZER = "optimizer";

    /** Action type that changes the result-cache TTL of one language. */
    public static final String CACHE_TTL_TYPE = "cache-ttl";

    /** Parameter of {@link #CACHE_TTL_TYPE}: time-to-live of new cache entries, in milliseconds. */
    public static final String CACHE_TTL_PARAMETER = "cache.ttl.ms";

    private OptimizerActions() {}

    /** Returns true for DRY_RUN and REQUESTED, the statuses only the optimizer publishes. */
    public static boolean isIssuedByOptimizer(OptimizerAction action) {
        return action.getStatus() == ActionStatus.DRY_RUN
                || action.getStatus() == ActionStatus.REQUESTED;
    }

    /**
     * Builds a worker's acknowledgement of a requested action: a copy with the given status,
     * reason, worker id and time.
     *
     * @param status APPLIED or REJECTED
     * @throws IllegalArgumentException if {@code status} is not APPLIED or REJECTED
     */
    public static OptimizerAction acknowledge(
            OptimizerAction requested,
            ActionStatus status,
            String workerId,
            String reason,
            Instant at) {
        Objects.requireNonNull(requested, "requested can't be null");
        Objects.requireNonNull(workerId, "workerId can't be null");
        if (status != ActionStatus.APPLIED && status != ActionStatus.REJECTED) {
            throw new IllegalArgumentException(
                    "Invalid acknowledgement status " + status + "; expected APPLIED or REJECTED");
        }
        // Copies field by field: newBuilder(requested) deep-copies through Avro's class loading,
        // which rejects this package until a serde has installed the trust rule.
        return OptimizerAction.newBuilder()
                .setId(requested.getId())
                .setType(requested.getType())
                .setTarget(requested.getTarget())
                .setParameter(requested.getParameter())
                .setPreviousValue(requested.getPreviousValue())
                .setNewValue(requested.getNewValue())
                .setMinValue(requested.getMinValue())
                .setMaxValue(requested.getMaxValue())
                .setRecommendationId(requested.getRecommendationId())
                .setStatus(status)
                .setIssuedBy(workerId)
                .setReason(reason == null ? "" : reason)
                .setIssuedAt(Objects.requireNonNull(at, "at can't be null"))
                .build();
    }
}
