package dev.codepulse.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.LoggerFactory;

/** Logging, topic, progress and result-file helpers shared by the benchmark main classes. */
final class BenchSupport {
    private BenchSupport() {}

    /** Keeps the console to WARN for libraries and INFO for codepulse, as in production. */
    static void quietLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("dev.codepulse")).setLevel(Level.WARN);
    }

    /** Creates topics with the given partitions and waits for the broker. */
    static void createTopics(Admin admin, int partitions, String... names)
            throws ExecutionException, InterruptedException {
        List<NewTopic> topics =
                Stream.of(names).map(name -> new NewTopic(name, partitions, (short) 1)).toList();
        admin.createTopics(topics).all().get();
    }

    /** Returns the offsets a consumer group committed on one topic, summed over partitions. */
    static long committed(Admin admin, String groupId, String topic)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(topic))
                .filter(entry -> entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset())
                .sum();
    }

    /**
     * Describes the machine for result files: CPUs, memory, JVM, OS and the load average, which
     * shows whether other processes shared the CPUs.
     */
    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(
                "%d CPUs (%s), %d MiB max heap, %s %s, %s %s, load average %.2f at the end",
                runtime.availableProcessors(),
                cpuModel(),
                runtime.maxMemory() / (1024 * 1024),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Returns the CPU time of this whole JVM so far, in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Returns the JVM arguments of this run, for result files. */
    static String jvmArguments() {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** Writes a result file under benchmarks/results (or BENCH_RESULTS_DIR) and prints where. */
    static void writeResult(String fileName, String text) {
        String configured = System.getenv("BENCH_RESULTS_DIR");
        Path directory = Path.of(configured == null ? "benchmarks/results" : configured);
        Path file = directory.resolve(fileName);
        try {
            Files.createDirectories(directory);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write result file " + file, e);
        }
        System.out.println("Result written to " + file.toAbsolutePath());
    }

    /** Returns the value after {@code name} on the command line, if the option is given. */
    static Optional<String> option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Optional.of(args[i + 1]);
            }
        }
        return Optional.empty();
    }

    /** Returns the nearest-rank percentile of {@code values}, in their unit. */
    static long percentile(long[] values, int percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * Starts a Markdown result file: the title, the time, the command, the machine and the load
     * average at the start and at the end of the run.
     */
    static StringBuilder resultHeader(
            String title, String command, String loadBefore, String loadAfter) {
        StringBuilder text = new StringBuilder();
        text.append("# ").append(title).append("\n\n");
        text.append("Run at ").append(now()).append(".\n\n");
        text.append("Command: `").append(command).append("`\n\n");
        text.append("Machine: ").append(Machine.describe()).append("\n\n");
        text.append("Load average (1, 5, 15 min) at the start: ").append(loadBefore);
        text.append("; at the end: ").append(loadAfter).append("\n\n");
        return text;
    }

    /** Returns the current time as an ISO-8601 string, for result files. */
    static String now() {
        return Instant.now().toString();
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown model");
        } catch (IOException | UncheckedIOException e) {
            return "unknown model";
        }
    }
}
