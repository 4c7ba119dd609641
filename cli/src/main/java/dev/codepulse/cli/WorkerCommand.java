package dev.codepulse.cli;

import dev.codepulse.worker.ExecutorWorker;
import dev.codepulse.worker.WorkerConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs one executor-worker process. */
@Command(
        name = "worker",
        description = {
            "Runs an executor worker: consumes submissions, judges them in the sandbox and publishes"
                    + " execution reports. Start more workers with the same worker.group.id to scale out.",
            "Needs root, bubblewrap and the language toolchains for full isolation; see 'codepulse"
                    + " config worker' for every key."
        },
        mixinStandardHelpOptions = true)
final class WorkerCommand implements Callable<Integer> {
    @Mixin ServiceOptions options;

    @Override
    public Integer call() {
        ExecutorWorker worker = ExecutorWorker.start(new WorkerConfig(options.load()));
        return ServiceRunner.runUntilStopped("worker", worker, worker::isRunning);
    }
}
