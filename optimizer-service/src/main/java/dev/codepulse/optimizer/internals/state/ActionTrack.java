package dev.codepulse.optimizer.internals.state;

import java.util.Map;

/**
 * What the optimizer knows about one action type for one target.
 *
 * @param appliedValue value of the newest APPLIED acknowledgement, or null before any
 * @param lastIssued newest action the optimizer published, or null
 * @param lastIssuedWindowEndMs end of the window that issued it, or {@link Long#MIN_VALUE}
 * @param acknowledgements newest acknowledgement per worker id
 */
public record ActionTrack(
        String type,
        String target,
        Long appliedValue,
        ActionData lastIssued,
        long lastIssuedWindowEndMs,
        Map<String, ActionData> acknowledgements) {

    /** Returns an empty track. */
    public static ActionTrack empty(String type, String target) {
        return new ActionTrack(type, target, null, null, Long.MIN_VALUE, Map.of());
    }

    /** Returns the key of a track: type, slash, target. */
    public static String key(String type, String target) {
        return type + "/" + target;
    }
}
