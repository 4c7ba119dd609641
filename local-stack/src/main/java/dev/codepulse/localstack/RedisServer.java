package dev.codepulse.localstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code redis-server} child process bound to 127.0.0.1, without persistence, with a memory limit
 * and an eviction policy.
 *
 * <p>It can be stopped and started again on the same port, to test clients that must survive a
 * Redis outage. The process is also stopped when the JVM exits.
 */
public final class RedisServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Options options;
    private final Path executable;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;
    private Process process;

    /**
     * Settings of a Redis child process.
     *
     * @param port TCP port, or 0 for any free port
     * @param maxMemoryBytes memory limit of the server (maxmemory), in bytes
     * @param maxMemoryPolicy eviction policy at the limit, such as allkeys-lru
     */
    public record Options(int port, long maxMemoryBytes, String maxMemoryPolicy) {
        public Options {
            Objects.requireNonNull(maxMemoryPolicy, "maxMemoryPolicy can't be null");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(
                        "Invalid Redis port " + port + "; expected 0 (any free port) to 65535");
            }
            if (maxMemoryBytes < 1024 * 1024) {
                throw new IllegalArgumentException(
                        "Invalid Redis maxmemory "
                                + maxMemoryBytes
                                + " bytes; expected at least 1 MiB");
            }
        }

        /** Returns options for a free port, 256 MiB and allkeys-lru eviction. */
        public static Options defaults() {
            return new Options(0, 256L * 1024 * 1024, "allkeys-lru");
        }

        /** Returns a copy with the given port. */
        public Options withPort(int newPort) {
            return new Options(newPort, maxMemoryBytes, maxMemoryPolicy);
        }
    }

    private RedisServer(Options options, Path executable, int port, Path logFile) {
        this.options = options;
        this.executable = executable;
        this.port = port;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stopQuietly, "redis-server-" + port + "-shutdown");
    }

    /** Returns the path of {@code redis-server} on PATH, if there is one. */
    public static Optional<Path> findExecutable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts {@code redis-server} from PATH and waits until it answers PING.
     *
     * @throws LocalStackException if redis-server is not on PATH or does not become ready
     */
    public static RedisServer start(Options options) {
        Path executable =
                findExecutable()
                        .orElseThrow(
                                () ->
                                        new LocalStackException(
                                                "redis-server not found on PATH; install it (for"
                                                        + " example apt-get install redis-server) or"
                                                        + " point REDIS_URL at a running server"));
        int port = options.port() == 0 ? FreePorts.find() : options.port();
        Path logFile;
        try {
            logFile = Files.createTempFile("codepulse-redis-" + port + "-", ".log");
        } catch (IOException e) {
            throw new LocalStackException("Failed to create a Redis log file", e);
        }
        RedisServer server = new RedisServer(options, executable, port, logFile);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        server.startProcess();
        return server;
    }

    /** Returns the host clients connect to. */
    public String host() {
        return "127.0.0.1";
    }

    /** Returns the TCP port, fixed for the life of this object. */
    public int port() {
        return port;
    }

    /** Returns the server address as a redis:// URL. */
    public String url() {
        return "redis://" + host() + ":" + port;
    }

    /** Returns true while the process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the process, keeping the port so {@link #restart()} can reuse it. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        log.info("Redis stopped port={} pid={}", port, process.pid());
        process = null;
    }

    /** Starts the process again on the same port, with an empty data set. */
    public synchronized void restart() {
        stop();
        startProcess();
    }

    @Override
    public synchronized void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            log.warn("Failed to delete Redis log file={}", logFile, e);
        }
    }

    private synchronized void startProcess() {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(
                List.of(
                        "--port", Integer.toString(port),
                        "--bind", "127.0.0.1",
                        "--save", "",
                        "--appendonly", "no",
                        "--daemonize", "no",
                        "--protected-mode", "yes",
                        "--maxmemory", Long.toString(options.maxMemoryBytes()),
                        "--maxmemory-policy", options.maxMemoryPolicy()));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LocalStackException("Failed to start " + executable + " on port " + port, e);
        }
        awaitReady();
        log.info(
                "Redis started url={} pid={} maxmemory={} policy={}",
                url(),
                process.pid(),
                options.maxMemoryBytes(),
                options.maxMemoryPolicy());
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LocalStackException(
                        "redis-server exited with status "
                                + process.exitValue()
                                + " while starting on port "
                                + port
                                + "; its log: "
                                + readLog());
            }
            if (answersPing()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException(
                        "Interrupted while waiting for Redis on port " + port);
            }
        }
        stop();
        throw new LocalStackException(
                "Redis did not answer PING on port "
                        + port
                        + " within "
                        + START_TIMEOUT.toSeconds()
                        + " s; its log: "
                        + readLog());
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private String readLog() {
        try {
            String text = Files.readString(logFile);
            return text.length() <= 2000
                    ? text.strip()
                    : text.substring(text.length() - 2000).strip();
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // Called from the shutdown hook, where nothing can be done about it.
        }
    }
}
