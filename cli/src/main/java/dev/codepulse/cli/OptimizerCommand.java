package dev.codepulse.cli;

import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.optimizer.OptimizerService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the optimizer service. */
@Command(
        name = "optimizer",
        description = {
            "Runs the optimizer: turns language-stats and function-stats windows into"
                    + " recommendations, health scores and bounded optimizer actions.",
            "See 'codepulse config optimizer' for every key."
        },
        mixinStandardHelpOptions = true)
final class OptimizerCommand implements Callable<Integer> {
    @Mixin ServiceOptions options;

    @Override
    public Integer call() {
        OptimizerService service =
                new OptimizerService(new OptimizerConfig(options.load())).start();
        return ServiceRunner.runUntilStopped("optimizer", service, service::isRunning);
    }
}
