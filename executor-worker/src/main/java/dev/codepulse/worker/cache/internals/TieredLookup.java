package dev.codepulse.worker.cache.internals;

import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.worker.cache.CacheKey;
import dev.codepulse.worker.cache.CachePolicy;
import dev.codepulse.worker.cache.CachePolicy.NotCacheable;
import dev.codepulse.worker.cache.CacheResult;
import dev.codepulse.worker.cache.internals.CacheMetrics.LockWaitOutcome;
import dev.codepulse.worker.cache.internals.RedisTier.Reply;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lookup protocol: the in-process tier, then one computation per key in this process, then
 * Redis, then a Redis lock so that one worker computes while the others wait for its result.
 *
 * <p>Any Redis failure turns into computing locally: the first failed command of a lookup ends its
 * use of Redis, so a lookup issues at most one failing command before it computes. See
 * docs/CACHE.md for the whole protocol.
 */
public final class TieredLookup {
    private static final Logger log = LoggerFactory.getLogger(TieredLookup.class);

    private final LocalTier local;
    private final RedisTier redis;
    private final TtlTable ttls;
    private final CacheMetrics metrics;
    private final ReportCodec codec = new ReportCodec();
    private final Settings settings;
    private final ConcurrentHashMap<CacheKey, CompletableFuture<Computed>> inFlight =
            new ConcurrentHashMap<>();

    /**
     * Fixed settings of the protocol.
     *
     * @param instanceId id of this process, the first part of its lock tokens
     * @param entryMaxBytes largest encoded entry stored
     * @param lockTtl lifetime of a Redis lock
     * @param lockWaitMax longest wait for another worker's result
     * @param lockPollInterval interval between checks while waiting
     */
    public record Settings(
            String instanceId,
            int entryMaxBytes,
            Duration lockTtl,
            Duration lockWaitMax,
            Duration lockPollInterval) {}

    // shared: the deterministic part when the outcome may be reused, else null. It is never the
    // report returned to the caller, which may change that one while others copy this.
    private record Computed(CacheResult result, ExecutionReport shared) {}

    // bytes: null when the entry exceeds the size limit.
    private record Entry(ExecutionReport part, byte[] bytes) {}

    /**
     * @param redis the Redis tier, or null when only the in-process tier is configured
     */
    public TieredLookup(
            LocalTier local,
            RedisTier redis,
            TtlTable ttls,
            CacheMetrics metrics,
            Settings settings) {
        this.local = Objects.requireNonNull(local, "local can't be null");
        this.redis = redis;
        this.ttls = Objects.requireNonNull(ttls, "ttls can't be null");
        this.metrics = Objects.requireNonNull(metrics, "metrics can't be null");
        this.settings = Objects.requireNonNull(settings, "settings can't be null");
    }

    /** See {@link dev.codepulse.worker.cache.ResultCache#lookupOrCompute}. */
    public CacheResult lookupOrCompute(CacheKey key, Supplier<ExecutionReport> compute) {
        Objects.requireNonNull(key, "key can't be null");
        Objects.requireNonNull(compute, "compute can't be null");
        long start = System.nanoTime();
        ttls.track(key.language());
        Computed hit = localHit(key, start);
        if (hit != null) {
            return hit.result();
        }
        CompletableFuture<Computed> mine = new CompletableFuture<>();
        CompletableFuture<Computed> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return joinInFlight(key, running, compute, start);
        }
        try {
            Computed computed = resolve(key, compute, start);
            mine.complete(computed);
            return computed.result();
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private Computed localHit(CacheKey key, long start) {
        byte[] bytes = local.get(key);
        if (bytes == null) {
            return null;
        }
        ExecutionReport report = decode(key, bytes, CacheTier.LOCAL);
        if (report == null) {
            local.invalidate(key);
            return null;
        }
        return new Computed(hit(CacheTier.LOCAL, report, start), copy(report));
    }

    // Waits for the thread of this process computing the same key. Its outcome is reused only
    // when it is deterministic; otherwise, or when it failed, this submission runs itself.
    private CacheResult joinInFlight(
            CacheKey key,
            CompletableFuture<Computed> running,
            Supplier<ExecutionReport> compute,
            long start) {
        metrics.coalesced();
        Computed other;
        try {
            other = running.join();
        } catch (CompletionException | CancellationException e) {
            other = null;
        }
        if (other != null && other.shared() != null) {
            return hit(CacheTier.LOCAL, copy(other.shared()), start);
        }
        return computeAndStore(key, compute, start, redis != null, false).result();
    }

    private Computed resolve(CacheKey key, Supplier<ExecutionReport> compute, long start) {
        // Checked again: the previous owner of the key stores before it leaves the in-flight map.
        Computed hit = localHit(key, start);
        if (hit != null) {
            return hit;
        }
        if (redis == null) {
            return computeAndStore(key, compute, start, false, false);
        }
        Reply<byte[]> reply = redis.get(key);
        if (!reply.available()) {
            return computeAndStore(key, compute, start, false, false);
        }
        if (reply.value() != null) {
            Computed redisHit = redisHit(key, reply.value(), start);
            if (redisHit != null) {
                return redisHit;
            }
        }
        return lockOrWait(key, compute, start);
    }

    private Computed lockOrWait(CacheKey key, Supplier<ExecutionReport> compute, long start) {
        String token = settings.instanceId() + ":" + UUID.randomUUID();
        long waitStart = System.nanoTime();
        long deadline = waitStart + settings.lockWaitMax().toNanos();
        boolean waiting = false;
        while (true) {
            Reply<Boolean> lock = redis.tryLock(key, token, settings.lockTtl());
            if (!lock.available()) {
                endWait(waiting, LockWaitOutcome.UNAVAILABLE, waitStart);
                return computeAndStore(key, compute, start, false, true);
            }
            if (lock.value()) {
                endWait(waiting, LockWaitOutcome.ACQUIRED, waitStart);
                return computeUnderLock(key, token, compute, start);
            }
            waiting = true;
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !pause(Math.min(remaining, pollNanos()))) {
                endWait(true, LockWaitOutcome.TIMEOUT, waitStart);
                return computeAndStore(key, compute, start, true, true);
            }
            Reply<byte[]> value = redis.get(key);
            if (!value.available()) {
                endWait(true, LockWaitOutcome.UNAVAILABLE, waitStart);
                return computeAndStore(key, compute, start, false, true);
            }
            if (value.value() != null) {
                Computed redisHit = redisHit(key, value.value(), start);
                if (redisHit != null) {
                    endWait(true, LockWaitOutcome.VALUE, waitStart);
                    return redisHit;
                }
            }
            // No result and the lock is gone or still held: try to take it again.
        }
    }

    private Computed computeUnderLock(
            CacheKey key, String token, Supplier<ExecutionReport> compute, long start) {
        try {
            // The previous holder stores before it releases, so a result stored between this
            // lookup's GET and its SET NX is found here instead of being computed twice.
            Reply<byte[]> again = redis.get(key);
            if (again.available() && again.value() != null) {
                Computed redisHit = redisHit(key, again.value(), start);
                if (redisHit != null) {
                    return redisHit;
                }
            }
            return computeAndStore(key, compute, start, again.available(), true);
        } finally {
            redis.unlock(key, token);
        }
    }

    private Computed redisHit(CacheKey key, byte[] bytes, long start) {
        ExecutionReport report = decode(key, bytes, CacheTier.REDIS);
        if (report == null) {
            return null;
        }
        // NOTE: the local copy lives for the language's full TTL, so it can outlast the Redis
        // entry by up to the time the entry had already spent in Redis.
        local.put(key, bytes, ttls.ttl(key.language()));
        return new Computed(hit(CacheTier.REDIS, report, start), copy(report));
    }

    // Threads waiting on this lookup get their own copies of the returned report's twin, which
    // the caller of this lookup cannot change.
    private static ExecutionReport copy(ExecutionReport report) {
        return ExecutionReport.newBuilder(report).build();
    }

    private Computed computeAndStore(
            CacheKey key,
            Supplier<ExecutionReport> compute,
            long start,
            boolean redisUsable,
            boolean redisQueried) {
        long lookupMicros = micros(System.nanoTime() - start);
        metrics.lookup(CacheTier.NONE, redisQueried, lookupMicros);
        ExecutionReport report =
                Objects.requireNonNull(compute.get(), "the computation returned a null report");
        Entry entry = entryOf(key, report);
        boolean stored = entry != null && entry.bytes() != null && store(key, entry, redisUsable);
        CacheResult result = new CacheResult(report, false, CacheTier.NONE, lookupMicros, stored);
        return new Computed(result, entry == null ? null : entry.part());
    }

    private Entry entryOf(CacheKey key, ExecutionReport report) {
        Optional<NotCacheable> reason = CachePolicy.check(report);
        if (reason.isPresent()) {
            metrics.notCacheable(reason.get());
            log.debug("Result not cached key={} reason={}", key, reason.get());
            return null;
        }
        ExecutionReport part = CachePolicy.deterministicPart(report);
        byte[] bytes;
        try {
            bytes = codec.encode(part);
        } catch (RuntimeException e) {
            log.warn("Result not cached: failed to encode it key={} error={}", key, e.toString());
            return null;
        }
        if (bytes.length > settings.entryMaxBytes()) {
            metrics.tooLarge();
            log.debug(
                    "Result not cached: too large key={} bytes={} maxBytes={}",
                    key,
                    bytes.length,
                    settings.entryMaxBytes());
            return new Entry(part, null);
        }
        return new Entry(part, bytes);
    }

    private boolean store(CacheKey key, Entry entry, boolean redisUsable) {
        Duration ttl = ttls.ttl(key.language());
        boolean inLocal = local.put(key, entry.bytes(), ttl);
        boolean inRedis =
                redisUsable && redis != null && redis.set(key, entry.bytes(), ttl).available();
        if (inLocal || inRedis) {
            metrics.stored(entry.bytes().length);
        }
        return inLocal || inRedis;
    }

    private CacheResult hit(CacheTier tier, ExecutionReport report, long start) {
        long lookupMicros = micros(System.nanoTime() - start);
        metrics.lookup(tier, tier == CacheTier.REDIS, lookupMicros);
        return new CacheResult(report, true, tier, lookupMicros, false);
    }

    private ExecutionReport decode(CacheKey key, byte[] bytes, CacheTier tier) {
        try {
            return codec.decode(bytes);
        } catch (RuntimeException e) {
            metrics.error();
            log.warn(
                    "Ignored a cache entry that does not decode; it is recomputed and replaced"
                            + " tier={} key={} bytes={} error={}",
                    tier,
                    key,
                    bytes.length,
                    e.toString());
            return null;
        }
    }

    private void endWait(boolean waiting, LockWaitOutcome outcome, long waitStart) {
        if (waiting) {
            metrics.lockWait(outcome, System.nanoTime() - waitStart);
        }
    }

    private long pollNanos() {
        return settings.lockPollInterval().toNanos();
    }

    // Returns false when interrupted, with the interrupt flag restored.
    private static boolean pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }
}
