package dev.codepulse.bench;

import dev.codepulse.bench.CacheBenchmark.Case;
import dev.codepulse.bench.CacheBenchmark.Row;
import dev.codepulse.bench.CacheBenchmark.Sample;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/** The result file of {@link CacheBenchmark}: settings, machine and the two tables. */
final class CacheReport {
    /** Languages whose cold/hit ratio has a target. */
    private static final Set<String> TARGET_LANGUAGES = Set.of("cpp", "java");

    private static final double TARGET_RATIO = 1000;

    private CacheReport() {}

    /** Settings and context of a run, for the text above the tables. */
    record Settings(
            String command,
            int runs,
            int warmup,
            int hitWarmup,
            String isolation,
            Map<String, String> toolchains,
            String loadBefore,
            String loadAfter) {}

    static String render(Map<String, EnumMap<Case, Row>> rows, Settings settings) {
        StringBuilder text =
                BenchSupport.resultHeader(
                        "Result cache: miss against hit, per tier",
                        settings.command(),
                        settings.loadBefore(),
                        settings.loadAfter());
        text.append("Toolchains: ").append(settings.toolchains()).append("; isolation ");
        text.append(settings.isolation()).append(".\n\n");
        describeMethod(text, settings);
        appendSamples(text, rows);
        appendRatios(text, rows);
        appendUnexpected(text, rows);
        return text.toString();
    }

    private static void describeMethod(StringBuilder text, Settings settings) {
        text.append(
                "Setup: an embedded Kafka broker, one redis-server and two executor workers in one"
                        + " JVM, all started by the benchmark. Each worker has executor.slots=2 and"
                        + " the default worker.commit.interval.ms=100 and worker.max.in.flight=64,"
                        + " and its own topic prefix and consumer group, so it receives only the"
                        + " submissions posted to it; both use the same Redis. Each round of a"
                        + " language posts a new variant of a correct sum solution with three tests"
                        + " (a different source comment, so a new cache key) to worker A (miss),"
                        + " the same source again to worker A (in-process hit), then to worker B,"
                        + " whose in-process tier is disabled with cache.local.max.bytes=0 (Redis"
                        + " hit). Every submission is posted after the previous report was read,"
                        + " so the workers never run two at once. ");
        text.append(
                String.format(
                        "Rounds per language: %d counted after %d not counted, languages in"
                                + " turn. Before the rounds, %d copies of one cached submission went"
                                + " to each worker at once, unmeasured, so that the JIT compiled the"
                                + " hit path as in a worker under steady traffic.%n%n",
                        settings.runs(), settings.warmup(), settings.hitWarmup()));
        text.append(
                "processingMicros is the worker's own time for a submission, from the moment a"
                        + " slot picks it up until its report is built: validation, the cache key,"
                        + " the lookup and, on a miss, compiling and running every test in the"
                        + " sandbox. cache.lookupMicros is the part spent in the cache lookup"
                        + " itself; on a miss it ends where the computation starts. The round trip"
                        + " is what a client sees, from posting the submission to reading the"
                        + " committed report, and includes waiting for the transaction commit"
                        + " (worker.commit.interval.ms). Percentiles are nearest-rank.\n\n");
    }

    private static void appendSamples(StringBuilder text, Map<String, EnumMap<Case, Row>> rows) {
        text.append("| language | case | samples | processingMicros median | p90");
        text.append(" | cache.lookupMicros median | p90 | round trip median ms |\n");
        text.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, EnumMap<Case, Row>> language : rows.entrySet()) {
            for (Case each : Case.values()) {
                List<Sample> samples = language.getValue().get(each).samples;
                if (samples.isEmpty()) {
                    text.append(
                            String.format(
                                    "| %s | %s | 0 | | | | | |%n", language.getKey(), each.label));
                    continue;
                }
                text.append(
                        String.format(
                                "| %s | %s | %d | %,d | %,d | %,d | %,d | %.1f |%n",
                                language.getKey(),
                                each.label,
                                samples.size(),
                                percentile(samples, Sample::processingMicros, 50),
                                percentile(samples, Sample::processingMicros, 90),
                                percentile(samples, Sample::lookupMicros, 50),
                                percentile(samples, Sample::lookupMicros, 90),
                                percentile(samples, Sample::roundTripMicros, 50) / 1000.0));
            }
        }
    }

    private static void appendRatios(StringBuilder text, Map<String, EnumMap<Case, Row>> rows) {
        text.append("\nRatio of the medians of processingMicros, miss / hit:\n\n");
        text.append("| language | miss median ms | in-process hit median µs | Redis hit median µs");
        text.append(" | miss / in-process hit | miss / Redis hit |\n");
        text.append("|---|---:|---:|---:|---:|---:|\n");
        StringBuilder targets = new StringBuilder();
        for (Map.Entry<String, EnumMap<Case, Row>> language : rows.entrySet()) {
            EnumMap<Case, Row> row = language.getValue();
            if (row.values().stream().anyMatch(each -> each.samples.isEmpty())) {
                continue;
            }
            long cold = median(row.get(Case.COLD));
            long local = Math.max(1, median(row.get(Case.LOCAL)));
            long redis = Math.max(1, median(row.get(Case.REDIS)));
            double localRatio = (double) cold / local;
            double redisRatio = (double) cold / redis;
            text.append(
                    String.format(
                            "| %s | %.1f | %,d | %,d | %,.0fx | %,.0fx |%n",
                            language.getKey(),
                            cold / 1000.0,
                            local,
                            redis,
                            localRatio,
                            redisRatio));
            if (TARGET_LANGUAGES.contains(language.getKey())) {
                targets.append(
                        String.format(
                                "%s: %,.0fx in-process (%s), %,.0fx Redis (%s). ",
                                language.getKey(),
                                localRatio,
                                localRatio >= TARGET_RATIO ? "met" : "not met",
                                redisRatio,
                                redisRatio >= TARGET_RATIO ? "met" : "not met"));
            }
        }
        text.append(
                String.format(
                        "%nTarget: a hit at least %,.0fx faster than a miss for C++ and Java, as"
                                + " seen by the worker. %s%n",
                        TARGET_RATIO, targets.toString().strip()));
    }

    private static void appendUnexpected(StringBuilder text, Map<String, EnumMap<Case, Row>> rows) {
        long count =
                rows.values().stream()
                        .flatMap(row -> row.values().stream())
                        .mapToLong(row -> row.unexpected.size())
                        .sum();
        text.append(String.format("%nUnexpected reports, left out of the tables: %d%n", count));
        rows.values().stream()
                .flatMap(row -> row.values().stream())
                .flatMap(row -> row.unexpected.stream())
                .forEach(problem -> text.append("- ").append(problem).append('\n'));
    }

    private static long median(Row row) {
        return percentile(row.samples, Sample::processingMicros, 50);
    }

    private static long percentile(List<Sample> samples, ToLongFunction<Sample> field, int p) {
        return BenchSupport.percentile(samples.stream().mapToLong(field).toArray(), p);
    }
}
