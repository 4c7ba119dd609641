package dev.codepulse.profiler.internals;

import dev.codepulse.profiler.FunctionTimer;
import dev.codepulse.profiler.InvalidTimerException;
import dev.codepulse.profiler.TimingMode;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers of one profiler, one per function name, up to a maximum number of names. A request
 * beyond the maximum gets a {@link DisabledTimer}, so the caller's code runs unchanged.
 */
public final class TimerRegistry {
    private static final Logger log = LoggerFactory.getLogger(TimerRegistry.class);

    /** Longest accepted function name, in characters. */
    public static final int MAX_FUNCTION_LENGTH = 255;

    private final Map<String, StripedTimer> timers = new ConcurrentHashMap<>();
    private final int maxFunctions;
    private final int wallSamplePeriod;
    private final int resourceSamplePeriod;
    private final boolean resourcesSupported;
    private final AtomicBoolean rejectionLogged = new AtomicBoolean();
    private final LongAdder rejected = new LongAdder();

    public TimerRegistry(
            int maxFunctions,
            int wallSamplePeriod,
            int resourceSamplePeriod,
            boolean resourcesSupported) {
        this.maxFunctions = maxFunctions;
        this.wallSamplePeriod = wallSamplePeriod;
        this.resourceSamplePeriod = resourceSamplePeriod;
        this.resourcesSupported = resourcesSupported;
    }

    /**
     * Returns the timer of {@code function}, creating it in {@code mode} on first request.
     *
     * @throws InvalidTimerException if the name is blank or too long, or the function already has a
     *     timer in another mode
     */
    public FunctionTimer timer(String function, TimingMode mode) {
        Objects.requireNonNull(function, "function can't be null");
        Objects.requireNonNull(mode, "mode can't be null");
        validate(function);
        StripedTimer existing = timers.get(function);
        if (existing == null) {
            existing = create(function, mode);
            if (existing == null) {
                return reject(function, mode);
            }
        }
        if (existing.mode() != mode) {
            throw new InvalidTimerException(
                    "Function '"
                            + function
                            + "' already has a timer in mode "
                            + existing.mode()
                            + "; request it in that mode instead of "
                            + mode);
        }
        return existing;
    }

    /** Returns every timer, for the flush thread. */
    public Collection<StripedTimer> timers() {
        return timers.values();
    }

    /** Returns the number of functions with a timer. */
    public int size() {
        return timers.size();
    }

    /** Returns the number of timer requests refused because of the function limit. */
    public long rejectedCount() {
        return rejected.sum();
    }

    // Returns null when the limit is reached. The size check is not atomic with the insert, so
    // concurrent first requests may pass the limit by up to the number of racing threads.
    private StripedTimer create(String function, TimingMode mode) {
        if (timers.size() >= maxFunctions) {
            return timers.get(function);
        }
        TimerSettings settings =
                TimerSettings.of(mode, wallSamplePeriod, resourceSamplePeriod, resourcesSupported);
        return timers.computeIfAbsent(function, name -> new StripedTimer(name, settings));
    }

    private FunctionTimer reject(String function, TimingMode mode) {
        rejected.increment();
        if (rejectionLogged.compareAndSet(false, true)) {
            log.warn(
                    "Function limit reached; timers of new functions record nothing, and further"
                            + " rejections are only counted in codepulse.profiler.functions.rejected"
                            + " function={} maxFunctions={}",
                    function,
                    maxFunctions);
        }
        return new DisabledTimer(function, mode);
    }

    private static void validate(String function) {
        if (function.isBlank() || function.length() > MAX_FUNCTION_LENGTH) {
            throw new InvalidTimerException(
                    "Invalid function name '"
                            + function
                            + "'; expected 1 to "
                            + MAX_FUNCTION_LENGTH
                            + " characters, not all blank");
        }
    }
}
