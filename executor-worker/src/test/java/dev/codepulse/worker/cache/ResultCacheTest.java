package dev.codepulse.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.testsupport.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResultCacheTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<ResultCache> caches = new ArrayList<>();
    private final AtomicInteger computations = new AtomicInteger();

    @AfterEach
    void closeCaches() {
        caches.forEach(ResultCache::close);
    }

    @Test
    void shouldComputeAndStoreOnMiss() {
        ResultCache cache = cache(Map.of());
        ExecutionReport report = Fixtures.accepted();

        CacheResult result = cache.lookupOrCompute(Fixtures.key("a"), counting(report));

        assertThat(result.hit()).isFalse();
        assertThat(result.tier()).isEqualTo(CacheTier.NONE);
        assertThat(result.stored()).isTrue();
        assertThat(result.report()).isSameAs(report);
        assertThat(computations).hasValue(1);
    }

    @Test
    void shouldHitLocalTierOnSecondLookup() {
        ResultCache cache = cache(Map.of());
        cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));

        CacheResult result =
                cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));

        assertThat(result.hit()).isTrue();
        assertThat(result.tier()).isEqualTo(CacheTier.LOCAL);
        assertThat(result.stored()).isFalse();
        assertThat(result.report()).isEqualTo(CachePolicy.deterministicPart(Fixtures.accepted()));
        assertThat(computations).hasValue(1);
    }

    @Test
    void shouldDescribeHitAsCacheOutcome() {
        ResultCache cache = cache(Map.of());
        cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));

        CacheResult result =
                cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));

        assertThat(result.outcome().getHit()).isTrue();
        assertThat(result.outcome().getTier()).isEqualTo(CacheTier.LOCAL);
        assertThat(result.outcome().getLookupMicros()).isEqualTo(result.lookupMicros());
        assertThat(result.outcome().getStored()).isFalse();
    }

    @Test
    void shouldReturnIndependentCopyOnEachHit() {
        ResultCache cache = cache(Map.of());
        cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));
        CacheResult first = cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));

        first.report().getTests().clear();
        CacheResult second =
                cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));

        assertThat(second.report().getTests()).hasSize(1);
    }

    @Test
    void shouldNotStoreNondeterministicOutcome() {
        ResultCache cache = cache(Map.of());
        ExecutionReport failed = Fixtures.report(Verdict.INTERNAL_ERROR, null);

        CacheResult first = cache.lookupOrCompute(Fixtures.key("a"), counting(failed));
        CacheResult second = cache.lookupOrCompute(Fixtures.key("a"), counting(failed));

        assertThat(first.stored()).isFalse();
        assertThat(second.hit()).isFalse();
        assertThat(computations).hasValue(2);
        assertThat(cache.stats().notCacheable()).isEqualTo(2);
        assertThat(
                        registry.get("codepulse.cache.not.cacheable")
                                .tag("reason", "internal-error")
                                .counter()
                                .count())
                .isEqualTo(2.0);
    }

    @Test
    void shouldNotStoreEntryAboveSizeLimit() {
        ResultCache cache = cache(Map.of(CacheConfig.ENTRY_MAX_BYTES_CONFIG, 1024));
        ExecutionReport large =
                ExecutionReport.newBuilder(Fixtures.accepted()).setReason("x".repeat(2000)).build();

        CacheResult first = cache.lookupOrCompute(Fixtures.key("a"), counting(large));
        CacheResult second = cache.lookupOrCompute(Fixtures.key("a"), counting(large));

        assertThat(first.stored()).isFalse();
        assertThat(second.hit()).isFalse();
        assertThat(cache.stats().tooLarge()).isEqualTo(2);
    }

    @Test
    void shouldPropagateComputationFailureAndStoreNothing() {
        ResultCache cache = cache(Map.of());
        Supplier<ExecutionReport> failing =
                () -> {
                    throw new IllegalStateException("sandbox crashed");
                };

        assertThatThrownBy(() -> cache.lookupOrCompute(Fixtures.key("a"), failing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sandbox crashed");
        CacheResult retry = cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));

        assertThat(retry.hit()).isFalse();
        assertThat(computations).hasValue(1);
    }

    @Test
    void shouldRunOneComputationPerKeyInProcess() throws InterruptedException {
        ResultCache cache = cache(Map.of());
        ConcurrentLookups lookups = new ConcurrentLookups();

        List<CacheResult> results =
                lookups.run(8, i -> cache, Fixtures.key("a"), Fixtures.accepted());

        assertThat(lookups.computations()).isEqualTo(1);
        assertThat(results).hasSize(8);
        assertThat(results).filteredOn(CacheResult::hit).hasSize(7);
        assertThat(results).filteredOn(CacheResult::hit).allMatch(r -> r.tier() == CacheTier.LOCAL);
        assertThat(results)
                .extracting(r -> CachePolicy.deterministicPart(r.report()))
                .containsOnly(CachePolicy.deterministicPart(Fixtures.accepted()));
        assertThat(cache.stats().coalesced()).isEqualTo(7);
    }

    @Test
    void shouldRecomputeUncacheableOutcomeForWaiters() throws InterruptedException {
        ResultCache cache = cache(Map.of());
        ConcurrentLookups lookups = new ConcurrentLookups();
        ExecutionReport failed = Fixtures.report(Verdict.INTERNAL_ERROR, null);

        List<CacheResult> results = lookups.run(4, i -> cache, Fixtures.key("a"), failed);

        assertThat(lookups.computations()).isEqualTo(4);
        assertThat(results).noneMatch(CacheResult::hit);
    }

    @Test
    void shouldEvictBeyondLocalCapacity() {
        ResultCache cache = cache(Map.of(CacheConfig.LOCAL_MAX_BYTES_CONFIG, 4096L));

        for (int i = 0; i < 20; i++) {
            cache.lookupOrCompute(Fixtures.key("source " + i), counting(Fixtures.accepted()));
        }

        CacheStats stats = cache.stats();
        assertThat(stats.localEvictions()).isPositive();
        assertThat(stats.localBytes()).isLessThanOrEqualTo(4096);
        assertThat(stats.localEntries()).isLessThan(20);
    }

    @Test
    void shouldComputeEveryTimeWithoutAnyTier() {
        ResultCache cache = cache(Map.of(CacheConfig.LOCAL_MAX_BYTES_CONFIG, 0L));

        CacheResult first = cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));
        CacheResult second =
                cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));

        assertThat(first.stored()).isFalse();
        assertThat(second.hit()).isFalse();
        assertThat(computations).hasValue(2);
    }

    @Test
    void shouldCountHitsAndMissesPerTier() {
        ResultCache cache = cache(Map.of());
        cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));
        cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));
        cache.lookupOrCompute(Fixtures.key("a"), counting(Fixtures.accepted()));

        CacheStats stats = cache.stats();

        assertThat(stats.lookups()).isEqualTo(3);
        assertThat(stats.localHits()).isEqualTo(2);
        assertThat(stats.localMisses()).isEqualTo(1);
        assertThat(stats.redisHits()).isZero();
        assertThat(stats.redisMisses()).isZero();
        assertThat(stats.stored()).isEqualTo(1);
        assertThat(gets("local", "hit")).isEqualTo(2.0);
        assertThat(gets("local", "miss")).isEqualTo(1.0);
        assertThat(registry.get("codepulse.cache.lookup").tag("tier", "local").timer().count())
                .isEqualTo(2);
        assertThat(registry.get("codepulse.cache.entry.size").summary().count()).isEqualTo(1);
    }

    @Test
    void shouldReportBreakerDisabledWithoutRedis() {
        ResultCache cache = cache(Map.of());

        BreakerState state = cache.breakerState();

        assertThat(state).isEqualTo(BreakerState.DISABLED);
        assertThat(
                        registry.get("codepulse.cache.redis.breaker.state")
                                .tag("state", "disabled")
                                .gauge()
                                .value())
                .isEqualTo(1.0);
    }

    @Test
    void shouldWarnWhenRedisIsNotConfigured() {
        try (LogCapture capture = LogCapture.start(ResultCache.class)) {
            cache(Map.of());

            assertThat(capture.messages(Level.WARN))
                    .singleElement()
                    .asString()
                    .contains("cache.redis.url is empty");
        }
    }

    @Test
    void shouldRejectNullComputation() {
        ResultCache cache = cache(Map.of());

        assertThatThrownBy(() -> cache.lookupOrCompute(Fixtures.key("a"), () -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("null report");
    }

    private double gets(String tier, String result) {
        return registry.get("codepulse.cache.gets")
                .tag("tier", tier)
                .tag("result", result)
                .functionCounter()
                .count();
    }

    private Supplier<ExecutionReport> counting(ExecutionReport report) {
        return () -> {
            computations.incrementAndGet();
            return report;
        };
    }

    private ResultCache cache(Map<String, Object> overrides) {
        Map<String, Object> config = Fixtures.localOnly();
        config.putAll(overrides);
        ResultCache cache = ResultCache.create(new CacheConfig(config), "worker-test", registry);
        caches.add(cache);
        return cache;
    }
}
