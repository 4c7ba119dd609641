package dev.codepulse.bench;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** The result file of {@link SerdeBenchmark}. */
final class SerdeReport {
    private static final String ALLOCATED = "gc.alloc.rate.norm";

    private SerdeReport() {}

    static String render(
            Collection<RunResult> results,
            String arguments,
            Map<String, Integer> sizes,
            String loadBefore,
            String loadAfter) {
        String command =
                "java -cp benchmarks/target/benchmarks.jar dev.codepulse.bench.SerdeBenchmark"
                        + (arguments.isEmpty() ? "" : " " + arguments);
        StringBuilder text =
                BenchSupport.resultHeader("Serde cost per event", command, loadBefore, loadAfter);
        text.append(
                "Settings: JMH average time, one thread, 2 forks of 3 warm-up and 5 measured"
                        + " iterations of 2 s each unless the command says otherwise, with the GC"
                        + " profiler. The report is a compiled submission's ExecutionReport with 3"
                        + " test results; the window is a LanguageStats of C++ aggregated by the"
                        + " metrics topology's own LanguageAggregate from about 2,000 generated"
                        + " reports, with 6 DDSketches. single-object is Avro single-object"
                        + " encoding (EventSerdes.singleObject()); confluent is the Confluent wire"
                        + " format from EventSerdes.withRegistry with an in-memory registry stub"
                        + " that returns fixed ids and schemas, so no HTTP request is measured."
                        + " B/op is gc.alloc.rate.norm, the bytes allocated per operation.\n\n");
        text.append("| benchmark | format | ns/op | ± error (99.9%) | B/op |\n");
        text.append("|---|---|---:|---:|---:|\n");
        results.stream()
                .sorted(
                        Comparator.comparing((RunResult run) -> run.getParams().getBenchmark())
                                .thenComparing(run -> run.getParams().getParam("format")))
                .forEach(run -> appendRow(text, run));
        text.append("\nEncoded size of each event, in bytes:\n\n");
        text.append("| event, format | bytes |\n|---|---:|\n");
        sizes.forEach((label, bytes) -> text.append(String.format("| %s | %,d |%n", label, bytes)));
        return text.toString();
    }

    private static void appendRow(StringBuilder text, RunResult run) {
        String benchmark = run.getParams().getBenchmark();
        Result<?> primary = run.getPrimaryResult();
        Result<?> allocated = run.getSecondaryResults().get(ALLOCATED);
        text.append(
                String.format(
                        "| %s | %s | %,.0f | %,.0f | %s |%n",
                        benchmark.substring(benchmark.lastIndexOf('.') + 1),
                        run.getParams().getParam("format"),
                        primary.getScore(),
                        primary.getScoreError(),
                        allocated == null ? "n/a" : String.format("%,.0f", allocated.getScore())));
    }
}
