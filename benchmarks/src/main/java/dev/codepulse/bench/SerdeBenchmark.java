package dev.codepulse.bench;

import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.registry.SchemaNotFoundException;
import dev.codepulse.schemas.registry.SchemaRegistryClient;
import dev.codepulse.schemas.serde.AvroSerde;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.streams.internals.LanguageAggregate;
import dev.codepulse.streams.internals.ReportReader;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Encoding and decoding of the two largest events, in each wire format: an {@link ExecutionReport}
 * of a compiled submission with three test results, and a {@link LanguageStats} window with six
 * real DDSketches. Run with {@code -prof gc} for the bytes allocated per operation ({@code
 * gc.alloc.rate.norm}).
 *
 * <p>The report is the first one of the seeded {@link ReportWorkload} that compiled. The window
 * aggregates the C++ reports among 10,000 of that workload with the metrics topology's own
 * aggregate, so its sketches have the bins a busy minute produces.
 *
 * <p>{@code format=confluent} uses {@link EventSerdes#withRegistry} with {@link FixedIdRegistry},
 * which returns ids and schemas from an in-memory map, as the real client does from its warm cache,
 * so no HTTP request is measured.
 *
 * <p>Run from the repository root with {@code java -cp benchmarks/target/benchmarks.jar
 * dev.codepulse.bench.SerdeBenchmark [JMH options]}: {@link #main} runs every benchmark of this
 * class with the GC profiler, prints the table and writes benchmarks/results/serde.md (or under
 * BENCH_RESULTS_DIR when set). {@code java -jar benchmarks/target/benchmarks.jar SerdeBenchmark
 * -prof gc} runs the same through the plain JMH runner, without the result file.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class SerdeBenchmark {
    private static final String REPORTS_TOPIC = Topics.EXECUTION_REPORTS.name();
    private static final String STATS_TOPIC = Topics.LANGUAGE_STATS.name();
    private static final int WINDOW_REPORTS = 10_000;
    // Above every duration the workload produces, so the reader keeps every report.
    private static final long MAX_DURATION_MS = 3_600_000;

    @Param({"single-object", "confluent"})
    public String format;

    private EventSerdes serdes;
    private AvroSerde<ExecutionReport> reportSerde;
    private AvroSerde<LanguageStats> statsSerde;
    private ExecutionReport report;
    private LanguageStats stats;
    private byte[] reportBytes;
    private byte[] statsBytes;

    /** Runs the benchmarks of this class with the GC profiler and writes the result file. */
    public static void main(String[] args) throws Exception {
        Options options =
                new OptionsBuilder()
                        .parent(new CommandLineOptions(args))
                        .include(SerdeBenchmark.class.getName() + "\\.")
                        .addProfiler(GCProfiler.class)
                        .build();
        String loadBefore = Machine.loadAverage();
        Collection<RunResult> results = new Runner(options).run();
        String report =
                SerdeReport.render(
                        results,
                        String.join(" ", args),
                        encodedSizes(),
                        loadBefore,
                        Machine.loadAverage());
        System.out.print(report);
        BenchSupport.writeResult("serde.md", report);
    }

    /** Returns the encoded size of each event in each format, in bytes, keyed by a label. */
    static Map<String, Integer> encodedSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (String each : new String[] {"single-object", "confluent"}) {
            SerdeBenchmark benchmark = new SerdeBenchmark();
            benchmark.format = each;
            benchmark.createEvents();
            sizes.put("ExecutionReport, " + each, benchmark.reportBytes.length);
            sizes.put("LanguageStats, " + each, benchmark.statsBytes.length);
            benchmark.closeSerdes();
        }
        return sizes;
    }

    @Setup(Level.Trial)
    public void createEvents() {
        serdes =
                format.equals("confluent")
                        ? EventSerdes.withRegistry(new FixedIdRegistry(), true)
                        : EventSerdes.singleObject();
        reportSerde = serdes.serde(ExecutionReport.class);
        statsSerde = serdes.serde(LanguageStats.class);
        report = compiledReport();
        stats = cppWindow();
        reportBytes = reportSerde.serialize(REPORTS_TOPIC, report);
        statsBytes = statsSerde.serialize(STATS_TOPIC, stats);
    }

    @TearDown(Level.Trial)
    public void closeSerdes() {
        serdes.close();
    }

    /** Encodes the report. */
    @Benchmark
    public byte[] encodeReport() {
        return reportSerde.serialize(REPORTS_TOPIC, report);
    }

    /** Decodes the report. */
    @Benchmark
    public ExecutionReport decodeReport() {
        return reportSerde.deserialize(REPORTS_TOPIC, reportBytes);
    }

    /** Encodes the language window. */
    @Benchmark
    public byte[] encodeLanguageStats() {
        return statsSerde.serialize(STATS_TOPIC, stats);
    }

    /** Decodes the language window. */
    @Benchmark
    public LanguageStats decodeLanguageStats() {
        return statsSerde.deserialize(STATS_TOPIC, statsBytes);
    }

    private static ExecutionReport compiledReport() {
        ReportWorkload workload = new ReportWorkload(11);
        for (long index = 0; ; index++) {
            ExecutionReport candidate = workload.next(index, 3);
            if (candidate.getCompile() != null) {
                return candidate;
            }
        }
    }

    // Runs the reports through the metrics topology's reader and aggregate, as the windows do.
    private static LanguageStats cppWindow() {
        ReportWorkload workload = new ReportWorkload(13);
        LanguageAggregate aggregate = new LanguageAggregate();
        try (EventSerdes singleObject = EventSerdes.singleObject()) {
            AvroSerde<ExecutionReport> serde = singleObject.serde(ExecutionReport.class);
            ReportReader reader = new ReportReader(serde, MAX_DURATION_MS, MAX_DURATION_MS);
            for (long index = 0; index < WINDOW_REPORTS; index++) {
                ExecutionReport next = workload.next(index);
                if (next.getLanguage().equals("cpp")) {
                    byte[] bytes = serde.serialize(REPORTS_TOPIC, next);
                    aggregate.add(reader.read(REPORTS_TOPIC, bytes).value);
                }
            }
        }
        return aggregate.toStats("cpp", 1_700_000_000_000L, 1_700_000_060_000L);
    }

    /**
     * A schema registry in memory: the first schema registered gets id 1, the next id 2, and so on.
     * Ids are kept by subject and schema, as the real client's cache keeps them.
     */
    static final class FixedIdRegistry implements SchemaRegistryClient {
        private final Map<Map.Entry<String, Schema>, Integer> ids = new ConcurrentHashMap<>();
        private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

        @Override
        public int register(String subject, Schema schema) {
            Integer id = ids.get(Map.entry(subject, schema));
            return id != null ? id : registerNew(subject, schema);
        }

        private synchronized int registerNew(String subject, Schema schema) {
            Integer id = ids.get(Map.entry(subject, schema));
            if (id != null) {
                return id;
            }
            int next = schemas.size() + 1;
            schemas.put(next, schema);
            ids.put(Map.entry(subject, schema), next);
            return next;
        }

        @Override
        public OptionalInt lookUpId(String subject, Schema schema) {
            Integer id = ids.get(Map.entry(subject, schema));
            return id == null ? OptionalInt.empty() : OptionalInt.of(id);
        }

        @Override
        public Schema schemaById(int id) {
            Schema schema = schemas.get(id);
            if (schema == null) {
                throw new SchemaNotFoundException(
                        "Schema id " + id + " not found in the in-memory registry", 40403);
            }
            return schema;
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            return true;
        }

        @Override
        public String url() {
            return "memory:fixed-ids";
        }
    }
}
