package dev.codepulse.worker.cache;

/**
 * State of the circuit breaker in front of Redis.
 *
 * <p>CLOSED: commands go to Redis. OPEN: after consecutive failures, no command goes to Redis until
 * the open period ends. HALF_OPEN: one probe command tests Redis; success closes the breaker,
 * failure opens it again. DISABLED: no Redis is configured.
 */
public enum BreakerState {
    CLOSED,
    OPEN,
    HALF_OPEN,
    DISABLED
}
