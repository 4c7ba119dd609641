package dev.codepulse.cli.demo;

import dev.codepulse.localstack.EmbeddedKafka;
import dev.codepulse.localstack.RedisServer;
import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.optimizer.OptimizerService;
import dev.codepulse.streams.MetricsStreamsConfig;
import dev.codepulse.streams.MetricsStreamsService;
import dev.codepulse.worker.ExecutorWorker;
import dev.codepulse.worker.SandboxUnavailableException;
import dev.codepulse.worker.WorkerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole pipeline in one process: an embedded broker, Redis (a child process, a given URL, or
 * none), workers, metrics-streams and the optimizer, with settings tuned for a short demo.
 */
final class LocalPipeline implements AutoCloseable {
    private final DemoSettings settings;
    private final PrintWriter out;
    private final Path directory;
    private final List<AutoCloseable> started = new ArrayList<>();
    private EmbeddedKafka kafka;
    private String redisUrl = "";
    private boolean insecure;
    private final List<ExecutorWorker> workers = new ArrayList<>();
    private MetricsStreamsService streams;
    private OptimizerService optimizer;

    private LocalPipeline(DemoSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
        try {
            this.directory = Files.createTempDirectory("codepulse-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create the demo's data directory", e);
        }
    }

    /** Starts every part, or stops what started and rethrows. */
    static LocalPipeline start(DemoSettings settings, List<String> languages, PrintWriter out) {
        LocalPipeline pipeline = new LocalPipeline(settings, out);
        try {
            pipeline.startAll(languages);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    private void startAll(List<String> languages) {
        step("Starting the Kafka broker (KRaft, in this process)");
        kafka =
                EmbeddedKafka.start(
                        EmbeddedKafka.Options.defaults()
                                .withDataDirectory(directory.resolve("kafka")));
        started.add(kafka);
        startRedis();
        for (int i = 0; i < settings.workers(); i++) {
            step("Starting worker " + (i + 1) + " of " + settings.workers());
            workers.add(startWorker(i, languages));
        }
        step("Starting metrics-streams");
        streams = MetricsStreamsService.start(new MetricsStreamsConfig(streamsConfig()));
        started.add(streams);
        step("Starting the optimizer");
        optimizer = new OptimizerService(new OptimizerConfig(optimizerConfig())).start();
        started.add(optimizer);
    }

    private void startRedis() {
        String url = System.getenv("REDIS_URL");
        if (!settings.useRedis()) {
            out.println(
                    "WARNING: Redis disabled by --no-redis; workers cache results only in their own memory.");
        } else if (url != null && !url.isBlank()) {
            redisUrl = url;
            step("Using Redis at REDIS_URL");
        } else if (RedisServer.findExecutable().isPresent()) {
            step("Starting redis-server (maxmemory 128 MiB, allkeys-lru)");
            RedisServer redis =
                    RedisServer.start(new RedisServer.Options(0, 128L << 20, "allkeys-lru"));
            started.add(redis);
            redisUrl = redis.url();
        } else {
            out.println(
                    "WARNING: redis-server is not on PATH and REDIS_URL is not set; workers cache"
                            + " results only in their own memory. Install redis-server to see the"
                            + " shared cache tier.");
        }
        out.flush();
    }

    private ExecutorWorker startWorker(int index, List<String> languages) {
        Map<String, Object> config = common("demo-worker-" + (index + 1));
        config.put("worker.group.id", "codepulse-demo-workers");
        config.put("executor.slots", Integer.toString(settings.slots()));
        config.put("worker.max.in.flight", Integer.toString(settings.slots() * 2));
        config.put("languages", String.join(",", languages));
        config.put("sandbox.uid.first", Integer.toString(61_000 + index * 100));
        config.put("cache.redis.url", redisUrl);
        config.put("profiler.flush.interval.ms", "5000");
        if (insecure) {
            config.put("sandbox.allow.insecure", "true");
            // The default root under /run needs root; without isolation any directory will do.
            config.put("sandbox.work.root.dir", directory.resolve("sandbox").toString());
        }
        try {
            ExecutorWorker worker = ExecutorWorker.start(new WorkerConfig(config));
            started.add(worker);
            return worker;
        } catch (SandboxUnavailableException e) {
            if (insecure) {
                throw e;
            }
            out.println("WARNING: the sandbox is unavailable here: " + e.getMessage());
            out.println(
                    "WARNING: the demo therefore runs its own built-in programs WITHOUT isolation."
                            + " Never run untrusted code this way: a worker refuses it unless started"
                            + " with sandbox.allow.insecure=true.");
            out.flush();
            insecure = true;
            return startWorker(index, languages);
        }
    }

    private Map<String, Object> streamsConfig() {
        Map<String, Object> config = common("demo-streams");
        config.put("application.id", "codepulse-demo-streams");
        config.put("state.dir", directory.resolve("streams").toString());
        config.put("window.size.ms", Long.toString(settings.window().toMillis()));
        config.put("window.grace.ms", "2000");
        config.put("window.idle.close.ms", "3000");
        config.put("commit.interval.ms", "500");
        return config;
    }

    // Demo windows are short and hold tens of submissions, not thousands, so rules need fewer
    // samples than in production before they speak.
    private Map<String, Object> optimizerConfig() {
        Map<String, Object> config = common("demo-optimizer");
        config.put("optimizer.state.dir", directory.resolve("optimizer").toString());
        config.put("optimizer.window.settle.ms", "2000");
        config.put("health.min.samples", "5");
        for (String rule :
                List.of(
                        "slow.function",
                        "latency.regression",
                        "cache.hit.rate",
                        "runtime.error.rate",
                        "time.limit.rate",
                        "memory.limit.rate",
                        "internal.error.rate",
                        "slow.compilation",
                        "memory.pressure",
                        "queue.growth")) {
            config.put("rule." + rule + ".min.samples", "5");
        }
        // Compiling C++ or Java takes about a second on a small machine; budgets that expect
        // that keep the slow-function rule for real outliers.
        config.put(
                "rule.slow.function.budget.overrides",
                "worker.compile.c:1000,worker.compile.cpp:3000,worker.compile.java:3000,"
                        + "worker.run.java:1000,worker.run.javascript:1000,worker.queue:2000");
        return config;
    }

    private Map<String, Object> common(String instanceId) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("instance.id", instanceId);
        config.put("topic.partitions", "3");
        config.put("http.port", "0");
        return config;
    }

    private void step(String message) {
        out.println("... " + message);
        out.flush();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    boolean insecure() {
        return insecure;
    }

    boolean sharedCache() {
        return !redisUrl.isEmpty();
    }

    /** Returns the HTTP endpoints of the services, for the start banner. */
    Map<String, String> endpoints() {
        Map<String, String> endpoints = new java.util.LinkedHashMap<>();
        for (int i = 0; i < workers.size(); i++) {
            endpoints.put(
                    "worker " + (i + 1),
                    "http://127.0.0.1:" + workers.get(i).httpPort() + "/status");
        }
        endpoints.put("metrics-streams", "http://127.0.0.1:" + streams.httpPort() + "/");
        endpoints.put("optimizer", "http://127.0.0.1:" + optimizer.httpPort() + "/recommendations");
        return endpoints;
    }

    /** Returns true while every service runs. */
    boolean healthy() {
        return workers.stream().allMatch(ExecutorWorker::isRunning)
                && streams.isRunning()
                && optimizer.isRunning();
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                out.println(
                        "WARNING: failed to stop "
                                + started.get(i).getClass().getSimpleName()
                                + ": "
                                + e);
            }
        }
        deleteDirectory();
    }

    private void deleteDirectory() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            out.println(
                    "WARNING: failed to delete the demo data directory " + directory + ": " + e);
        }
    }
}
