package dev.codepulse.worker.cache.internals;

import dev.codepulse.worker.cache.BreakerState;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker over calls to one remote service.
 *
 * <p>CLOSED lets every call through and opens after {@code failureThreshold} consecutive failures.
 * OPEN refuses calls until {@code openDuration} has passed, then lets exactly one probe call
 * through (HALF_OPEN). The probe's success closes the breaker, its failure opens it again. A probe
 * that reports nothing within {@code openDuration} is considered lost and another is allowed.
 *
 * <p>Every permitted call must report {@link #onSuccess} or {@link #onFailure}. Opening from CLOSED
 * is logged at WARN and closing at INFO, once per change. The probe cycle of a long outage is
 * logged at DEBUG, so that it does not repeat every open period. Thread-safe.
 */
public final class CircuitBreaker {
    private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String name;
    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoClock;
    private final Listener listener;

    private BreakerState state = BreakerState.CLOSED;
    private int consecutiveFailures;
    private long openedAtNanos;
    private long probeStartedNanos;
    private boolean probeInFlight;

    /** Receives every state change, on the thread whose call caused it. */
    @FunctionalInterface
    public interface Listener {
        void onTransition(BreakerState from, BreakerState to);
    }

    /**
     * @param name what the breaker guards, for logs, such as {@code redis://host:6379/0}
     * @param failureThreshold consecutive failures that open the breaker, at least 1
     * @param openDuration how long the breaker stays open before a probe
     * @param nanoClock monotonic time source, {@code System::nanoTime} outside tests
     */
    public CircuitBreaker(
            String name,
            int failureThreshold,
            Duration openDuration,
            LongSupplier nanoClock,
            Listener listener) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException(
                    "Invalid failureThreshold " + failureThreshold + "; expected at least 1");
        }
        this.name = Objects.requireNonNull(name, "name can't be null");
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock can't be null");
        this.listener = Objects.requireNonNull(listener, "listener can't be null");
    }

    /** Returns true when a call may go through; the caller must then report its result. */
    public boolean tryAcquire() {
        BreakerState from;
        synchronized (this) {
            if (state == BreakerState.CLOSED) {
                return true;
            }
            long now = nanoClock.getAsLong();
            if (state == BreakerState.HALF_OPEN) {
                if (probeInFlight && now - probeStartedNanos < openNanos) {
                    return false;
                }
                startProbe(now);
                return true;
            }
            if (now - openedAtNanos < openNanos) {
                return false;
            }
            from = state;
            state = BreakerState.HALF_OPEN;
            startProbe(now);
        }
        transitioned(from, BreakerState.HALF_OPEN, null);
        return true;
    }

    /** Records a successful call. */
    public void onSuccess() {
        BreakerState from;
        synchronized (this) {
            consecutiveFailures = 0;
            if (state != BreakerState.HALF_OPEN) {
                return;
            }
            from = state;
            state = BreakerState.CLOSED;
            probeInFlight = false;
        }
        transitioned(from, BreakerState.CLOSED, null);
    }

    /** Records a failed call; {@code cause} is logged when the failure opens the breaker. */
    public void onFailure(Throwable cause) {
        BreakerState from;
        synchronized (this) {
            if (state == BreakerState.OPEN) {
                return;
            }
            consecutiveFailures++;
            if (state == BreakerState.CLOSED && consecutiveFailures < failureThreshold) {
                return;
            }
            from = state;
            state = BreakerState.OPEN;
            openedAtNanos = nanoClock.getAsLong();
            probeInFlight = false;
        }
        transitioned(from, BreakerState.OPEN, cause);
    }

    /** Returns the current state. */
    public synchronized BreakerState state() {
        return state;
    }

    private void startProbe(long now) {
        probeInFlight = true;
        probeStartedNanos = now;
    }

    private void transitioned(BreakerState from, BreakerState to, Throwable cause) {
        long openMs = Duration.ofNanos(openNanos).toMillis();
        if (from == BreakerState.CLOSED && to == BreakerState.OPEN) {
            log.warn(
                    "Circuit breaker opened target={} consecutiveFailures={} openMs={} error={};"
                            + " the cache skips this target and probes it every openMs",
                    name,
                    failureThreshold,
                    openMs,
                    String.valueOf(cause));
        } else if (to == BreakerState.CLOSED) {
            log.info("Circuit breaker closed target={}; the probe call succeeded", name);
        } else {
            log.debug(
                    "Circuit breaker changed target={} from={} to={} error={}",
                    name,
                    from,
                    to,
                    String.valueOf(cause));
        }
        listener.onTransition(from, to);
    }
}
