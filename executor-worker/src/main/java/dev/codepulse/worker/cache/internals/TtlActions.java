package dev.codepulse.worker.cache.internals;

import dev.codepulse.schemas.ActionStatus;
import dev.codepulse.schemas.OptimizerAction;
import dev.codepulse.worker.cache.ResultCache;
import dev.codepulse.worker.cache.TtlUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The handling of {@code cache-ttl} optimizer actions by a worker: which records it applies, how,
 * and the acknowledgement it publishes. Free of Kafka, so it can be tested alone.
 */
public final class TtlActions {
    /** Action type of a TTL change. */
    public static final String TYPE = "cache-ttl";

    /** Parameter a TTL change sets; its values are milliseconds. */
    public static final String PARAMETER = "cache.ttl.ms";

    private TtlActions() {}

    /** Returns true for a TTL change that the optimizer requests workers to apply. */
    public static boolean isRequest(OptimizerAction action) {
        return TYPE.equals(action.getType()) && action.getStatus() == ActionStatus.REQUESTED;
    }

    /**
     * Applies a TTL action to {@code cache} within the cache's bounds: target is the language and
     * newValue the TTL in milliseconds. An action for another parameter is rejected.
     */
    public static TtlUpdate apply(OptimizerAction action, ResultCache cache) {
        Duration requested = Duration.ofMillis(action.getNewValue());
        if (!PARAMETER.equals(action.getParameter())) {
            Duration current = cache.ttl(action.getTarget());
            return new TtlUpdate(
                    action.getTarget(),
                    requested,
                    false,
                    current,
                    current,
                    "unsupported parameter '"
                            + action.getParameter()
                            + "' for action type "
                            + TYPE
                            + "; expected "
                            + PARAMETER);
        }
        return cache.setTtl(action.getTarget(), requested);
    }

    /**
     * Returns the acknowledgement of {@code request}: the same id, type, target, parameter and
     * requested value, with status APPLIED or REJECTED, this worker's previous TTL, the rejection
     * reason (or the request's own reason when applied), and this worker as issuer.
     */
    public static OptimizerAction acknowledgement(
            OptimizerAction request, TtlUpdate update, String instanceId, Instant now) {
        return OptimizerAction.newBuilder(request)
                .setStatus(update.applied() ? ActionStatus.APPLIED : ActionStatus.REJECTED)
                .setPreviousValue(update.previous().toMillis())
                .setReason(update.applied() ? request.getReason() : update.reason())
                .setIssuedBy(instanceId)
                .setIssuedAt(now)
                .build();
    }

    /**
     * Collects the TTL actions read from the start of the topic and decides, per target, which
     * values a starting worker tries and which request it acknowledges.
     *
     * <p>A running worker applies each request in turn and keeps its TTL when a request is out of
     * its bounds. A starting worker reaches the same TTL by trying the requests newest first and
     * applying the first one within its bounds.
     *
     * <p>The topic is compacted by target, and acknowledgements share the key of their request, so
     * compaction may have removed the requests of a target and kept only acknowledgements. Each
     * acknowledgement carries the requested value, so for a target without any REQUESTED record the
     * acknowledgements stand in for the requests. The worker acknowledges only the latest request
     * of a target, and only when this instance has not acknowledged it before.
     */
    public static final class Replay {
        private final String instanceId;
        private final Map<String, List<OptimizerAction>> requests = new TreeMap<>();
        private final Map<String, List<OptimizerAction>> acknowledgements = new TreeMap<>();
        private final Set<String> acknowledgedHere = new HashSet<>();

        /**
         * The start-up decision for one target.
         *
         * @param target the language id
         * @param newestFirst the actions whose values to try, newest first; never empty
         * @param toAcknowledge the request to acknowledge, the first of {@code newestFirst}, or
         *     null when none needs it
         */
        public record Decision(
                String target, List<OptimizerAction> newestFirst, OptimizerAction toAcknowledge) {}

        public Replay(String instanceId) {
            this.instanceId = instanceId;
        }

        /** Takes the next record of the topic; records of one target arrive in offset order. */
        public void offer(OptimizerAction action) {
            if (!TYPE.equals(action.getType())) {
                return;
            }
            switch (action.getStatus()) {
                case REQUESTED -> append(requests, action);
                case APPLIED, REJECTED -> {
                    append(acknowledgements, action);
                    if (instanceId.equals(action.getIssuedBy())) {
                        acknowledgedHere.add(action.getId());
                    }
                }
                default -> {
                    // A DRY_RUN record is not meant to be applied.
                }
            }
        }

        /** Returns one decision per target seen, sorted by target. */
        public List<Decision> decisions() {
            Map<String, Decision> decisions = new TreeMap<>();
            acknowledgements.forEach(
                    (target, acks) ->
                            decisions.put(target, new Decision(target, newestFirst(acks), null)));
            requests.forEach(
                    (target, requested) -> {
                        List<OptimizerAction> newestFirst = newestFirst(requested);
                        OptimizerAction latest = newestFirst.get(0);
                        boolean acknowledged = acknowledgedHere.contains(latest.getId());
                        decisions.put(
                                target,
                                new Decision(target, newestFirst, acknowledged ? null : latest));
                    });
            return new ArrayList<>(decisions.values());
        }

        private static void append(
                Map<String, List<OptimizerAction>> byTarget, OptimizerAction action) {
            byTarget.computeIfAbsent(action.getTarget(), target -> new ArrayList<>()).add(action);
        }

        private static List<OptimizerAction> newestFirst(List<OptimizerAction> inOrder) {
            List<OptimizerAction> reversed = new ArrayList<>(inOrder);
            Collections.reverse(reversed);
            return reversed;
        }
    }
}
