package dev.codepulse.bench;

import dev.codepulse.schemas.CacheTier;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Submission;
import dev.codepulse.worker.ExecutorWorker;
import dev.codepulse.worker.WorkerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Submissions per second of one worker on the cache-hit path, end to end.
 *
 * <p>For each configuration a new worker with 2 execution slots starts on its own topic prefix. Its
 * cache is warmed with a few distinct submissions (one per language in turn, run in the sandbox).
 * Then M copies of them, each with its own submission id, are posted as fast as the producer takes
 * them, and the time runs from the first post until a {@code read_committed} consumer has read all
 * M reports, so it covers producing, polling, the cache hit, publishing and the transaction commit.
 * The first configuration uses the worker's defaults; each {@code --variant KEY=VALUE} adds a run
 * that changes that one worker setting, to check what bounds the throughput.
 *
 * <p>Run as root from the repository root, after building the class path as for {@link
 * AggregationBenchmark}: {@code java -cp benchmarks/target/classes:$(cat benchmarks/target/cp.txt)
 * dev.codepulse.bench.WorkerThroughputBenchmark [--submissions 20000] [--distinct 5] [--variant
 * worker.max.in.flight=1000 ...]}. Prints a table and writes
 * benchmarks/results/worker-throughput.md, or under BENCH_RESULTS_DIR when set.
 */
public final class WorkerThroughputBenchmark {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(2);
    private static final Map<String, Object> BASELINE =
            Map.of(
                    "executor.slots",
                    "2",
                    WorkerConfig.WORKER_MAX_IN_FLIGHT_CONFIG,
                    "64",
                    WorkerConfig.WORKER_COMMIT_INTERVAL_MS_CONFIG,
                    "100");

    /**
     * One timed run.
     *
     * @param processingMicros the worker's own time of every report
     * @param tiers reports per cache tier (NONE for a miss)
     * @param cpuMicrosPerSubmission CPU time of the whole JVM (broker, worker and client) over the
     *     run, per submission
     */
    record Run(
            Map<String, Object> settings,
            int submissions,
            double seconds,
            long[] processingMicros,
            double meanLookupMicros,
            Map<CacheTier, Integer> tiers,
            double cpuMicrosPerSubmission) {
        double perSecond() {
            return submissions / seconds;
        }

        double meanProcessingMicros() {
            long sum = 0;
            for (long micros : processingMicros) {
                sum += micros;
            }
            return (double) sum / processingMicros.length;
        }

        /** Returns the most submissions per second that max in flight and commit interval allow. */
        double inFlightBound() {
            return Double.parseDouble(
                            settings.get(WorkerConfig.WORKER_MAX_IN_FLIGHT_CONFIG).toString())
                    * 1000.0
                    / Double.parseDouble(
                            settings.get(WorkerConfig.WORKER_COMMIT_INTERVAL_MS_CONFIG).toString());
        }
    }

    private WorkerThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int submissions =
                Integer.parseInt(BenchSupport.option(args, "--submissions").orElse("20000"));
        int distinct = Integer.parseInt(BenchSupport.option(args, "--distinct").orElse("5"));
        List<Map<String, Object>> configurations = configurations(args);
        BenchSupport.quietLogs();
        String loadBefore = Machine.loadAverage();
        List<Run> runs = new ArrayList<>();
        try (WorkerStack stack = WorkerStack.start()) {
            for (int i = 0; i < configurations.size(); i++) {
                runs.add(run(stack, i, configurations.get(i), submissions, distinct));
            }
        }
        String report =
                ThroughputReport.render(
                        runs, command(args), distinct, loadBefore, Machine.loadAverage());
        System.out.print(report);
        BenchSupport.writeResult("worker-throughput.md", report);
    }

    private static List<Map<String, Object>> configurations(String[] args) {
        List<Map<String, Object>> configurations = new ArrayList<>();
        configurations.add(BASELINE);
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--variant")) {
                String[] setting = args[i + 1].split("=", 2);
                if (setting.length != 2) {
                    throw new IllegalArgumentException(
                            "Invalid --variant " + args[i + 1] + "; expected KEY=VALUE");
                }
                Map<String, Object> variant = new LinkedHashMap<>(BASELINE);
                variant.put(setting[0], setting[1]);
                configurations.add(variant);
            }
        }
        return configurations;
    }

    private static String command(String[] args) {
        return "java -cp benchmarks/target/classes:$(cat benchmarks/target/cp.txt)"
                + " dev.codepulse.bench.WorkerThroughputBenchmark "
                + String.join(" ", args);
    }

    private static Run run(
            WorkerStack stack,
            int index,
            Map<String, Object> settings,
            int submissions,
            int distinct)
            throws Exception {
        String prefix = "throughput-bench-" + index + ".";
        String tag = "throughput-" + index;
        Map<String, Object> config =
                stack.workerConfig(prefix, "throughput-" + index, 63_200 + index * 10, settings);
        try (ExecutorWorker worker = stack.startWorker(config);
                WorkerClient client = new WorkerClient(stack.bootstrapServers(), prefix)) {
            warmUp(client, tag, distinct);
            List<Submission> copies = new ArrayList<>(submissions);
            for (int i = 0; i < submissions; i++) {
                copies.add(submission(tag, i % distinct));
            }
            Run run = timedRun(client, settings, copies);
            System.out.printf(
                    "Run %d %s: %,d submissions in %.1f s, %,.0f/s, mean processingMicros %.0f%n",
                    index,
                    settings,
                    submissions,
                    run.seconds(),
                    run.perSecond(),
                    run.meanProcessingMicros());
            return run;
        }
    }

    // Runs each distinct submission once, one after another, so that every copy is a cache hit.
    private static void warmUp(WorkerClient client, String tag, int distinct)
            throws TimeoutException {
        for (int variant = 0; variant < distinct; variant++) {
            Submission submission = submission(tag, variant);
            client.post(submission);
            client.flush();
            client.awaitReport(submission.getId(), WARM_UP_TIMEOUT);
        }
    }

    private static Submission submission(String tag, int variant) {
        List<String> languages = SumSubmissions.LANGUAGES;
        return SumSubmissions.of(languages.get(variant % languages.size()), tag, variant);
    }

    private static Run timedRun(
            WorkerClient client, Map<String, Object> settings, List<Submission> copies)
            throws TimeoutException {
        Set<String> pending = new HashSet<>();
        copies.forEach(submission -> pending.add(submission.getId()));
        long[] processingMicros = new long[copies.size()];
        long[] lookupMicros = new long[1];
        Map<CacheTier, Integer> tiers = new EnumMap<>(CacheTier.class);

        long cpuStart = BenchSupport.processCpuNanos();
        long started = System.nanoTime();
        copies.forEach(client::post);
        client.flush();
        long deadline = started + RUN_TIMEOUT.toNanos();
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        pending.size() + " reports still missing after " + RUN_TIMEOUT);
            }
            client.pollOnce(
                    report -> {
                        if (pending.remove(report.getSubmissionId())) {
                            int done = copies.size() - pending.size() - 1;
                            processingMicros[done] = report.getProcessingMicros();
                            lookupMicros[0] += report.getCache().getLookupMicros();
                            tiers.merge(tier(report), 1, Integer::sum);
                        }
                    });
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuMicros = (BenchSupport.processCpuNanos() - cpuStart) / 1e3 / copies.size();
        return new Run(
                settings,
                copies.size(),
                seconds,
                processingMicros,
                (double) lookupMicros[0] / copies.size(),
                tiers,
                cpuMicros);
    }

    private static CacheTier tier(ExecutionReport report) {
        return report.getCache().getHit() ? report.getCache().getTier() : CacheTier.NONE;
    }
}
