package dev.codepulse.cli;

import dev.codepulse.common.config.ConfigLoader;
import dev.codepulse.common.config.ServiceConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.Option;

/**
 * Options shared by the client commands: where the cluster is and how to talk to it. Settings are
 * read from {@code --config}, then CODEPULSE_* environment variables, then the options.
 */
final class ConnectionOptions {
    @Option(
            names = {"-b", "--bootstrap-servers"},
            paramLabel = "HOST:PORT[,HOST:PORT...]",
            description =
                    "Kafka brokers to connect to. Default: bootstrap.servers from --config or the environment, else 127.0.0.1:9092.")
    String bootstrapServers;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            description =
                    "Prefix of every topic name, as configured on the services. Default: none.")
    String topicPrefix;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description =
                    "Properties file with connection settings, such as kafka.security.protocol or schema.registry.url.")
    Path configFile;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "Sets one configuration key; repeatable. Wins over --config and the environment.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** Returns the merged settings for a client command. */
    ClientConfig load() {
        ConfigLoader loader = new ConfigLoader();
        if (configFile != null) {
            loader.withFile(configFile);
        }
        loader.withEnvironment(System.getenv());
        Map<String, String> explicit = new LinkedHashMap<>(overrides);
        if (bootstrapServers != null) {
            explicit.put(ServiceConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (topicPrefix != null) {
            explicit.put(ServiceConfig.TOPIC_PREFIX_CONFIG, topicPrefix);
        }
        return new ClientConfig(loader.withOverrides(explicit).load());
    }

    /** The shared service keys, used by the client commands. */
    static final class ClientConfig extends ServiceConfig {
        ClientConfig(Map<String, String> values) {
            super(ServiceConfig.define(new ConfigDef(), -1), values);
        }
    }
}
