package dev.codepulse.bench;

import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.Verdict;
import dev.codepulse.worker.ExecutorWorker;
import dev.codepulse.worker.cache.CacheConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * The worker's own time per submission ({@code ExecutionReport.processingMicros}) on a cache miss
 * and on a hit in each cache tier, per language, and the ratio between them.
 *
 * <p>Two real executor workers share one Redis but have their own topic prefix and consumer group,
 * so each receives only the submissions posted to it. Each round of a language posts, one at a time
 * and each after the previous report was committed:
 *
 * <ol>
 *   <li>a new variant of the language's solution to worker A: a miss, compiled and run in the
 *       sandbox, and stored in A's in-process tier and in Redis;
 *   <li>the same source again (new submission id) to worker A: a hit in its in-process tier;
 *   <li>the same source to worker B, whose in-process tier is disabled ({@code
 *       cache.local.max.bytes=0}): a hit in Redis.
 * </ol>
 *
 * <p>Rounds go through the languages in turn, so load from elsewhere hits each alike; the first
 * {@code --warmup} rounds of each language are not counted. Before the rounds, {@code --hit-warmup}
 * copies of one cached submission go to each worker at once, so that the JIT has compiled the hit
 * path, as it has in a worker under steady traffic. With 0, the hit path is measured before the JIT
 * has compiled it. A report with another verdict than ACCEPTED or another cache outcome than
 * expected is left out and counted as unexpected.
 *
 * <p>Run as root (the sandbox needs it and bubblewrap) from the repository root, after building the
 * class path as for {@link AggregationBenchmark}: {@code java -cp benchmarks/target/classes:$(cat
 * benchmarks/target/cp.txt) dev.codepulse.bench.CacheBenchmark [--runs 20] [--warmup 2]
 * [--hit-warmup 2000] [--languages python,c,cpp,java,javascript]}. Prints a table and writes
 * benchmarks/results/cache-speedup.md, or under BENCH_RESULTS_DIR when set.
 */
public final class CacheBenchmark {
    private static final Duration REPORT_TIMEOUT = Duration.ofMinutes(2);
    private static final String PREFIX_A = "cache-bench-a.";
    private static final String PREFIX_B = "cache-bench-b.";

    /** The three cache outcomes that are measured. */
    enum Case {
        COLD("miss (compile and run)", false, CacheTier.NONE),
        LOCAL("hit, in-process tier", true, CacheTier.LOCAL),
        REDIS("hit, Redis", true, CacheTier.REDIS);

        final String label;
        final boolean hit;
        final CacheTier tier;

        Case(String label, boolean hit, CacheTier tier) {
            this.label = label;
            this.hit = hit;
            this.tier = tier;
        }
    }

    /**
     * Timings of one report.
     *
     * @param roundTripMicros from posting the submission until the client read its committed report
     */
    record Sample(long processingMicros, long lookupMicros, long roundTripMicros) {}

    /** Samples and unexpected outcomes of one language and case. */
    static final class Row {
        final List<Sample> samples = new ArrayList<>();
        final List<String> unexpected = new ArrayList<>();
    }

    private final WorkerClient first;
    private final WorkerClient second;
    private final String tag = "cache-benchmark-" + System.currentTimeMillis();
    private final Map<String, EnumMap<Case, Row>> rows = new LinkedHashMap<>();
    private final Map<String, String> toolchains = new TreeMap<>();
    private String isolation = "unknown";
    private long variant;

    private CacheBenchmark(WorkerClient first, WorkerClient second) {
        this.first = first;
        this.second = second;
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(BenchSupport.option(args, "--runs").orElse("20"));
        int warmup = Integer.parseInt(BenchSupport.option(args, "--warmup").orElse("2"));
        int hitWarmup = Integer.parseInt(BenchSupport.option(args, "--hit-warmup").orElse("2000"));
        List<String> languages =
                List.of(
                        BenchSupport.option(args, "--languages")
                                .orElse(String.join(",", SumSubmissions.LANGUAGES))
                                .split(","));
        BenchSupport.quietLogs();
        String loadBefore = Machine.loadAverage();
        CacheBenchmark benchmark;
        try (WorkerStack stack = WorkerStack.start();
                ExecutorWorker workerA =
                        stack.startWorker(
                                stack.workerConfig(PREFIX_A, "cache-a", 63_000, Map.of()));
                ExecutorWorker workerB =
                        stack.startWorker(
                                stack.workerConfig(
                                        PREFIX_B,
                                        "cache-b",
                                        63_100,
                                        Map.of(CacheConfig.LOCAL_MAX_BYTES_CONFIG, "0")));
                WorkerClient clientA = new WorkerClient(stack.bootstrapServers(), PREFIX_A);
                WorkerClient clientB = new WorkerClient(stack.bootstrapServers(), PREFIX_B)) {
            benchmark = new CacheBenchmark(clientA, clientB);
            benchmark.warmHitPath(languages.get(0), hitWarmup);
            for (int round = 0; round < warmup + runs; round++) {
                for (String language : languages) {
                    benchmark.round(language, round >= warmup);
                }
                System.out.printf("Round %d of %d done%n", round + 1, warmup + runs);
            }
        }
        String command =
                String.format(
                        "java -cp benchmarks/target/classes:$(cat benchmarks/target/cp.txt)"
                                + " dev.codepulse.bench.CacheBenchmark --runs %d --warmup %d"
                                + " --hit-warmup %d --languages %s",
                        runs, warmup, hitWarmup, String.join(",", languages));
        String report =
                CacheReport.render(
                        benchmark.rows,
                        new CacheReport.Settings(
                                command,
                                runs,
                                warmup,
                                hitWarmup,
                                benchmark.isolation,
                                benchmark.toolchains,
                                loadBefore,
                                Machine.loadAverage()));
        System.out.print(report);
        BenchSupport.writeResult("cache-speedup.md", report);
    }

    /**
     * Posts {@code copies} copies of one cached submission to each worker at once and waits for
     * every report. None is measured.
     */
    private void warmHitPath(String language, int copies) throws TimeoutException {
        if (copies == 0) {
            return;
        }
        long current = variant++;
        Submission cached = SumSubmissions.of(language, tag, current);
        first.post(cached);
        first.flush();
        first.awaitReport(cached.getId(), REPORT_TIMEOUT);

        List<String> firstIds = new ArrayList<>();
        List<String> secondIds = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            Submission toFirst = SumSubmissions.of(language, tag, current);
            Submission toSecond = SumSubmissions.of(language, tag, current);
            first.post(toFirst);
            second.post(toSecond);
            firstIds.add(toFirst.getId());
            secondIds.add(toSecond.getId());
        }
        awaitReports(first, firstIds);
        awaitReports(second, secondIds);
        System.out.printf("Hit path warmed with %d hits per worker%n", copies);
    }

    private static void awaitReports(WorkerClient client, List<String> submissionIds)
            throws TimeoutException {
        client.flush();
        for (String id : submissionIds) {
            client.awaitReport(id, REPORT_TIMEOUT);
        }
    }

    /** Runs one miss, one in-process hit and one Redis hit of a new variant of a language. */
    private void round(String language, boolean counted) throws TimeoutException {
        long current = variant++;
        EnumMap<Case, Row> row = counted ? rows.computeIfAbsent(language, l -> newRow()) : newRow();
        measure(first, SumSubmissions.of(language, tag, current), Case.COLD, row);
        measure(first, SumSubmissions.of(language, tag, current), Case.LOCAL, row);
        measure(second, SumSubmissions.of(language, tag, current), Case.REDIS, row);
    }

    private void measure(
            WorkerClient client, Submission submission, Case expected, Map<Case, Row> row)
            throws TimeoutException {
        long started = System.nanoTime();
        client.post(submission);
        client.flush();
        ExecutionReport report = client.awaitReport(submission.getId(), REPORT_TIMEOUT);
        long roundTripMicros = (System.nanoTime() - started) / 1_000;

        toolchains.put(report.getLanguage(), report.getToolchain());
        isolation = report.getIsolationLevel().name();
        String problem = problem(report, expected);
        if (problem != null) {
            row.get(expected).unexpected.add(problem);
            System.out.println("Unexpected report, left out: " + problem);
            return;
        }
        row.get(expected)
                .samples
                .add(
                        new Sample(
                                report.getProcessingMicros(),
                                report.getCache().getLookupMicros(),
                                roundTripMicros));
    }

    private static String problem(ExecutionReport report, Case expected) {
        boolean hit = report.getCache().getHit();
        CacheTier tier = report.getCache().getTier();
        if (report.getVerdict() == Verdict.ACCEPTED
                && hit == expected.hit
                && tier == expected.tier) {
            return null;
        }
        return String.format(
                "%s %s: expected ACCEPTED %s, got %s hit=%s tier=%s reason=%s",
                report.getLanguage(),
                report.getSubmissionId(),
                expected.label,
                report.getVerdict(),
                hit,
                tier,
                report.getReason());
    }

    private static EnumMap<Case, Row> newRow() {
        EnumMap<Case, Row> row = new EnumMap<>(Case.class);
        for (Case each : Case.values()) {
            row.put(each, new Row());
        }
        return row;
    }
}
