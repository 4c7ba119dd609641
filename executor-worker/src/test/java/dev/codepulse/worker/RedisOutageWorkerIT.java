package dev.codepulse.worker;

import static dev.codepulse.worker.TestSubmissions.submission;
import static dev.codepulse.worker.TestSubmissions.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codepulse.localstack.RedisServer;
import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.testsupport.TestRedis;
import dev.codepulse.worker.cache.CacheConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A worker judges 200 submissions through Kafka while its Redis stops and starts again. The worker
 * keeps no in-process tier, so every lookup goes to Redis and the outage shows in every report.
 */
class RedisOutageWorkerIT {
    private static final List<TestCase> TESTS = List.of(test("small", "3 4\n", "7\n"));
    private static final int DISTINCT_SOURCES = 10;
    private static final long LOCK_WAIT_MAX_MS = 2_000;

    @Test
    void shouldReportEverySubmissionOnceThroughRedisRestart() throws Exception {
        WorkerHarness harness = new WorkerHarness("worker-redis-outage");
        List<Submission> beforeOutage = sumSubmissions(harness, 70);
        List<Submission> duringOutage = sumSubmissions(harness, 70);
        List<Submission> afterRestart = sumSubmissions(harness, 60);

        List<ExecutionReport> reports;
        Duration lookupBound;
        try (RedisServer redis = TestRedis.startPrivate()) {
            Map<String, Object> config =
                    harness.config(
                            "w1",
                            62_600,
                            Map.of(
                                    "cache.redis.url",
                                    redis.url(),
                                    CacheConfig.LOCAL_MAX_BYTES_CONFIG,
                                    "0",
                                    CacheConfig.LOCK_WAIT_MAX_MS_CONFIG,
                                    Long.toString(LOCK_WAIT_MAX_MS)));
            lookupBound = lookupBound(new CacheConfig(config));
            try (ExecutorWorker worker = ExecutorWorker.start(new WorkerConfig(config))) {
                harness.awaitWorkers(1, Duration.ofMinutes(1));
                harness.send(beforeOutage);
                harness.reports(70, Duration.ofMinutes(2));

                redis.stop();
                harness.send(duringOutage);
                harness.reports(140, Duration.ofMinutes(3));

                redis.restart();
                harness.send(afterRestart);
                harness.reports(200, Duration.ofMinutes(2));
                awaitRedisHit(harness);
                reports = harness.reports(200, Duration.ofMinutes(1));
            }
        }

        Map<String, List<ExecutionReport>> byId =
                reports.stream().collect(Collectors.groupingBy(ExecutionReport::getSubmissionId));
        List<Submission> posted = new ArrayList<>(beforeOutage);
        posted.addAll(duringOutage);
        posted.addAll(afterRestart);
        Set<String> postedIds = posted.stream().map(Submission::getId).collect(Collectors.toSet());
        assertThat(byId.keySet()).containsAll(postedIds);
        assertThat(byId.values()).allSatisfy(reportsOfOne -> assertThat(reportsOfOne).hasSize(1));
        assertThat(reports).extracting(ExecutionReport::getVerdict).containsOnly(Verdict.ACCEPTED);
        assertThat(reports)
                .allSatisfy(
                        report ->
                                assertThat(
                                                Duration.ofNanos(
                                                        report.getCache().getLookupMicros()
                                                                * 1_000))
                                        .isLessThanOrEqualTo(lookupBound));

        Map<String, ExecutionReport> single =
                reports.stream()
                        .collect(
                                Collectors.toMap(
                                        ExecutionReport::getSubmissionId, Function.identity()));
        assertThat(tiers(beforeOutage, single)).containsKey(CacheTier.REDIS);
        assertThat(tiers(duringOutage, single)).doesNotContainKey(CacheTier.REDIS);
    }

    // Ten sources, each a correct sum in Python with its own comment, posted in turn.
    private static List<Submission> sumSubmissions(WorkerHarness harness, int count) {
        List<Submission> submissions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String source =
                    "a, b = map(int, input().split())\nprint(a + b)\n# "
                            + harness.prefix
                            + " source "
                            + (i % DISTINCT_SOURCES)
                            + "\n";
            submissions.add(submission("python", source, TESTS));
        }
        return submissions;
    }

    // Once Redis replies again the worker's circuit breaker closes by itself: a new copy of a
    // stored source then gets its report from Redis, without restarting the worker.
    private static void awaitRedisHit(WorkerHarness harness) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ZERO)
                .until(
                        () -> {
                            Submission probe = sumSubmissions(harness, 1).get(0);
                            harness.send(List.of(probe));
                            return harness.reports(201, Duration.ofSeconds(30)).stream()
                                    .filter(r -> r.getSubmissionId().equals(probe.getId()))
                                    .anyMatch(r -> r.getCache().getTier() == CacheTier.REDIS);
                        });
    }

    private static Map<CacheTier, Long> tiers(
            List<Submission> submissions, Map<String, ExecutionReport> reports) {
        Map<CacheTier, Long> tiers = new HashMap<>();
        for (Submission submission : submissions) {
            tiers.merge(reports.get(submission.getId()).getCache().getTier(), 1L, Long::sum);
        }
        return tiers;
    }

    // The maximum time one lookup may take: the lock wait plus seven Redis commands at their time
    // limit, as docs/CACHE.md derives, plus a second of scheduling slack on a shared machine.
    private static Duration lookupBound(CacheConfig config) {
        return config.lockWaitMax()
                .plus(config.redisCommandBound().multipliedBy(7))
                .plus(Duration.ofSeconds(1));
    }
}
