package dev.codepulse.cli.demo;

import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The embedded demo: starts the local pipeline, posts the workload, prints the live view until the
 * duration ends or the JVM is interrupted, then stops everything it started.
 */
public final class Demo {
    private final DemoSettings settings;
    private final PrintWriter out;

    public Demo(DemoSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the demo; returns the process exit status. */
    public int run() {
        List<String> languages = DemoLanguages.available();
        reportLanguages(languages);
        if (languages.isEmpty()) {
            out.println("No toolchain found; install at least python3 to run the demo.");
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            stop.countDown();
                            awaitQuietly(stopped);
                        },
                        "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long startedNanos = System.nanoTime();
        // The last line is printed before the shutdown hook is released: once it returns, the JVM
        // halts.
        try {
            try (LocalPipeline pipeline = LocalPipeline.start(settings, languages, out)) {
                banner(pipeline, languages, Duration.ofNanos(System.nanoTime() - startedNanos));
                runWorkload(pipeline, languages, stop);
                out.println(
                        "... Stopping: the workload, the live view, the optimizer, metrics-streams, the workers, Redis and the broker");
                out.flush();
            }
            out.println("Stopped cleanly.");
            out.flush();
        } finally {
            stopped.countDown();
            removeHook(hook);
        }
        return 0;
    }

    private void runWorkload(LocalPipeline pipeline, List<String> languages, CountDownLatch stop) {
        LiveState state = new LiveState();
        try (KafkaProducer<String, Submission> producer = producer(pipeline.bootstrapServers());
                SubmissionGenerator generator =
                        new SubmissionGenerator(
                                DemoWorkload.programs(languages),
                                submission ->
                                        producer.send(
                                                new ProducerRecord<>(
                                                        Topics.SUBMISSIONS.name(),
                                                        submission.getId(),
                                                        submission)),
                                settings.rate());
                LiveFeed feed = new LiveFeed(pipeline.bootstrapServers(), state)) {
            feed.start();
            generator.start();
            long startedNanos = System.nanoTime();
            boolean tty = System.console() != null;
            while (!awaitStop(stop, startedNanos)) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
                String view =
                        LiveView.render(
                                state.snapshot(), elapsed, settings.duration(), generator.posted());
                out.print(tty ? "\033[H\033[2J" + view : view + System.lineSeparator());
                out.flush();
                if (!pipeline.healthy()) {
                    out.println(
                            "A service stopped unexpectedly; see the log above. Stopping the demo.");
                    break;
                }
            }
        }
    }

    // Waits one refresh interval; returns true when the demo must stop.
    private boolean awaitStop(CountDownLatch stop, long startedNanos) {
        long waitNanos = settings.refresh().toNanos();
        if (settings.duration() != null) {
            long leftNanos = settings.duration().toNanos() - (System.nanoTime() - startedNanos);
            if (leftNanos <= 0) {
                return true;
            }
            waitNanos = Math.min(waitNanos, leftNanos);
        }
        try {
            return stop.await(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void reportLanguages(List<String> languages) {
        for (String language : DemoLanguages.all()) {
            if (!languages.contains(language)) {
                out.println(
                        "NOTE: "
                                + language
                                + " is left out of the workload: missing "
                                + DemoLanguages.toolsOf(language));
            }
        }
        out.flush();
    }

    private void banner(LocalPipeline pipeline, List<String> languages, Duration startup) {
        out.println();
        out.printf(
                "codepulse is running (started in %.1f s). Broker: %s  Languages: %s%n",
                startup.toMillis() / 1000.0,
                pipeline.bootstrapServers(),
                String.join(", ", languages));
        out.printf(
                "Cache: %s.  Isolation: %s.%n",
                pipeline.sharedCache() ? "in-process tier plus Redis" : "in-process tier only",
                pipeline.insecure() ? "NONE (demo programs only)" : "sandbox");
        pipeline.endpoints().forEach((name, url) -> out.printf("  %-16s %s%n", name, url));
        out.printf(
                "Posting %.1f submissions/s; windows of %d s; the view refreshes every %d s.%n%n",
                settings.rate(), settings.window().toSeconds(), settings.refresh().toSeconds());
        out.flush();
    }

    private static KafkaProducer<String, Submission> producer(String bootstrapServers) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.LINGER_MS_CONFIG,
                        "5"),
                new StringSerializer(),
                EventSerdes.singleObject().serde(Submission.class));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down, which is why the demo ended.
        }
    }
}
