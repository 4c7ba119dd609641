package dev.codepulse.worker.cache;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.worker.cache.internals.CacheMetrics;
import dev.codepulse.worker.cache.internals.LocalTier;
import dev.codepulse.worker.cache.internals.RedisClients;
import dev.codepulse.worker.cache.internals.RedisTier;
import dev.codepulse.worker.cache.internals.TieredLookup;
import dev.codepulse.worker.cache.internals.TtlTable;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * The result cache every worker uses: an in-process tier in front of Redis, with one computation
 * per key across all workers.
 *
 * <p>Call {@link #lookupOrCompute} for each submission with its {@link CacheKey} and the work that
 * produces its report. A Redis problem never fails a lookup, and delays it only within the Redis
 * time limits of {@link CacheConfig}: the lookup computes locally instead, and a circuit breaker
 * keeps the cache from calling Redis until it replies again. The protocol, its time bounds, the
 * stored fields and the metrics are described in docs/CACHE.md. Thread-safe.
 */
public final class ResultCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResultCache.class);

    private final LocalTier local;
    private final RedisTier redis;
    private final TtlTable ttls;
    private final CacheMetrics metrics;
    private final TieredLookup lookup;
    private final ScheduledExecutorService summaries;

    private ResultCache(CacheConfig config, String instanceId, MeterRegistry registry) {
        this.metrics = new CacheMetrics(registry);
        this.local = new LocalTier(config.getLong(CacheConfig.LOCAL_MAX_BYTES_CONFIG), metrics);
        this.ttls =
                new TtlTable(
                        config.defaultTtl(),
                        config.languageTtls(),
                        config.minTtl(),
                        config.maxTtl(),
                        registry);
        this.redis = config.redisEndpoint().map(e -> connect(config, e, instanceId)).orElse(null);
        this.lookup =
                new TieredLookup(
                        local,
                        redis,
                        ttls,
                        metrics,
                        new TieredLookup.Settings(
                                instanceId,
                                config.getInt(CacheConfig.ENTRY_MAX_BYTES_CONFIG),
                                config.lockTtl(),
                                config.lockWaitMax(),
                                Duration.ofMillis(
                                        config.getLong(CacheConfig.LOCK_POLL_INTERVAL_MS_CONFIG))));
        metrics.bindGauges(local, this::breakerState);
        this.summaries = startSummaries(config.getLong(CacheConfig.SUMMARY_INTERVAL_MS_CONFIG));
    }

    /**
     * Creates a cache from configuration and, when Redis is configured, checks its memory policy.
     * Returns even when Redis is unreachable; caching in Redis starts once it replies.
     *
     * @param instanceId id of this worker, used in lock tokens and Redis client names
     * @param registry where the {@code codepulse.cache.*} meters are registered
     */
    public static ResultCache create(
            CacheConfig config, String instanceId, MeterRegistry registry) {
        Objects.requireNonNull(config, "config can't be null");
        Objects.requireNonNull(instanceId, "instanceId can't be null");
        Objects.requireNonNull(registry, "registry can't be null");
        ResultCache cache = new ResultCache(config, instanceId, registry);
        log.info("Result cache started instanceId={} config={}", instanceId, config.describe());
        if (cache.redis == null) {
            log.warn(
                    "{} is empty: results are cached only in this process, and other workers"
                            + " compute identical submissions again",
                    CacheConfig.REDIS_URL_CONFIG);
        } else {
            cache.redis.checkMemoryPolicy();
        }
        return cache;
    }

    /**
     * Returns the report for {@code key}, from the cache or by running {@code compute}.
     *
     * <p>Looks in the in-process tier, then waits for a thread of this process already computing
     * the same key, then looks in Redis, then takes the key's Redis lock and computes, or waits (at
     * most {@code cache.lock.wait.max.ms}) for the worker holding the lock to store its result.
     * When the wait ends without a result, or Redis fails or is skipped by the open breaker, it
     * computes locally. A computed report is stored when {@link CachePolicy} allows it and it fits
     * {@code cache.entry.max.bytes}.
     *
     * @param key the key of the submission
     * @param compute runs the submission; called at most once per call, on the calling thread, and
     *     not at all on a hit. Its exceptions propagate unchanged, and nothing is stored then.
     * @return the report and the cache outcome; on a hit the report is a new copy of the stored
     *     deterministic part, which the caller completes (see {@link CacheResult})
     * @throws NullPointerException if an argument is null or {@code compute} returns null
     */
    public CacheResult lookupOrCompute(CacheKey key, Supplier<ExecutionReport> compute) {
        return lookup.lookupOrCompute(key, compute);
    }

    /**
     * Sets the TTL of new entries of {@code language}, if it lies within {@code cache.ttl.min.ms}
     * and {@code cache.ttl.max.ms}. Entries already stored keep their TTL.
     *
     * @return whether it was applied, and why not
     */
    public TtlUpdate setTtl(String language, Duration ttl) {
        return ttls.set(language, ttl);
    }

    /** Returns the TTL new entries of {@code language} get. */
    public Duration ttl(String language) {
        return ttls.ttl(language);
    }

    /** Returns the TTL of every language that has its own, sorted by language. */
    public Map<String, Duration> languageTtls() {
        return ttls.snapshot();
    }

    /** Returns the lowest TTL {@link #setTtl} accepts. */
    public Duration minTtl() {
        return ttls.min();
    }

    /** Returns the highest TTL {@link #setTtl} accepts. */
    public Duration maxTtl() {
        return ttls.max();
    }

    /** Returns the statistics since creation. */
    public CacheStats stats() {
        return metrics.snapshot(local, breakerState());
    }

    /** Returns the state of the Redis circuit breaker, DISABLED without Redis. */
    public BreakerState breakerState() {
        return redis == null ? BreakerState.DISABLED : redis.state();
    }

    /** Removes every entry of the in-process tier; Redis is not touched. */
    public void clearLocalTier() {
        local.clear();
    }

    /** Stops the summary log and closes the Redis connections. */
    @Override
    public void close() {
        if (summaries != null) {
            summaries.shutdownNow();
        }
        if (redis != null) {
            redis.close();
        }
        log.info("Result cache closed {}", stats().summary());
    }

    private RedisTier connect(CacheConfig config, RedisEndpoint endpoint, String instanceId) {
        RedisClient client = RedisClients.create(config, endpoint, "codepulse-" + instanceId);
        return new RedisTier(
                client,
                client.getPool(),
                endpoint.toString(),
                config.getInt(CacheConfig.BREAKER_FAILURE_THRESHOLD_CONFIG),
                Duration.ofMillis(config.getLong(CacheConfig.BREAKER_OPEN_MS_CONFIG)),
                metrics,
                config.getString(CacheConfig.REDIS_KEY_PREFIX_CONFIG));
    }

    private ScheduledExecutorService startSummaries(long intervalMs) {
        if (intervalMs <= 0) {
            return null;
        }
        ScheduledExecutorService executor =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "result-cache-summary");
                            thread.setDaemon(true);
                            return thread;
                        });
        executor.scheduleAtFixedRate(
                () -> log.info("Result cache summary {}", stats().summary()),
                intervalMs,
                intervalMs,
                TimeUnit.MILLISECONDS);
        return executor;
    }
}
