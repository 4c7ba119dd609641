package dev.codepulse.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft combined mode (broker and controller in one
 * node), running inside this JVM. Listeners bind to 127.0.0.1 only.
 *
 * <p>Internal topics use replication factor 1 and few partitions, so transactions and consumer
 * groups work on one node and start fast. Start with {@link #start(Options)}; {@link #close()}
 * stops the broker and deletes a temporary data directory.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final Path dataDirectory;
    private final boolean deleteDataOnClose;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafka(
            KafkaRaftServer server,
            Path dataDirectory,
            boolean deleteDataOnClose,
            String bootstrapServers) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.deleteDataOnClose = deleteDataOnClose;
        this.bootstrapServers = bootstrapServers;
    }

    /** Settings of an embedded broker. */
    public record Options(
            Path dataDirectory, int port, int defaultPartitions, Map<String, String> overrides) {
        public Options {
            Objects.requireNonNull(overrides, "overrides can't be null");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(
                        "Invalid broker port " + port + "; expected 0 (any free port) to 65535");
            }
            if (defaultPartitions < 1) {
                throw new IllegalArgumentException(
                        "Invalid default partition count " + defaultPartitions + "; expected >= 1");
            }
            overrides = Map.copyOf(overrides);
        }

        /** Returns options for a temporary data directory, a free port and 3 partitions. */
        public static Options defaults() {
            return new Options(null, 0, 3, Map.of());
        }

        /** Returns a copy with the given data directory, kept on close; null means temporary. */
        public Options withDataDirectory(Path directory) {
            return new Options(directory, port, defaultPartitions, overrides);
        }

        /** Returns a copy with the given client port; 0 picks a free one. */
        public Options withPort(int newPort) {
            return new Options(dataDirectory, newPort, defaultPartitions, overrides);
        }

        /** Returns a copy with one broker property overridden. */
        public Options withOverride(String key, String value) {
            Map<String, String> merged = new HashMap<>(overrides);
            merged.put(key, value);
            return new Options(dataDirectory, port, defaultPartitions, merged);
        }
    }

    /**
     * Formats the data directory when it is new, starts the broker and waits until it serves.
     *
     * @throws LocalStackException if formatting or start-up fails
     */
    public static EmbeddedKafka start(Options options) {
        long startedNanos = System.nanoTime();
        boolean temporary = options.dataDirectory() == null;
        Path directory = temporary ? createTempDirectory() : options.dataDirectory();
        int port = options.port() == 0 ? FreePorts.find() : options.port();
        int controllerPort = FreePorts.find();

        Properties properties = brokerProperties(options, directory, port, controllerPort);
        format(directory, properties);

        KafkaRaftServer server =
                new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw new LocalStackException(
                    "Kafka broker failed to start on port " + port + ": " + e, e);
        }
        String bootstrap = "127.0.0.1:" + port;
        log.info(
                "Embedded Kafka broker started bootstrapServers={} dataDirectory={} startupMs={}",
                bootstrap,
                directory,
                (System.nanoTime() - startedNanos) / 1_000_000);
        return new EmbeddedKafka(server, directory, temporary, bootstrap);
    }

    /** Returns the address clients connect to, as host:port. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Returns the directory holding the broker's logs and metadata. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the broker, waits for it, and deletes the data directory if it was temporary. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startedNanos = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        if (deleteDataOnClose) {
            Directories.deleteRecursively(dataDirectory);
        }
        log.info(
                "Embedded Kafka broker stopped bootstrapServers={} shutdownMs={}",
                bootstrapServers,
                (System.nanoTime() - startedNanos) / 1_000_000);
    }

    private static Properties brokerProperties(
            Options options, Path directory, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("log.dirs", directory.resolve("logs").toString());
        p.put("metadata.log.dir", directory.resolve("metadata").toString());
        p.put("num.partitions", Integer.toString(options.defaultPartitions()));
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        // One node: every internal topic gets one replica, and few partitions keep start-up short.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.putAll(options.overrides());
        return p;
    }

    private static void format(Path directory, Properties properties) {
        if (Files.exists(directory.resolve("metadata").resolve("meta.properties"))) {
            return;
        }
        Path configFile = directory.resolve("server.properties");
        try {
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(configFile)) {
                properties.store(out, "Embedded codepulse broker");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write broker configuration " + configFile, e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status =
                    StorageTool.execute(
                            new String[] {
                                "format",
                                "--config",
                                configFile.toString(),
                                "--cluster-id",
                                Uuid.randomUuid().toString(),
                                "--standalone"
                            },
                            printer);
        }
        if (status != 0) {
            throw new LocalStackException(
                    "Formatting Kafka storage in "
                            + directory
                            + " failed with status "
                            + status
                            + ": "
                            + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("codepulse-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create a temporary Kafka data directory", e);
        }
    }
}
