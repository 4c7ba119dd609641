package dev.codepulse.worker;

import dev.codepulse.common.config.ConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one worker process until it receives SIGTERM or SIGINT. The usual entry point is {@code
 * codepulse worker}; this one serves deployments and tests that start the worker module alone.
 *
 * <p>Arguments: {@code [--config FILE] [KEY=VALUE ...]}. Settings come from the file, then
 * CODEPULSE_* environment variables, then the arguments.
 */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) throws InterruptedException {
        ConfigLoader loader = new ConfigLoader();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                loader.withFile(Path.of(args[++i]));
            } else if (args[i].contains("=")) {
                int equals = args[i].indexOf('=');
                overrides.put(args[i].substring(0, equals), args[i].substring(equals + 1));
            } else {
                System.err.println(
                        "Invalid argument '" + args[i] + "'; expected --config FILE or KEY=VALUE");
                System.exit(2);
            }
        }
        loader.withEnvironment(System.getenv()).withOverrides(overrides);
        ExecutorWorker worker = ExecutorWorker.start(new WorkerConfig(loader.load()));
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "worker-shutdown"));
        worker.awaitTermination();
    }
}
