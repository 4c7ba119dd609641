package dev.codepulse.cli;

import dev.codepulse.schemas.Evidence;
import dev.codepulse.schemas.Recommendation;
import dev.codepulse.schemas.RecommendationState;
import dev.codepulse.schemas.Severity;
import dev.codepulse.schemas.Topic;
import dev.codepulse.schemas.Topics;
import dev.codepulse.schemas.serde.EventSerdes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints recommendations as the optimizer publishes them. */
@Command(
        name = "watch",
        description =
                "Prints recommendations from the recommendations topic as they are opened, updated and resolved.",
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class WatchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--min-severity",
            paramLabel = "SEVERITY",
            defaultValue = "LOW",
            description =
                    "Lowest severity shown: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Severity minSeverity;

    @Option(
            names = "--state",
            paramLabel = "STATE",
            description = "Show only this state: ${COMPLETION-CANDIDATES}. Default: all.")
    RecommendationState state;

    @Option(
            names = "--target",
            paramLabel = "TEXT",
            description = "Show only targets containing this text, such as cpp or worker.run.")
    String target;

    @Option(
            names = "--from-beginning",
            description =
                    "Start with the recommendations already on the topic (the latest of each, once compacted).")
    boolean fromBeginning;

    @Option(
            names = "--max",
            paramLabel = "COUNT",
            defaultValue = "0",
            description =
                    "Exit after printing this many recommendations; 0 means no limit. Default: ${DEFAULT-VALUE}.")
    int max;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Exit after this long, such as 5m. Default: run until interrupted.")
    Duration timeout;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConnectionOptions.ClientConfig config = connection.load();
        Topic<String, Recommendation> topic = config.topic(Topics.RECOMMENDATIONS);
        Map<String, Object> properties =
                config.clientProperties(
                        Map.of(
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "codepulse-watch-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                fromBeginning ? "earliest" : "latest",
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                "false",
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"));
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        int printed = 0;
        try (EventSerdes serdes = config.eventSerdes();
                KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(
                                properties,
                                new ByteArrayDeserializer(),
                                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic.name()));
            out.println(
                    "Watching "
                            + topic.name()
                            + " on "
                            + config.bootstrapServers()
                            + " (Ctrl-C to stop)");
            out.flush();
            while (System.nanoTime() < deadline && (max == 0 || printed < max)) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    if (max > 0 && printed >= max) {
                        break;
                    }
                    Recommendation recommendation =
                            topic.valueSerde(serdes)
                                    .deserializer()
                                    .deserialize(record.topic(), record.value());
                    if (recommendation != null && matches(recommendation)) {
                        out.println(format(recommendation));
                        out.flush();
                        printed++;
                    }
                }
            }
        }
        return 0;
    }

    private boolean matches(Recommendation recommendation) {
        return recommendation.getSeverity().ordinal() >= minSeverity.ordinal()
                && (state == null || recommendation.getState() == state)
                && (target == null || recommendation.getTarget().contains(target));
    }

    /** Formats one recommendation as a line, its evidence and suggested action below it. */
    static String format(Recommendation recommendation) {
        StringBuilder line = new StringBuilder();
        line.append(
                String.format(
                        "%s %-8s %-8s %s %s:%s impact %.1f (rev %d)",
                        recommendation.getUpdatedAt(),
                        recommendation.getSeverity(),
                        recommendation.getState(),
                        recommendation.getRule(),
                        recommendation.getTargetKind().name().toLowerCase(java.util.Locale.ROOT),
                        recommendation.getTarget(),
                        recommendation.getImpactScore(),
                        recommendation.getRevision()));
        for (Evidence evidence : recommendation.getEvidence()) {
            line.append("\n    ").append(evidence.getSummary());
        }
        line.append("\n    Suggested: ").append(recommendation.getSuggestedAction());
        return line.toString();
    }
}
