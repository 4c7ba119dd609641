package dev.codepulse.cli;

import dev.codepulse.common.config.ConfigDocs;
import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.worker.WorkerConfig;
import dev.codepulse.worker.language.Language;
import dev.codepulse.worker.language.Languages;
import java.io.PrintWriter;
import java.util.Map;
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
        PrintWriter out = spec.commandLine().getOut();
        out.print(ConfigDocs.markdownTable(definition(service)));
        if (service == Service.worker) {
            out.println();
            out.print(ConfigDocs.markdownTable(languageKeys()));
        }
        out.flush();
        return 0;
    }

    /**
     * Returns the keys of the built-in languages under {@code language.ID.}, which each language
     * class defines for itself.
     */
    static ConfigDef languageKeys() {
        ConfigDef keys = new ConfigDef();
        Languages.BUILT_IN.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> addLanguageKeys(keys, entry.getKey(), entry.getValue()));
        return keys;
    }

    private static void addLanguageKeys(ConfigDef keys, String id, Class<? extends Language> type) {
        Language language;
        try {
            language = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Failed to create language " + type.getName(), e);
        }
        for (ConfigDef.ConfigKey key : language.configDef().configKeys().values()) {
            keys.define(
                    new ConfigDef.ConfigKey(
                            "language." + id + "." + key.name,
                            key.type,
                            key.defaultValue,
                            key.validator,
                            key.importance,
                            key.documentation,
                            key.group,
                            key.orderInGroup,
                            key.width,
                            key.displayName,
                            key.dependents,
                            key.recommender,
                            key.internalConfig));
        }
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
