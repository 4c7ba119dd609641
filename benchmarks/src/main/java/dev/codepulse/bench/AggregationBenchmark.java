package dev.codepulse.bench;

import dev.codepulse.localstack.EmbeddedKafka;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.streams.MetricsStreamsConfig;
import dev.codepulse.streams.MetricsStreamsService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Aggregation throughput: the metrics topology against a bare Kafka Streams {@code
 * groupByKey().count()} over the same execution reports on the same embedded broker, both with
 * exactly_once_v2, one stream thread and a 100 ms commit interval.
 *
 * <p>The reports, keyed by submission id as the executor writes them, are produced first (not
 * timed). Each application then starts on its own application id and is timed from state RUNNING
 * until the committed offsets of its group cover the whole input topic. The metrics topology must
 * also have merged every report into a window at the key owners. The same reports keyed by language
 * (five keys) are counted too, for context: a count over few keys only updates a cache, which is
 * the fastest a Kafka Streams application gets on this broker. A warm-up round on a smaller topic
 * runs first, so neither side pays for class loading and JIT alone.
 *
 * <p>Run from the repository root: {@code mvn -B -o -pl benchmarks -am package
 * dependency:build-classpath -DskipTests -Dmdep.outputFile=target/cp.txt}, then {@code java -Xmx4g
 * -cp benchmarks/target/classes:$(cat benchmarks/target/cp.txt)
 * dev.codepulse.bench.AggregationBenchmark [events]} (1000000 by default). Prints a table and
 * writes benchmarks/results/aggregation-throughput.md, or under BENCH_RESULTS_DIR when set. With
 * {@code -Dbench.metricsOnly=true} only the metrics topology runs after the warm-up, for profiling.
 */
public final class AggregationBenchmark {
    private static final int PARTITIONS = 2;
    private static final int WARM_UP_EVENTS = 200_000;
    private static final long WINDOW_MS = 60_000;
    // Event times span ten windows, so windows close and are emitted during the run.
    private static final long EVENT_SPAN_MS = 10 * WINDOW_MS;

    private AggregationBenchmark() {}

    /**
     * One timed run.
     *
     * @param cpuMicrosPerRecord CPU time of the whole JVM (broker included) from RUNNING to done,
     *     per record, which other processes on the machine disturb less than throughput
     */
    record Run(
            String name,
            long events,
            double startupSeconds,
            double processingSeconds,
            double cpuMicrosPerRecord) {
        double recordsPerSecond() {
            return events / processingSeconds;
        }

        double endToEndRecordsPerSecond() {
            return events / (startupSeconds + processingSeconds);
        }
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        BenchSupport.quietLogs();
        Path stateRoot = Files.createTempDirectory("codepulse-bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
                Admin admin =
                        Admin.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        kafka.bootstrapServers()))) {
            Round warmUp = new Round(kafka.bootstrapServers(), admin, stateRoot, "warmup");
            warmUp.prepare(WARM_UP_EVENTS);
            warmUp.bareCount(WARM_UP_EVENTS, warmUp.input, "bare count (warm-up)");
            warmUp.metricsTopology(WARM_UP_EVENTS);
            System.out.println("Warm-up done; measuring " + events + " events");

            Round measured = new Round(kafka.bootstrapServers(), admin, stateRoot, "measured");
            double produceSeconds = measured.prepare(events);
            if (Boolean.getBoolean("bench.metricsOnly")) {
                measured.metricsTopology(events);
                return;
            }
            Run count = measured.bareCount(events, measured.input, "bare groupByKey().count()");
            Run metrics = measured.metricsTopology(events);
            Run fewKeys =
                    measured.bareCount(
                            events,
                            measured.byLanguage,
                            "bare count, same reports keyed by language (context)");
            report(events, produceSeconds, count, metrics, fewKeys);
        }
    }

    private static void report(
            long events, double produceSeconds, Run count, Run metrics, Run fewKeys) {
        double ratio = metrics.recordsPerSecond() / count.recordsPerSecond();
        double endToEndRatio =
                metrics.endToEndRecordsPerSecond() / count.endToEndRecordsPerSecond();
        StringBuilder table = new StringBuilder();
        table.append(
                "| topology | events | startup s | processing s | records/s"
                        + " | records/s incl. startup | JVM CPU µs/record |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Run run : new Run[] {count, metrics, fewKeys}) {
            table.append(
                    String.format(
                            "| %s | %d | %.2f | %.2f | %,.0f | %,.0f | %.1f |%n",
                            run.name(),
                            run.events(),
                            run.startupSeconds(),
                            run.processingSeconds(),
                            run.recordsPerSecond(),
                            run.endToEndRecordsPerSecond(),
                            run.cpuMicrosPerRecord()));
        }
        table.append(
                String.format(
                        "%nRatio metrics / bare count: %.2f processing, %.2f including startup"
                                + " (target: at least 0.80); against the count keyed by language:"
                                + " %.2f processing.%n",
                        ratio,
                        endToEndRatio,
                        metrics.recordsPerSecond() / fewKeys.recordsPerSecond()));
        table.append(
                String.format(
                        "Producing the %d reports took %.2f s (%,.0f records/s, not timed above).%n",
                        events, produceSeconds, events / produceSeconds));
        System.out.println(table);
        BenchSupport.writeResult(
                "aggregation-throughput.md",
                "# Aggregation throughput\n\n"
                        + "Run at "
                        + BenchSupport.now()
                        + " on "
                        + BenchSupport.machine()
                        + ", embedded broker and both applications in one JVM ("
                        + BenchSupport.jvmArguments()
                        + ").\n"
                        + "Both applications: exactly_once_v2, 1 stream thread, commit.interval.ms=100,"
                        + " input topic with "
                        + PARTITIONS
                        + " partitions. Startup is from KafkaStreams.start() to state RUNNING;"
                        + " processing from RUNNING until every input offset is committed (and, for"
                        + " the metrics topology, every report is merged into a window at its key's"
                        + " owner). JVM CPU is the CPU time of the whole JVM, broker included, over"
                        + " the processing time, per record. Reports are keyed by submission id, as"
                        + " on execution-reports; the last row counts the same reports keyed by"
                        + " language (five keys) for context.\n\n"
                        + "Command: java -Xmx4g -cp benchmarks/target/classes:$(cat"
                        + " benchmarks/target/cp.txt) dev.codepulse.bench.AggregationBenchmark "
                        + count.events()
                        + "\n\n"
                        + table);
    }

    /** The topics and applications of one round, on its own topic prefix. */
    private static final class Round {
        private final String bootstrapServers;
        private final Admin admin;
        private final Path stateRoot;
        private final String prefix;
        private final String input;
        private final String byLanguage;

        Round(String bootstrapServers, Admin admin, Path stateRoot, String name) {
            this.bootstrapServers = bootstrapServers;
            this.admin = admin;
            this.stateRoot = stateRoot;
            this.prefix = "bench-" + name + ".";
            this.input = Topics.EXECUTION_REPORTS.withPrefix(prefix).name();
            this.byLanguage = prefix + "reports-by-language";
        }

        /**
         * Creates the topics and produces the reports twice, keyed by submission id and keyed by
         * language; returns the seconds producing took.
         */
        double prepare(long events) throws Exception {
            BenchSupport.createTopics(
                    admin,
                    PARTITIONS,
                    input,
                    Topics.FUNCTION_SAMPLES.withPrefix(prefix).name(),
                    Topics.LANGUAGE_STATS.withPrefix(prefix).name(),
                    Topics.FUNCTION_STATS.withPrefix(prefix).name(),
                    Topics.DEAD_LETTERS.withPrefix(prefix).name(),
                    byLanguage,
                    prefix + "counts");
            long started = System.nanoTime();
            produce(events);
            return (System.nanoTime() - started) / 1e9;
        }

        Run bareCount(long events, String topic, String name) throws Exception {
            String applicationId = prefix + "bare-count-" + topic;
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                    .groupByKey()
                    .count(Materialized.as("bench-count"))
                    .toStream()
                    .to(prefix + "counts", Produced.with(Serdes.ByteArray(), Serdes.Long()));
            Properties properties = new Properties();
            properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(
                    StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
            properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
            properties.put(
                    StreamsConfig.STATE_DIR_CONFIG, stateRoot.resolve(applicationId).toString());
            try (KafkaStreams streams = new KafkaStreams(builder.build(), properties)) {
                long started = System.nanoTime();
                streams.start();
                long running = awaitRunning(streams::state);
                long cpuAtRunning = BenchSupport.processCpuNanos();
                long done =
                        awaitDone(
                                () ->
                                        BenchSupport.committed(admin, applicationId, topic)
                                                >= events);
                return run(
                        name,
                        events,
                        started,
                        running,
                        done,
                        BenchSupport.processCpuNanos() - cpuAtRunning);
            }
        }

        Run metricsTopology(long events) throws Exception {
            String applicationId = prefix + "metrics";
            MetricsStreamsConfig config = metricsConfig(applicationId);
            long started = System.nanoTime();
            try (MetricsStreamsService service = MetricsStreamsService.start(config)) {
                long running = awaitRunning(service::state);
                long cpuAtRunning = BenchSupport.processCpuNanos();
                MeterRegistry registry = service.registry();
                long done =
                        awaitDone(
                                () ->
                                        handled(registry) >= events
                                                && committed(applicationId) >= events);
                long cpuNanos = BenchSupport.processCpuNanos() - cpuAtRunning;

                long dropped = (long) sum(registry, "codepulse.streams.records.dropped");
                if (dropped > 0) {
                    System.out.println(
                            "Metrics topology dropped " + dropped + " reports as late or invalid");
                }
                return run("metrics topology", events, started, running, done, cpuNanos);
            }
        }

        private MetricsStreamsConfig metricsConfig(String applicationId) {
            Map<String, String> settings = new HashMap<>();
            settings.put(MetricsStreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            settings.put(MetricsStreamsConfig.TOPIC_PREFIX_CONFIG, prefix);
            settings.put(MetricsStreamsConfig.TOPIC_CREATE_CONFIG, "false");
            settings.put(MetricsStreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            settings.put(
                    MetricsStreamsConfig.STATE_DIR_CONFIG,
                    stateRoot.resolve(applicationId).toString());
            settings.put(MetricsStreamsConfig.HTTP_PORT_CONFIG, "-1");
            settings.put(MetricsStreamsConfig.INSTANCE_ID_CONFIG, "bench");
            settings.put(MetricsStreamsConfig.SUMMARY_INTERVAL_MS_CONFIG, "0");
            settings.put(MetricsStreamsConfig.WINDOW_SIZE_MS_CONFIG, Long.toString(WINDOW_MS));
            return new MetricsStreamsConfig(settings);
        }

        private void produce(long events) {
            Map<String, Object> properties = new HashMap<>();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            ReportWorkload workload = new ReportWorkload(7);
            long base = System.currentTimeMillis() / WINDOW_MS * WINDOW_MS - EVENT_SPAN_MS;
            try (EventSerdes serdes = EventSerdes.singleObject();
                    KafkaProducer<byte[], byte[]> producer =
                            new KafkaProducer<>(
                                    properties,
                                    new ByteArraySerializer(),
                                    new ByteArraySerializer())) {
                var serializer = serdes.serde(ExecutionReport.class);
                for (long i = 0; i < events; i++) {
                    ExecutionReport report = workload.next(i);
                    long timestamp = base + i * EVENT_SPAN_MS / events;
                    byte[] value = serializer.serialize(input, report);
                    producer.send(
                            new ProducerRecord<>(
                                    input,
                                    null,
                                    timestamp,
                                    report.getSubmissionId().getBytes(),
                                    value));
                    producer.send(
                            new ProducerRecord<>(
                                    byLanguage,
                                    null,
                                    timestamp,
                                    report.getLanguage().getBytes(),
                                    value));
                }
                producer.flush();
            }
        }

        private long committed(String applicationId) throws Exception {
            return BenchSupport.committed(admin, applicationId, input);
        }
    }

    private static long handled(MeterRegistry registry) {
        return (long)
                (sum(registry, "codepulse.streams.records.aggregated")
                        + sum(registry, "codepulse.streams.records.dropped"));
    }

    private static double sum(MeterRegistry registry, String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static Run run(
            String name, long events, long started, long running, long done, long cpuNanos) {
        Run run =
                new Run(
                        name,
                        events,
                        (running - started) / 1e9,
                        (done - running) / 1e9,
                        cpuNanos / 1e3 / events);
        System.out.printf(
                "%s: startup %.2f s, processing %.2f s, %,.0f records/s, %.1f CPU µs/record%n",
                name,
                run.startupSeconds(),
                run.processingSeconds(),
                run.recordsPerSecond(),
                run.cpuMicrosPerRecord());
        return run;
    }

    private static long awaitRunning(Callable<KafkaStreams.State> state) throws Exception {
        return awaitDone(() -> state.call() == KafkaStreams.State.RUNNING);
    }

    // Polls every 50 ms, so a run's end is known to within about 50 ms plus one admin request.
    // Polling the broker more often measurably slows the applications down.
    private static long awaitDone(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Benchmark run did not finish within 10 minutes");
            }
            Thread.sleep(50);
        }
        return System.nanoTime();
    }
}
