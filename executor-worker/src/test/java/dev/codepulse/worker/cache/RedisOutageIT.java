package dev.codepulse.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.codepulse.localstack.RedisServer;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.testsupport.LogCapture;
import dev.codepulse.testsupport.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * Redis stops, restarts and stalls under a running cache. Durations are checked against the bound
 * that the configured time limits give, as a functional limit, not as a performance target.
 */
class RedisOutageIT {
    private static final Logger log = LoggerFactory.getLogger(RedisOutageIT.class);
    private static final int THREADS = 4;
    private static final int LOOKUPS_PER_THREAD = 50;
    private static final long LOCK_WAIT_MAX_MS = 1_000;
    // Scheduling slack on a shared machine; far below the time limits it is added to.
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private RedisServer server;
    private ResultCache cache;
    private CacheConfig config;

    @BeforeEach
    void start() {
        server = TestRedis.startPrivate();
        Map<String, Object> settings = Fixtures.withRedis(server.url());
        // Without the in-process tier every lookup goes to Redis.
        settings.put(CacheConfig.LOCAL_MAX_BYTES_CONFIG, 0L);
        settings.put(CacheConfig.LOCK_WAIT_MAX_MS_CONFIG, LOCK_WAIT_MAX_MS);
        config = new CacheConfig(settings);
        cache = ResultCache.create(config, "worker-outage", new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        cache.close();
        server.close();
    }

    @Test
    void shouldReturnEveryLookupThroughRedisRestart() throws Exception {
        CyclicBarrier phase = new CyclicBarrier(THREADS + 1);
        Queue<CacheResult> results = new ConcurrentLinkedQueue<>();
        AtomicLong maxCallNanos = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(
                    new Thread(
                            () -> lookups(thread, phase, results, maxCallNanos), "lookups-" + t));
        }
        threads.forEach(Thread::start);

        try (LogCapture capture = LogCapture.start("dev.codepulse.worker.cache")) {
            phase.await(30, TimeUnit.SECONDS);
            server.stop();
            phase.await(30, TimeUnit.SECONDS);
            phase.await(30, TimeUnit.SECONDS);
            server.restart();
            phase.await(30, TimeUnit.SECONDS);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }

            Duration maxCall = Duration.ofNanos(maxCallNanos.get());
            log.info(
                    "Outage test maxCallMs={} boundMs={}",
                    maxCall.toMillis(),
                    callBound().toMillis());
            assertThat(results).hasSize(THREADS * LOOKUPS_PER_THREAD);
            assertThat(results)
                    .extracting(r -> CachePolicy.deterministicPart(r.report()))
                    .containsOnly(CachePolicy.deterministicPart(Fixtures.accepted()));
            assertThat(maxCall).isLessThanOrEqualTo(callBound());
            assertThat(cache.stats().errors()).isPositive();
            assertThat(capture.messages(Level.WARN)).anyMatch(m -> m.contains("opened"));
        }
        awaitRedisHit(Fixtures.key("after restart"));
    }

    @Test
    void shouldBoundLookupsWhileRedisStalls() {
        CacheKey stored = Fixtures.key("stored before the stall");
        cache.lookupOrCompute(stored, Fixtures::accepted);
        List<Duration> durations = new ArrayList<>();

        try (RedisClient admin = RedisClient.create(server.url())) {
            // Every client's commands wait until the pause ends, far beyond the socket timeout.
            admin.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "PAUSE", "5000", "ALL");
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                CacheResult result = cache.lookupOrCompute(stored, Fixtures::accepted);
                durations.add(Duration.ofNanos(System.nanoTime() - start));

                assertThat(result.hit()).isFalse();
            }
        }

        Duration max = durations.stream().max(Duration::compareTo).orElseThrow();
        log.info("Stall test maxCallMs={} boundMs={}", max.toMillis(), callBound().toMillis());
        assertThat(max).isLessThanOrEqualTo(callBound());
        assertThat(cache.breakerState()).isNotEqualTo(BreakerState.CLOSED);
        awaitRedisHit(stored);
    }

    // Lookups of 25 keys shared by all threads; Redis stops after the first third of them and
    // restarts after the second.
    private void lookups(
            int thread, CyclicBarrier phase, Queue<CacheResult> results, AtomicLong maxCallNanos) {
        try {
            for (int i = 0; i < LOOKUPS_PER_THREAD; i++) {
                if (i == LOOKUPS_PER_THREAD / 3 || i == 2 * LOOKUPS_PER_THREAD / 3) {
                    phase.await(30, TimeUnit.SECONDS);
                    phase.await(30, TimeUnit.SECONDS);
                }
                CacheKey key = Fixtures.key("source " + ((thread * LOOKUPS_PER_THREAD + i) % 25));
                long start = System.nanoTime();
                results.add(cache.lookupOrCompute(key, Fixtures::accepted));
                maxCallNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            }
        } catch (Exception e) {
            throw new IllegalStateException("lookup thread failed", e);
        }
    }

    // Once Redis replies again the breaker closes by itself, and a stored entry is found there.
    private void awaitRedisHit(CacheKey key) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () ->
                                cache.lookupOrCompute(key, Fixtures::accepted).tier()
                                        == CacheTier.REDIS);
        assertThat(cache.breakerState()).isEqualTo(BreakerState.CLOSED);
    }

    // The maximum time one call may take with an instant computation: the lock wait plus seven
    // Redis
    // commands at their time limit (see the failure section of docs/CACHE.md).
    private Duration callBound() {
        return Duration.ofMillis(LOCK_WAIT_MAX_MS)
                .plus(config.redisCommandBound().multipliedBy(7))
                .plus(MARGIN);
    }
}
