package dev.codepulse.worker.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of a request to change the TTL of a language.
 *
 * @param language the language id of the request
 * @param requested the requested TTL
 * @param applied true when the TTL was changed to {@code requested}
 * @param previous the TTL before the request
 * @param current the TTL after the request: {@code requested} when applied, else {@code previous}
 * @param reason why the request was rejected, naming the value and the bounds; empty when applied
 */
public record TtlUpdate(
        String language,
        Duration requested,
        boolean applied,
        Duration previous,
        Duration current,
        String reason) {
    public TtlUpdate {
        Objects.requireNonNull(language, "language can't be null");
        Objects.requireNonNull(requested, "requested can't be null");
        Objects.requireNonNull(previous, "previous can't be null");
        Objects.requireNonNull(current, "current can't be null");
        Objects.requireNonNull(reason, "reason can't be null");
    }
}
