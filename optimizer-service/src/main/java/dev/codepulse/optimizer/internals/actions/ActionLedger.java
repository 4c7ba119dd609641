package dev.codepulse.optimizer.internals.actions;

import dev.codepulse.optimizer.internals.engine.AvroMapping;
import dev.codepulse.optimizer.internals.state.ActionData;
import dev.codepulse.optimizer.internals.state.ActionTrack;
import dev.codepulse.optimizer.internals.state.JsonTable;
import dev.codepulse.schemas.ActionStatus;
import dev.codepulse.schemas.OptimizerAction;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records the acknowledgements workers publish for actions: the newest one per worker, and the
 * value of the newest APPLIED one as the setting now in force.
 */
public final class ActionLedger {
    private final JsonTable<ActionTrack> tracks;

    public ActionLedger(JsonTable<ActionTrack> tracks) {
        this.tracks = tracks;
    }

    /**
     * Records an APPLIED or REJECTED acknowledgement and returns the updated track.
     *
     * @throws IllegalArgumentException if the status is DRY_RUN or REQUESTED
     */
    public ActionTrack acknowledge(OptimizerAction acknowledgement) {
        ActionStatus status = acknowledgement.getStatus();
        if (status != ActionStatus.APPLIED && status != ActionStatus.REJECTED) {
            throw new IllegalArgumentException(
                    "Invalid acknowledgement status " + status + "; expected APPLIED or REJECTED");
        }
        String key = ActionTrack.key(acknowledgement.getType(), acknowledgement.getTarget());
        ActionTrack track =
                tracks.get(key)
                        .orElse(
                                ActionTrack.empty(
                                        acknowledgement.getType(), acknowledgement.getTarget()));
        ActionData data = AvroMapping.fromAvro(acknowledgement);
        Map<String, ActionData> acknowledgements = new TreeMap<>(track.acknowledgements());
        acknowledgements.put(acknowledgement.getIssuedBy(), data);
        Long applied =
                status == ActionStatus.APPLIED
                        ? Long.valueOf(acknowledgement.getNewValue())
                        : track.appliedValue();
        ActionTrack updated =
                new ActionTrack(
                        track.type(),
                        track.target(),
                        applied,
                        track.lastIssued(),
                        track.lastIssuedWindowEndMs(),
                        Map.copyOf(acknowledgements));
        tracks.put(key, updated);
        return updated;
    }
}
