package dev.codepulse.cli;

import dev.codepulse.streams.MetricsStreamsConfig;
import dev.codepulse.streams.MetricsStreamsService;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs one instance of the metrics-streams application. */
@Command(
        name = "streams",
        description = {
            "Runs metrics-streams: aggregates execution reports and function samples into"
                    + " per-language and per-function windows, exactly once, and serves them over HTTP.",
            "Start more instances with the same application.id to share the partitions; see"
                    + " 'codepulse config streams' for every key."
        },
        mixinStandardHelpOptions = true)
final class StreamsCommand implements Callable<Integer> {
    @Mixin ServiceOptions options;

    @Override
    public Integer call() {
        MetricsStreamsService service =
                MetricsStreamsService.start(new MetricsStreamsConfig(options.load()));
        return ServiceRunner.runUntilStopped("streams", service, service::isRunning);
    }

    static ConfigDef configDef() {
        return MetricsStreamsConfig.configDef();
    }
}
