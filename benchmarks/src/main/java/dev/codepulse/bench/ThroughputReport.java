package dev.codepulse.bench;

import dev.codepulse.bench.WorkerThroughputBenchmark.Run;
import dev.codepulse.schemas.CacheTier;
import java.util.List;
import java.util.Map;

/** The result file of {@link WorkerThroughputBenchmark}. */
final class ThroughputReport {
    private ThroughputReport() {}

    static String render(
            List<Run> runs, String command, int distinct, String loadBefore, String loadAfter) {
        StringBuilder text =
                BenchSupport.resultHeader(
                        "Worker throughput on the cache-hit path", command, loadBefore, loadAfter);
        text.append(
                String.format(
                        "Setup: an embedded Kafka broker, one redis-server, one executor worker at a"
                                + " time and the client, all in one JVM and started by the"
                                + " benchmark. Each row is a new worker on its own topic prefix"
                                + " (2 partitions). Its cache is first warmed with %d distinct"
                                + " submissions (sum solutions in python, c, cpp, java and"
                                + " javascript in turn, each compiled and run once), then the"
                                + " copies are posted, each with its own submission id. Time runs"
                                + " from the first post until a read_committed consumer has read"
                                + " every copy's report. The bound column is"
                                + " worker.max.in.flight / worker.commit.interval.ms: a worker"
                                + " fetches no more than max in flight submissions until their"
                                + " reports are committed, and commits once per interval. JVM CPU"
                                + " is the CPU time of the whole JVM (broker, worker and client)"
                                + " over the run, per submission. Rows run one after another in"
                                + " the same JVM, so later rows start with a warmer JIT.%n%n",
                        distinct));
        text.append("| settings | submissions | seconds | submissions/s | bound/s");
        text.append(" | mean processingMicros | p50 | p99 | mean cache.lookupMicros");
        text.append(" | cache outcomes | JVM CPU µs/submission |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (Run run : runs) {
            text.append(
                    String.format(
                            "| %s | %,d | %.1f | %,.0f | %,.0f | %.0f | %,d | %,d | %.0f | %s | %.0f"
                                    + " |%n",
                            settings(run.settings()),
                            run.submissions(),
                            run.seconds(),
                            run.perSecond(),
                            run.inFlightBound(),
                            run.meanProcessingMicros(),
                            BenchSupport.percentile(run.processingMicros(), 50),
                            BenchSupport.percentile(run.processingMicros(), 99),
                            run.meanLookupMicros(),
                            outcomes(run.tiers()),
                            run.cpuMicrosPerSubmission()));
        }
        return text.toString();
    }

    private static String settings(Map<String, Object> settings) {
        StringBuilder text = new StringBuilder();
        settings.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(
                        entry ->
                                text.append(text.isEmpty() ? "" : ", ")
                                        .append(entry.getKey())
                                        .append('=')
                                        .append(entry.getValue()));
        return text.toString();
    }

    private static String outcomes(Map<CacheTier, Integer> tiers) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<CacheTier, Integer> entry : tiers.entrySet()) {
            String name = entry.getKey() == CacheTier.NONE ? "miss" : entry.getKey().name();
            text.append(text.isEmpty() ? "" : ", ")
                    .append(name)
                    .append(' ')
                    .append(entry.getValue());
        }
        return text.toString();
    }
}
