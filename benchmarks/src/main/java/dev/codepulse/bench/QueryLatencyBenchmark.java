package dev.codepulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codepulse.localstack.EmbeddedKafka;
import dev.codepulse.schemas.ExecutionReport;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import dev.codepulse.streams.MetricsStreamsConfig;
import dev.codepulse.streams.MetricsStreamsService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Query latency: the time from a report being published to its window aggregate being queryable
 * over HTTP, under a steady load of other reports.
 *
 * <p>A background thread publishes reports at a fixed rate. Each probe publishes one report of a
 * language no other report uses, then polls {@code GET /stats/language?name=LANGUAGE} every 5 ms
 * until the current window counts it; the latency runs from just before {@code send} to the first
 * response that shows it, so it includes the producer, the partial flush interval (200 ms), two
 * transaction commits (100 ms interval each), the merge at the key's owner and one HTTP round trip.
 * Probes run one after another, 100 ms apart.
 *
 * <p>Run from the repository root after building the class path as for {@link
 * AggregationBenchmark}: {@code java -Xmx2g -cp benchmarks/target/classes:$(cat
 * benchmarks/target/cp.txt) dev.codepulse.bench.QueryLatencyBenchmark [probes] [reportsPerSecond]}
 * (300 and 2000 by default). Prints a table and writes benchmarks/results/query-latency.md.
 */
public final class QueryLatencyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final long PROBE_SPACING_MS = 100;
    private static final String PREFIX = "latency.";

    private QueryLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int probes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int reportsPerSecond = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        BenchSupport.quietLogs();
        Path stateDir = Files.createTempDirectory("codepulse-latency-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
                MetricsStreamsService service =
                        MetricsStreamsService.start(config(kafka.bootstrapServers(), stateDir));
                KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
            awaitRunning(service);
            String topic = Topics.EXECUTION_REPORTS.withPrefix(PREFIX).name();
            Load load = new Load(producer, topic, reportsPerSecond);
            Thread loadThread = new Thread(load, "latency-benchmark-load");
            loadThread.start();
            Thread.sleep(5_000);
            long[] latenciesMicros = new long[probes];
            long loadStart = load.sent.get();
            long started = System.nanoTime();
            try {
                HttpClient http = HttpClient.newHttpClient();
                for (int i = 0; i < probes; i++) {
                    latenciesMicros[i] = probe(producer, topic, http, service.httpPort(), i);
                    Thread.sleep(PROBE_SPACING_MS);
                }
            } finally {
                load.running.set(false);
                loadThread.join();
            }
            double loadRate = (load.sent.get() - loadStart) / ((System.nanoTime() - started) / 1e9);
            report(latenciesMicros, loadRate);
        }
    }

    private static MetricsStreamsConfig config(String bootstrapServers, Path stateDir) {
        Map<String, String> settings = new HashMap<>();
        settings.put(MetricsStreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(MetricsStreamsConfig.TOPIC_PREFIX_CONFIG, PREFIX);
        settings.put(MetricsStreamsConfig.TOPIC_PARTITIONS_CONFIG, "2");
        settings.put(MetricsStreamsConfig.APPLICATION_ID_CONFIG, PREFIX + "metrics");
        settings.put(MetricsStreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put(MetricsStreamsConfig.HTTP_PORT_CONFIG, "0");
        settings.put(MetricsStreamsConfig.INSTANCE_ID_CONFIG, "latency-bench");
        settings.put(MetricsStreamsConfig.SUMMARY_INTERVAL_MS_CONFIG, "0");
        return new MetricsStreamsConfig(settings);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(
                properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Publishes one report of a new language and returns micros until a query shows it. */
    private static long probe(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            HttpClient http,
            int port,
            int index)
            throws Exception {
        String language = "probe-" + index;
        ExecutionReport report =
                ExecutionReport.newBuilder(new ReportWorkload(index).next(index))
                        .setLanguage(language)
                        .build();
        byte[] value =
                EventSerdes.singleObject().serde(ExecutionReport.class).serialize(topic, report);
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:"
                                                + port
                                                + "/stats/language?name="
                                                + language))
                        .build();
        long sentNanos = System.nanoTime();
        producer.send(
                new ProducerRecord<>(
                        topic, null, System.currentTimeMillis(), language.getBytes(), value));
        long deadline = sentNanos + PROBE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode current = JSON.readTree(response.body()).get("current");
                if (current != null && !current.isNull() && current.get("count").asLong() >= 1) {
                    return (System.nanoTime() - sentNanos) / 1_000;
                }
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(
                "Probe " + language + " was not queryable within " + PROBE_TIMEOUT);
    }

    private static void report(long[] latenciesMicros, double loadRate) {
        long[] sorted = latenciesMicros.clone();
        Arrays.sort(sorted);
        StringBuilder table = new StringBuilder();
        table.append("| probes | load reports/s | p50 ms | p90 ms | p99 ms | max ms | mean ms |\n");
        table.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        table.append(
                String.format(
                        "| %d | %,.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                        sorted.length,
                        loadRate,
                        percentile(sorted, 0.50) / 1e3,
                        percentile(sorted, 0.90) / 1e3,
                        percentile(sorted, 0.99) / 1e3,
                        sorted[sorted.length - 1] / 1e3,
                        Arrays.stream(sorted).average().orElse(0) / 1e3));
        table.append(
                String.format(
                        "%nTarget: event to queryable aggregate p99 under 2000 ms; measured %.0f"
                                + " ms.%n",
                        percentile(sorted, 0.99) / 1e3));
        System.out.println(table);
        BenchSupport.writeResult(
                "query-latency.md",
                "# Event to queryable aggregate latency\n\n"
                        + "Run at "
                        + BenchSupport.now()
                        + " on "
                        + BenchSupport.machine()
                        + ", embedded broker and the metrics-streams service in one JVM ("
                        + BenchSupport.jvmArguments()
                        + "). Service defaults: exactly_once_v2, 1 stream thread,"
                        + " commit.interval.ms=100, partial.flush.interval.ms=200, 2 partitions."
                        + " Latency runs from just before the producer's send to the first HTTP"
                        + " query whose current window counts the report, polled every 5 ms.\n\n"
                        + "Command: java -Xmx2g -cp benchmarks/target/classes:$(cat"
                        + " benchmarks/target/cp.txt) dev.codepulse.bench.QueryLatencyBenchmark "
                        + sorted.length
                        + "\n\n"
                        + table);
    }

    // Nearest-rank percentile of sorted values.
    private static long percentile(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void awaitRunning(MetricsStreamsService service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (service.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("metrics-streams did not reach RUNNING in 2 min");
            }
            Thread.sleep(50);
        }
    }

    /** Publishes reports at a fixed rate until stopped. */
    private static final class Load implements Runnable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong sent = new AtomicLong();
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final int reportsPerSecond;

        Load(KafkaProducer<byte[], byte[]> producer, String topic, int reportsPerSecond) {
            this.producer = producer;
            this.topic = topic;
            this.reportsPerSecond = reportsPerSecond;
        }

        @Override
        public void run() {
            ReportWorkload workload = new ReportWorkload(11);
            var serializer = EventSerdes.singleObject().serde(ExecutionReport.class);
            long startedNanos = System.nanoTime();
            long index = 0;
            while (running.get()) {
                long dueNanos = startedNanos + index * 1_000_000_000L / reportsPerSecond;
                long waitNanos = dueNanos - System.nanoTime();
                if (waitNanos > 0) {
                    sleepNanos(waitNanos);
                    continue;
                }
                ExecutionReport report = workload.next(index);
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                null,
                                System.currentTimeMillis(),
                                report.getSubmissionId().getBytes(),
                                serializer.serialize(topic, report)));
                sent.incrementAndGet();
                index++;
            }
        }

        private static void sleepNanos(long nanos) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
