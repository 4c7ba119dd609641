package dev.codepulse.cli;

import dev.codepulse.common.config.ConfigLoader;
import dev.codepulse.common.config.ServiceConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of the commands that run a service: its properties file and explicit overrides. */
final class ServiceOptions {
    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description =
                    "The service's properties file. Keys are listed by 'codepulse config SERVICE'.")
    Path configFile;

    @Option(
            names = {"-b", "--bootstrap-servers"},
            paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka brokers; overrides bootstrap.servers.")
    String bootstrapServers;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "Sets one configuration key; repeatable. Wins over --config and CODEPULSE_* variables.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** Returns the merged configuration: file, then environment, then options. */
    Map<String, String> load() {
        ConfigLoader loader = new ConfigLoader();
        if (configFile != null) {
            loader.withFile(configFile);
        }
        loader.withEnvironment(System.getenv());
        Map<String, String> explicit = new LinkedHashMap<>(overrides);
        if (bootstrapServers != null) {
            explicit.put(ServiceConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        return loader.withOverrides(explicit).load();
    }
}
