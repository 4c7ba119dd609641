package dev.codepulse.cli;

import dev.codepulse.common.config.ConfigDocs;
import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.worker.WorkerConfig;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints every configuration key of a service as a Markdown table. */
@Command(
        name = "config",
        description =
                "Prints every configuration key of a service with its environment variable, type, default, valid values and meaning, as a Markdown table.",
        mixinStandardHelpOptions = true)
final class ConfigCommand implements Callable<Integer> {
    /** The services whose configuration can be printed. */
    enum Service {
        worker,
        streams,
        optimizer
    }

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SERVICE", description = "One of: ${COMPLETION-CANDIDATES}.")
    Service service;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ConfigDocs.markdownTable(definition(service)));
        return 0;
    }

    /** Returns the configuration definition of a service. */
    static ConfigDef definition(Service service) {
        return switch (service) {
            case worker -> WorkerConfig.configDef();
            case streams -> StreamsCommand.configDef();
            case optimizer -> OptimizerConfig.configDef();
        };
    }
}
