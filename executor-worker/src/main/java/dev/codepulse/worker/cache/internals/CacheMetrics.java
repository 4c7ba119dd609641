package dev.codepulse.worker.cache.internals;

import dev.codepulse.schemas.CacheTier;
import dev.codepulse.worker.cache.BreakerState;
import dev.codepulse.worker.cache.CachePolicy.NotCacheable;
import dev.codepulse.worker.cache.CacheStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Counts what the cache does, both as Micrometer meters under {@code codepulse.cache.*} and as a
 * {@link CacheStats} snapshot for callers. Thread-safe.
 */
public final class CacheMetrics {
    /** Outcome of a wait for another worker's lock. */
    public enum LockWaitOutcome {
        /** The other worker stored the result. */
        VALUE,
        /** The lock was released or expired without a result, and this worker took it. */
        ACQUIRED,
        /** The wait limit passed. */
        TIMEOUT,
        /** Redis failed during the wait. */
        UNAVAILABLE
    }

    private final MeterRegistry registry;
    private final LongAdder lookups = new LongAdder();
    private final LongAdder localHits = new LongAdder();
    private final LongAdder localMisses = new LongAdder();
    private final LongAdder redisHits = new LongAdder();
    private final LongAdder redisMisses = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder lockWaits = new LongAdder();
    private final LongAdder lockWaitTimeouts = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder notCacheable = new LongAdder();
    private final LongAdder tooLarge = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder localEvictions = new LongAdder();
    private final LongAccumulator maxLookupMicros = new LongAccumulator(Math::max, 0);
    private final Map<CacheTier, Timer> lookupTimers = new EnumMap<>(CacheTier.class);
    private final Map<LockWaitOutcome, Timer> lockWaitTimers = new EnumMap<>(LockWaitOutcome.class);
    private final Map<NotCacheable, Counter> notCacheableCounters =
            new EnumMap<>(NotCacheable.class);
    private final DistributionSummary entrySizes;
    private final Counter tooLargeCounter;

    public CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
        registerGets();
        counter(
                "codepulse.cache.coalesced",
                coalesced,
                "Lookups that waited for a thread of" + " this process computing the same key");
        counter("codepulse.cache.stores", stored, "Results written to at least one tier");
        counter(
                "codepulse.cache.errors",
                errors,
                "Failed Redis commands and" + " undecodable entries");
        counter(
                "codepulse.cache.local.evictions",
                localEvictions,
                "Entries the in-process tier" + " removed for size or expiry");
        for (CacheTier tier : CacheTier.values()) {
            lookupTimers.put(
                    tier,
                    Timer.builder("codepulse.cache.lookup")
                            .description(
                                    "Time in the cache before a report was found or the"
                                            + " computation started, waits included")
                            .tag("tier", tag(tier))
                            .publishPercentileHistogram()
                            .register(registry));
        }
        for (LockWaitOutcome outcome : LockWaitOutcome.values()) {
            lockWaitTimers.put(
                    outcome,
                    Timer.builder("codepulse.cache.lock.waits")
                            .description("Waits for another worker holding the lock of a key")
                            .tag("outcome", tag(outcome))
                            .register(registry));
        }
        for (NotCacheable reason : NotCacheable.values()) {
            notCacheableCounters.put(
                    reason,
                    Counter.builder("codepulse.cache.not.cacheable")
                            .description(
                                    "Results not stored because their outcome is not"
                                            + " deterministic")
                            .tag("reason", tag(reason))
                            .register(registry));
        }
        this.entrySizes =
                DistributionSummary.builder("codepulse.cache.entry.size")
                        .description("Encoded size of stored entries")
                        .baseUnit("bytes")
                        .register(registry);
        this.tooLargeCounter =
                Counter.builder("codepulse.cache.too.large")
                        .description("Results not stored because they exceed cache.entry.max.bytes")
                        .register(registry);
    }

    /** Records the end of a lookup: a hit in {@code tier}, or a miss for NONE. */
    public void lookup(CacheTier tier, boolean redisQueried, long micros) {
        lookups.increment();
        switch (tier) {
            case LOCAL -> localHits.increment();
            case REDIS -> {
                localMisses.increment();
                redisHits.increment();
            }
            default -> {
                localMisses.increment();
                if (redisQueried) {
                    redisMisses.increment();
                }
            }
        }
        maxLookupMicros.accumulate(micros);
        lookupTimers.get(tier).record(micros, TimeUnit.MICROSECONDS);
    }

    public void coalesced() {
        coalesced.increment();
    }

    public void lockWait(LockWaitOutcome outcome, long nanos) {
        lockWaits.increment();
        if (outcome == LockWaitOutcome.TIMEOUT) {
            lockWaitTimeouts.increment();
        }
        lockWaitTimers.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void stored(int bytes) {
        stored.increment();
        entrySizes.record(bytes);
    }

    public void notCacheable(NotCacheable reason) {
        notCacheable.increment();
        notCacheableCounters.get(reason).increment();
    }

    public void tooLarge() {
        tooLarge.increment();
        tooLargeCounter.increment();
    }

    public void error() {
        errors.increment();
    }

    public void localEviction() {
        localEvictions.increment();
    }

    /** Registers the gauges of the in-process tier size and the breaker state. */
    public void bindGauges(LocalTier local, Supplier<BreakerState> breakerState) {
        gauge(
                "codepulse.cache.local.entries",
                local,
                LocalTier::entries,
                "Entries in the" + " in-process tier",
                null);
        gauge(
                "codepulse.cache.local.weight",
                local,
                LocalTier::weightBytes,
                "Weight of the" + " in-process tier",
                "bytes");
        for (BreakerState state : BreakerState.values()) {
            Gauge.builder(
                            "codepulse.cache.redis.breaker.state",
                            breakerState,
                            current -> current.get() == state ? 1 : 0)
                    .description("1 for the current state of the Redis circuit breaker, else 0")
                    .tag("state", tag(state))
                    .register(registry);
        }
    }

    /** Returns the counters now, with the given tier size and breaker state. */
    public CacheStats snapshot(LocalTier local, BreakerState breakerState) {
        return new CacheStats(
                lookups.sum(),
                localHits.sum(),
                localMisses.sum(),
                redisHits.sum(),
                redisMisses.sum(),
                coalesced.sum(),
                lockWaits.sum(),
                lockWaitTimeouts.sum(),
                stored.sum(),
                notCacheable.sum(),
                tooLarge.sum(),
                errors.sum(),
                localEvictions.sum(),
                local.entries(),
                local.weightBytes(),
                maxLookupMicros.get(),
                breakerState);
    }

    private void registerGets() {
        counterWithTags("codepulse.cache.gets", localHits, "tier", "local", "result", "hit");
        counterWithTags("codepulse.cache.gets", localMisses, "tier", "local", "result", "miss");
        counterWithTags("codepulse.cache.gets", redisHits, "tier", "redis", "result", "hit");
        counterWithTags("codepulse.cache.gets", redisMisses, "tier", "redis", "result", "miss");
    }

    private void counterWithTags(String name, LongAdder adder, String... tags) {
        FunctionCounter.builder(name, adder, LongAdder::sum)
                .description("Lookups served (hit) or not (miss) by each tier")
                .tags(tags)
                .register(registry);
    }

    private void counter(String name, LongAdder adder, String description) {
        FunctionCounter.builder(name, adder, LongAdder::sum)
                .description(description)
                .register(registry);
    }

    private <T> void gauge(
            String name, T target, ToLongFunction<T> value, String description, String unit) {
        Gauge.builder(name, target, t -> value.applyAsLong(t))
                .description(description)
                .baseUnit(unit)
                .register(registry);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
