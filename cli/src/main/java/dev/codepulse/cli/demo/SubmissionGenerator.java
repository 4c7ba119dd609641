package dev.codepulse.cli.demo;

import dev.codepulse.schemas.CheckerMode;
import dev.codepulse.schemas.Submission;
import dev.codepulse.schemas.TestCase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts submissions of the demo workload at a steady rate from its own thread. */
final class SubmissionGenerator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SubmissionGenerator.class);
    private static final List<TestCase> TESTS =
            List.of(
                    new TestCase("small", "3 4\n", "7\n"),
                    new TestCase("large", "1000000000 2000000000\n", "3000000000\n"));

    private final List<DemoProgram> weighted = new ArrayList<>();
    private final Consumer<Submission> sink;
    private final double perSecond;
    private final Random random = new Random(20261204L);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong posted = new AtomicLong();
    private final Thread thread;

    /**
     * @param sink posts one submission; called from the generator's thread
     * @param perSecond submissions posted per second
     */
    SubmissionGenerator(List<DemoProgram> programs, Consumer<Submission> sink, double perSecond) {
        for (DemoProgram program : programs) {
            for (int i = 0; i < program.weight(); i++) {
                weighted.add(program);
            }
        }
        if (weighted.isEmpty()) {
            throw new IllegalArgumentException(
                    "The demo workload has no program for the available languages");
        }
        this.sink = sink;
        this.perSecond = perSecond;
        this.thread = new Thread(this::run, "demo-submissions");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Returns how many submissions were posted. */
    long posted() {
        return posted.get();
    }

    private void run() {
        long intervalNanos = (long) (1_000_000_000L / perSecond);
        long next = System.nanoTime();
        while (running.get()) {
            try {
                sink.accept(next());
                posted.incrementAndGet();
            } catch (RuntimeException e) {
                log.warn("Failed to post a demo submission", e);
            }
            next += intervalNanos;
            long sleepNanos = next - System.nanoTime();
            if (sleepNanos > 0) {
                try {
                    Thread.sleep(
                            Duration.ofNanos(sleepNanos).toMillis(),
                            (int) (sleepNanos % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Submission next() {
        DemoProgram program = weighted.get(random.nextInt(weighted.size()));
        long number = posted.get();
        String source =
                program.fresh()
                        ? program.source() + comment(program.language()) + " copy " + number + "\n"
                        : program.source();
        return Submission.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setProblemId("sum")
                .setLanguage(program.language())
                .setSource(source)
                .setTests(TESTS)
                .setLimits(program.limits())
                .setCheckerMode(CheckerMode.NORMALIZED)
                .setSubmittedAt(Instant.now())
                .setAttributes(
                        Map.of("demo.program", program.name(), "demo.expected", program.expected()))
                .build();
    }

    private static String comment(String language) {
        return language.equals("python") ? "#" : "//";
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
