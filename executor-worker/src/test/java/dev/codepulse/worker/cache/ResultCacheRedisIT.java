package dev.codepulse.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.codepulse.localstack.RedisServer;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.testsupport.LogCapture;
import dev.codepulse.testsupport.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

class ResultCacheRedisIT {
    private final Map<String, Object> settings = Fixtures.withRedis(TestRedis.sharedUrl());
    private final String prefix = (String) settings.get(CacheConfig.REDIS_KEY_PREFIX_CONFIG);
    private final List<ResultCache> caches = new ArrayList<>();
    private final AtomicInteger computations = new AtomicInteger();
    private final RedisClient redis = RedisClient.create(TestRedis.sharedUrl());

    @AfterEach
    void close() {
        caches.forEach(ResultCache::close);
        redis.close();
    }

    @Test
    void shouldHitRedisAfterLocalTierIsCleared() {
        ResultCache cache = cache("worker-1", Map.of());
        cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));
        cache.clearLocalTier();

        CacheResult fromRedis =
                cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));
        CacheResult fromLocal =
                cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));

        assertThat(fromRedis.hit()).isTrue();
        assertThat(fromRedis.tier()).isEqualTo(CacheTier.REDIS);
        assertThat(fromRedis.report())
                .isEqualTo(CachePolicy.deterministicPart(Fixtures.accepted()));
        assertThat(fromLocal.tier()).isEqualTo(CacheTier.LOCAL);
        assertThat(computations).hasValue(1);
        assertThat(cache.stats().redisHits()).isEqualTo(1);
        assertThat(cache.stats().redisMisses()).isEqualTo(1);
    }

    @Test
    void shouldShareEntriesBetweenWorkers() {
        ResultCache first = cache("worker-1", Map.of());
        ResultCache second = cache("worker-2", Map.of());
        first.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));

        CacheResult result =
                second.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));

        assertThat(result.tier()).isEqualTo(CacheTier.REDIS);
        assertThat(computations).hasValue(1);
    }

    @Test
    void shouldComputeOnceAcrossWorkers() throws InterruptedException {
        List<ResultCache> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            workers.add(cache("worker-" + i, Map.of(CacheConfig.LOCK_WAIT_MAX_MS_CONFIG, 60_000L)));
        }
        ConcurrentLookups lookups = new ConcurrentLookups();

        List<CacheResult> results =
                lookups.run(20, i -> workers.get(i % 4), Fixtures.key("a"), Fixtures.accepted());

        assertThat(lookups.computations()).isEqualTo(1);
        assertThat(results).hasSize(20);
        List<CacheResult> hits = results.stream().filter(CacheResult::hit).toList();
        assertThat(hits).hasSize(19);
        assertThat(hits).extracting(CacheResult::report).containsOnly(hits.get(0).report());
        assertThat(hits.get(0).report())
                .isEqualTo(CachePolicy.deterministicPart(Fixtures.accepted()));
        // One worker holds the lock, and the first lookup of each other worker waits on it. The
        // other lookups of every worker wait for the first lookup of their own worker.
        assertThat(hits).filteredOn(r -> r.tier() == CacheTier.REDIS).hasSize(3);
        assertThat(workers.stream().mapToLong(w -> w.stats().lockWaits()).sum()).isEqualTo(3);
        assertThat(workers.stream().mapToLong(w -> w.stats().coalesced()).sum()).isEqualTo(16);
    }

    @Test
    void shouldTakeOverLockOfCrashedHolder() {
        ResultCache cache = cache("worker-1", Map.of(CacheConfig.LOCK_WAIT_MAX_MS_CONFIG, 10_000L));
        CacheKey key = Fixtures.key("a");
        redis.set(lockKey(key), "crashed-worker:token", SetParams.setParams().px(300));

        CacheResult result = cache.lookupOrCompute(key, counting(Fixtures.accepted()));

        assertThat(result.hit()).isFalse();
        assertThat(result.stored()).isTrue();
        assertThat(computations).hasValue(1);
        assertThat(cache.stats().lockWaits()).isEqualTo(1);
        assertThat(cache.stats().lockWaitTimeouts()).isZero();
        assertThat(redis.exists(lockKey(key))).isFalse();
    }

    @Test
    void shouldComputeLocallyWhenLockWaitEnds() {
        ResultCache cache = cache("worker-1", Map.of(CacheConfig.LOCK_WAIT_MAX_MS_CONFIG, 100L));
        CacheKey key = Fixtures.key("a");
        redis.set(lockKey(key), "busy-worker:token", SetParams.setParams().px(60_000));

        CacheResult result = cache.lookupOrCompute(key, counting(Fixtures.accepted()));

        assertThat(result.hit()).isFalse();
        assertThat(result.stored()).isTrue();
        assertThat(cache.stats().lockWaitTimeouts()).isEqualTo(1);
        assertThat(redis.get(lockKey(key))).isEqualTo("busy-worker:token");
        assertThat(redis.exists(entryKey(key))).isTrue();
    }

    @Test
    void shouldReleaseLockAfterComputing() {
        ResultCache cache = cache("worker-1", Map.of());
        CacheKey key = Fixtures.key("a");

        cache.lookupOrCompute(key, counting(Fixtures.report(Verdict.INTERNAL_ERROR, null)));

        assertThat(redis.exists(lockKey(key))).isFalse();
        assertThat(redis.exists(entryKey(key))).isFalse();
    }

    @Test
    void shouldKeepLockTakenOverByAnotherWorker() {
        ResultCache cache = cache("worker-1", Map.of(CacheConfig.LOCK_TTL_MS_CONFIG, 100L));
        CacheKey key = Fixtures.key("a");
        Supplier<ExecutionReport> slow =
                () -> {
                    // This lookup's lock expires while it computes, and another worker takes it.
                    await().atMost(Duration.ofSeconds(10)).until(() -> !redis.exists(lockKey(key)));
                    redis.set(lockKey(key), "other-worker:token");
                    return Fixtures.accepted();
                };

        cache.lookupOrCompute(key, slow);

        assertThat(redis.get(lockKey(key))).isEqualTo("other-worker:token");
    }

    @Test
    void shouldStoreEntriesWithLanguageTtl() {
        ResultCache cache = cache("worker-1", Map.of());
        cache.setTtl("cpp", Duration.ofMinutes(2));
        CacheKey key = Fixtures.key("a");

        cache.lookupOrCompute(key, counting(Fixtures.accepted()));

        long ttlMs = redis.pttl(entryKey(key));
        assertThat(ttlMs).isPositive();
        assertThat(ttlMs).isLessThanOrEqualTo(Duration.ofMinutes(2).toMillis());
    }

    @Test
    void shouldLogSuitableMemoryPolicy() {
        try (LogCapture capture = LogCapture.start("dev.codepulse.worker.cache")) {
            cache("worker-1", Map.of());

            assertThat(capture.messages(Level.INFO))
                    .anyMatch(m -> m.contains("memory policy checked"))
                    .anyMatch(m -> m.contains("allkeys-lru"));
            assertThat(capture.messages(Level.WARN)).isEmpty();
        }
    }

    @Test
    void shouldWarnWhenRedisDoesNotEvict() {
        try (RedisServer server =
                        RedisServer.start(new RedisServer.Options(0, 64L << 20, "noeviction"));
                LogCapture capture = LogCapture.start("dev.codepulse.worker.cache")) {
            cacheOn(server.url());

            assertThat(capture.messages(Level.WARN))
                    .singleElement()
                    .asString()
                    .contains("does not evict")
                    .contains("noeviction");
        }
    }

    @Test
    void shouldWarnWhenRedisHasNoMemoryLimit() {
        try (RedisServer server = TestRedis.startPrivate();
                RedisClient admin = RedisClient.create(server.url());
                LogCapture capture = LogCapture.start("dev.codepulse.worker.cache")) {
            admin.configSet("maxmemory", "0");

            cacheOn(server.url());

            assertThat(capture.messages(Level.WARN))
                    .singleElement()
                    .asString()
                    .contains("no memory limit");
        }
    }

    private void cacheOn(String url) {
        Map<String, Object> config = Fixtures.withRedis(url);
        caches.add(
                ResultCache.create(new CacheConfig(config), "worker-1", new SimpleMeterRegistry()));
    }

    private String lockKey(CacheKey key) {
        return prefix + "lock:" + key.hex();
    }

    private String entryKey(CacheKey key) {
        return prefix + "result:" + key.hex();
    }

    private Supplier<ExecutionReport> counting(ExecutionReport report) {
        return () -> {
            computations.incrementAndGet();
            return report;
        };
    }

    private ResultCache cache(String instanceId, Map<String, Object> overrides) {
        Map<String, Object> config = new java.util.HashMap<>(settings);
        config.putAll(overrides);
        ResultCache cache =
                ResultCache.create(new CacheConfig(config), instanceId, new SimpleMeterRegistry());
        caches.add(cache);
        return cache;
    }
}
