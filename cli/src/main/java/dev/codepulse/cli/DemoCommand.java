package dev.codepulse.cli;

import dev.codepulse.cli.demo.Demo;
import dev.codepulse.cli.demo.DemoSettings;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the whole pipeline in this process with a built-in workload and a live view. */
@Command(
        name = "demo",
        description = {
            "Runs the whole pipeline in this process: an embedded Kafka broker, Redis (redis-server"
                    + " from PATH, REDIS_URL, or none), workers, metrics-streams and the optimizer,"
                    + " fed with a built-in workload in every language whose toolchain is installed.",
            "Shows live statistics and recommendations; stops after --duration or on Ctrl-C."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "2m",
            description =
                    "How long to run, such as 90s or 5m; 0s runs until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(
            names = "--rate",
            paramLabel = "PER_SECOND",
            defaultValue = "3",
            description = "Submissions posted per second. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--workers",
            paramLabel = "COUNT",
            defaultValue = "1",
            description =
                    "Worker processes to simulate in this process. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(
            names = "--slots",
            paramLabel = "COUNT",
            defaultValue = "2",
            description = "Execution slots per worker. Default: ${DEFAULT-VALUE}.")
    int slots;

    @Option(
            names = "--window",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "20s",
            description = "Size of the statistics windows, 5s to 1h. Default: ${DEFAULT-VALUE}.")
    Duration window;

    @Option(
            names = "--refresh",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "5s",
            description =
                    "How often the live view is printed, 500ms to 10m. Default: ${DEFAULT-VALUE}.")
    Duration refresh;

    @Option(
            names = "--no-redis",
            description = "Do not use Redis; workers cache only in their own memory.")
    boolean noRedis;

    @Override
    public Integer call() {
        if (rate <= 0 || rate > 100) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "Invalid --rate " + rate + "; expected more than 0 and at most 100 per second");
        }
        if (workers < 1 || workers > 8 || slots < 1 || slots > 16) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "Invalid --workers "
                            + workers
                            + " or --slots "
                            + slots
                            + "; expected 1 to 8 workers and 1 to 16 slots");
        }
        if (window.compareTo(Duration.ofSeconds(5)) < 0
                || window.compareTo(Duration.ofHours(1)) > 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "Invalid --window of " + window.toMillis() + " ms; expected 5s to 1h");
        }
        if (refresh.compareTo(Duration.ofMillis(500)) < 0
                || refresh.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "Invalid --refresh of " + refresh.toMillis() + " ms; expected 500ms to 10m");
        }
        DemoSettings settings =
                new DemoSettings(
                        workers,
                        slots,
                        rate,
                        window,
                        duration.isZero() ? null : duration,
                        !noRedis,
                        refresh);
        return new Demo(settings, spec.commandLine().getOut()).run();
    }
}
